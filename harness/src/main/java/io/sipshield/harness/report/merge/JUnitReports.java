package io.sipshield.harness.report.merge;

import io.sipshield.harness.report.JUnitXmlReporter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the {@code testcase} elements of JUnit XML reports and writes them, whole (failure bodies,
 * system-out and all), into one report with one {@code testsuite} whose counts are recounted from the
 * cases. Documents with a DOCTYPE are refused (no external entities).
 */
final class JUnitReports {

    private JUnitReports() {
    }

    /** The {@code testcase} elements of {@code file}, in order. */
    static List<Element> testcases(Path file) throws ReportMergeException {
        Document document;
        try {
            document = builder().parse(file.toFile());
        } catch (SAXException e) {
            throw new ReportMergeException(file + ": not JUnit XML (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ReportMergeException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        Element root = document.getDocumentElement();
        if (!root.getTagName().equals("testsuites") && !root.getTagName().equals("testsuite")) {
            throw new ReportMergeException(file + ": expected JUnit XML (a <testsuites> or <testsuite> root), found <"
                    + root.getTagName() + ">");
        }
        NodeList cases = root.getElementsByTagName("testcase");
        List<Element> result = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            result.add((Element) cases.item(i));
        }
        return result;
    }

    /** {@code classname/name} of a test case: how JUnit tools tell cases apart. */
    static String id(Element testcase) {
        return testcase.getAttribute("classname") + "/" + testcase.getAttribute("name");
    }

    /**
     * Writes {@code testcases} (sorted by class name, then name) under one {@code testsuite} named
     * {@link JUnitXmlReporter#SUITE}, with {@code properties} from {@code properties}.
     */
    static void write(List<Element> testcases, Map<String, String> properties, Path file) throws IOException {
        Document document;
        try {
            document = builder().newDocument();
        } catch (ReportMergeException e) {
            throw new IOException(e.getMessage(), e);
        }
        Element suites = document.createElement("testsuites");
        document.appendChild(suites);
        Element suite = document.createElement("testsuite");
        suites.appendChild(suite);
        List<Element> sorted = testcases.stream()
                .sorted(Comparator.comparing((Element e) -> e.getAttribute("classname"))
                        .thenComparing(e -> e.getAttribute("name")))
                .toList();
        long failures = sorted.stream().filter(e -> has(e, "failure")).count();
        long errors = sorted.stream().filter(e -> has(e, "error")).count();
        long skipped = sorted.stream().filter(e -> has(e, "skipped")).count();
        double time = sorted.stream().mapToDouble(JUnitReports::time).sum();
        suite.setAttribute("name", JUnitXmlReporter.SUITE);
        suite.setAttribute("tests", Integer.toString(sorted.size()));
        suite.setAttribute("failures", Long.toString(failures));
        suite.setAttribute("errors", Long.toString(errors));
        suite.setAttribute("skipped", Long.toString(skipped));
        suite.setAttribute("time", String.format(Locale.ROOT, "%.3f", time));
        Element props = document.createElement("properties");
        suite.appendChild(props);
        properties.forEach((name, value) -> {
            Element property = document.createElement("property");
            property.setAttribute("name", name);
            property.setAttribute("value", value);
            props.appendChild(property);
        });
        for (Element testcase : sorted) {
            suite.appendChild(document.importNode(testcase, true));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.transform(new DOMSource(document), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IOException("could not write JUnit XML: " + e.getMessage(), e);
        }
    }

    /** The property of a merged report listing the shards it joins ({@code 1,2,3,4 of 4}). */
    static final String SHARDS_PROPERTY = "sipshield.merged.shards";

    private static boolean has(Element testcase, String child) {
        for (Node node = testcase.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(child)) {
                return true;
            }
        }
        return false;
    }

    private static double time(Element testcase) {
        try {
            return Double.parseDouble(testcase.getAttribute("time"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static DocumentBuilder builder() throws ReportMergeException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e; // reported once, with the file, by the caller; not printed on stderr
                }

                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new ReportMergeException("no safe XML parser: " + e.getMessage(), e);
        }
    }
}
