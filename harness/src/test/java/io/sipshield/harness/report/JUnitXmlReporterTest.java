package io.sipshield.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.harness.run.ScenarioResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlReporterTest {

    private static Document write(List<io.sipshield.harness.run.ScenarioResult> results) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JUnitXmlReporter(SampleResults.ROOT).write(results, out);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray()));
    }

    private static Element testcase(Document xml, int index) {
        return (Element) xml.getElementsByTagName("testcase").item(index);
    }

    @Test
    void countsEveryVerdictOnTheSuite() throws Exception {
        Element suite = (Element) write(SampleResults.ALL).getElementsByTagName("testsuite").item(0);
        assertEquals("sipshield", suite.getAttribute("name"));
        assertEquals("4", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("2", suite.getAttribute("errors"));
        assertEquals(4, suite.getElementsByTagName("testcase").getLength());
    }

    @Test
    void namesATestcaseByDirectoryAndFile() throws Exception {
        Element passed = testcase(write(SampleResults.ALL), 0);
        assertEquals("digium", passed.getAttribute("classname"));
        assertEquals("register.yaml", passed.getAttribute("name"));
        assertEquals("1.234", passed.getAttribute("time"));
        assertEquals(0, passed.getElementsByTagName("failure").getLength());
        assertEquals(0, passed.getElementsByTagName("error").getLength());
        assertEquals(".", testcase(write(SampleResults.ALL), 3).getAttribute("classname"));
    }

    @Test
    void everyRowOfATableOfCasesIsATestcaseNamedFileAndRow() throws Exception {
        List<ScenarioResult> rows = List.of(SampleResults.ALL.get(0).inCase("expired"),
                SampleResults.ALL.get(0).inCase("self-signed"));
        Document xml = write(rows);
        assertEquals("2", ((Element) xml.getElementsByTagName("testsuite").item(0)).getAttribute("tests"));
        assertEquals("register.yaml[expired]", testcase(xml, 0).getAttribute("name"));
        assertEquals("register.yaml[self-signed]", testcase(xml, 1).getAttribute("name"));
    }

    @Test
    void aFailureListsOnlyTheExpectationsThatDidNotHoldExpectedBesideObserved() throws Exception {
        Element failed = testcase(write(SampleResults.ALL), 1);
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertEquals("tls.bitmask: expected 0x40000002, observed 0x40000022; "
                + "tls.bitmask.EISSUER_MISMATCH: expected clear, observed set", failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("tls.established"), failure.getTextContent());
        assertTrue(failure.getTextContent().contains(MismatchTable.MARK), failure.getTextContent());
    }

    @Test
    void notesAndTheAboutLineGoToSystemOutWithForbiddenCharactersReplaced() throws Exception {
        NodeList out = testcase(write(SampleResults.ALL), 1).getElementsByTagName("system-out");
        String text = out.item(0).getTextContent();
        assertTrue(text.contains("observed: alice: certificate rejected <0x40000022> & dropped"), text);
        assertTrue(text.contains("about: bitmask \uFFFD example"), text);
    }

    @Test
    void anErrorAndAnInvalidFileAreErrorsOfTheirType() throws Exception {
        Document xml = write(SampleResults.ALL);
        Element error = (Element) testcase(xml, 2).getElementsByTagName("error").item(0);
        assertEquals("error", error.getAttribute("type"));
        assertEquals("timed out after 60 s", error.getAttribute("message"));
        Element invalid = (Element) testcase(xml, 3).getElementsByTagName("error").item(0);
        assertEquals("invalid", invalid.getAttribute("type"));
        assertTrue(invalid.getAttribute("message").startsWith("broken.yaml:2:1: unknown key"), invalid.getAttribute("message"));
    }

    @Test
    void anEmptyRunIsAnEmptySuite() throws Exception {
        Element suite = (Element) write(List.of()).getElementsByTagName("testsuite").item(0);
        assertEquals("0", suite.getAttribute("tests"));
    }

    @Test
    void anUnwritableFileIsAnIOException() {
        assertThrowsIo(() -> new JUnitXmlReporter(SampleResults.ROOT).write(SampleResults.ALL,
                java.nio.file.Path.of("/proc/no/such/dir/junit.xml")));
    }

    static void assertThrowsIo(org.junit.jupiter.api.function.Executable writing) {
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class, writing);
    }
}
