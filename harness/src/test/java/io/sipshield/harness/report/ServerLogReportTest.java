package io.sipshield.harness.report;

import static io.sipshield.harness.report.HtmlDocuments.byClass;
import static io.sipshield.harness.report.HtmlDocuments.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipshield.harness.run.Check;
import io.sipshield.harness.run.Observation;
import io.sipshield.harness.run.ScenarioResult;
import io.sipshield.harness.run.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** What the mock PBX logged, next to the case in the JSON, HTML and JUnit reports; nothing when it said nothing. */
class ServerLogReportTest {

    private static final Observation.LogLine CLOSING = new Observation.LogLine(SampleResults.T0, "WARN",
            "ClientCertificateGate", "closing /127.0.0.1:40000 after the TLS handshake: verify_client: <untrusted> & gone");

    private static ScenarioResult withLog(List<Observation.LogLine> lines, long dropped) {
        Observation observation = new Observation(
                new Observation.TlsObservation(false, null, null, null, "closed after the handshake"), Map.of(), null,
                null, new Observation.ServerObservation(0, Map.of(), Map.of(), lines, dropped), List.of());
        return new ScenarioResult(SampleResults.ROOT.resolve("asterisk/client-certificates.yaml"), "refused",
                Verdict.FAIL, List.of(new Check("sip.register", "200", "(none)", false)), null, Duration.ofMillis(5),
                List.of(), observation, "require-verify-untrusted");
    }

    /** A run against a real server: no mock, so no server facts at all. */
    private static ScenarioResult againstATarget() {
        Observation observation = new Observation(new Observation.TlsObservation(true, "TLSv1.2", "x", 0L, null),
                Map.of("register", 200), null, null, null, List.of());
        return new ScenarioResult(SampleResults.ROOT.resolve("target.yaml"), "target", Verdict.PASS, List.of(), null,
                Duration.ofMillis(5), List.of(), observation);
    }

    private static JsonNode json(List<ScenarioResult> results) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonReporter(SampleResults.ROOT).write(results, out);
        return new ObjectMapper().readTree(out.toByteArray());
    }

    @Test
    void jsonCarriesTheLinesOfTheCaseWhoseMockSaidSomethingAndNothingForTheOthers() throws Exception {
        JsonNode scenarios = json(List.of(withLog(List.of(CLOSING), 0), SampleResults.PASSED, againstATarget(),
                SampleResults.ERRORED)).get("scenarios");
        JsonNode log = scenarios.get(0).get("server_log");
        assertEquals(1, log.size(), log.toString());
        assertEquals("2026-01-01T00:00:00Z", log.get(0).get("time").asText());
        assertEquals("WARN", log.get(0).get("level").asText());
        assertEquals("ClientCertificateGate", log.get(0).get("source").asText());
        assertEquals(CLOSING.text(), log.get(0).get("text").asText());
        assertNull(scenarios.get(0).get("server_log_dropped"));
        for (int i = 1; i < 4; i++) {
            assertNull(scenarios.get(i).get("server_log"), scenarios.get(i).toString());
        }
    }

    @Test
    void jsonSaysHowManyOlderLinesWereNotKept() throws Exception {
        JsonNode scenario = json(List.of(withLog(List.of(CLOSING), 7))).get("scenarios").get(0);
        assertEquals(7, scenario.get("server_log_dropped").asLong());
    }

    @Test
    void htmlShowsAPbxLogSectionWithTheTextEscapedOnlyWhereTheMockSaidSomething() throws Exception {
        String page = HtmlDocuments.html(List.of(withLog(List.of(CLOSING), 2), SampleResults.PASSED, againstATarget()));
        assertFalse(page.contains("<untrusted>"), "the text is escaped");
        Document html = HtmlDocuments.parse(page);
        Element warned = section(html, 0);
        List<Element> pre = byClass(warned, "pre", "pbx-log");
        assertEquals(1, pre.size());
        assertTrue(pre.get(0).getTextContent().contains("WARN ClientCertificateGate: " + CLOSING.text()),
                pre.get(0).getTextContent());
        assertTrue(warned.getTextContent().contains("PBX log"), warned.getTextContent());
        assertTrue(byClass(warned, "p", "pbx-log-dropped").get(0).getTextContent().contains("2 earlier lines"));
        for (int i = 1; i < 3; i++) {
            assertFalse(section(html, i).getTextContent().contains("PBX log"), section(html, i).getTextContent());
            assertTrue(byClass(section(html, i), "pre", "pbx-log").isEmpty());
        }
    }

    @Test
    void junitPutsTheLinesInTheCasesSystemOut() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JUnitXmlReporter(SampleResults.ROOT).write(List.of(withLog(List.of(CLOSING), 0), SampleResults.PASSED), out);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toByteArray()));
        Element warned = (Element) xml.getElementsByTagName("testcase").item(0);
        String systemOut = warned.getElementsByTagName("system-out").item(0).getTextContent();
        assertTrue(systemOut.contains("pbx: 2026-01-01T00:00:00Z WARN ClientCertificateGate: " + CLOSING.text()),
                systemOut);
        Element passed = (Element) xml.getElementsByTagName("testcase").item(1);
        String passedOut = passed.getElementsByTagName("system-out").getLength() == 0 ? ""
                : passed.getElementsByTagName("system-out").item(0).getTextContent();
        assertFalse(passedOut.contains("pbx: "), passedOut);
    }
}
