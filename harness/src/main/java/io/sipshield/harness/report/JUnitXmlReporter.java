package io.sipshield.harness.report;

import io.sipshield.harness.run.Check;
import io.sipshield.harness.run.Observation;
import io.sipshield.harness.run.ScenarioResult;
import io.sipshield.harness.run.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A run as JUnit XML (the Ant/Surefire shape CI servers read): one {@code testsuite}, one
 * {@code testcase} per scenario with {@code classname} its directory and {@code name} its file name.
 * A FAIL gets a {@code <failure>} whose message lists the expectations that did not hold, expected
 * against observed, and whose body is the whole check table; an ERROR gets {@code <error type="error">}
 * and an INVALID file {@code <error type="invalid">}, both with the reason. The scenario's about line,
 * its notes and what the mock PBX logged at WARN and above ({@code pbx: } lines) go to {@code <system-out>}.
 */
public final class JUnitXmlReporter {

    /** The suite name CI shows. */
    public static final String SUITE = "sipshield";

    private final ScenarioNames names;
    private final RunHeader header;

    /** @param root scenario paths are shown relative to it */
    public JUnitXmlReporter(Path root) {
        this(root, null);
    }

    /**
     * @param root   scenario paths are shown relative to it
     * @param header written as the suite's {@code <properties>} ({@link RunHeader#VERSION_PROPERTY} and the
     *               others); null for none
     */
    public JUnitXmlReporter(Path root, RunHeader header) {
        this.names = new ScenarioNames(root);
        this.header = header;
    }

    /** Writes the report to {@code file}, replacing it. */
    public void write(List<ScenarioResult> results, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(results, out);
        }
    }

    /** Writes the report as UTF-8 to {@code out}, which stays open. */
    public void write(List<ScenarioResult> results, OutputStream out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", SUITE);
            xml.writeAttribute("tests", Integer.toString(results.size()));
            xml.writeAttribute("failures", Long.toString(count(results, Verdict.FAIL)));
            xml.writeAttribute("errors", Long.toString(count(results, Verdict.ERROR) + count(results, Verdict.INVALID)));
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("time", seconds(results.stream().map(ScenarioResult::elapsed)
                    .reduce(Duration.ZERO, Duration::plus)));
            if (header != null) {
                properties(xml, header);
            }
            for (ScenarioResult result : results) {
                xml.writeCharacters("\n  ");
                testcase(xml, result);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("could not write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void properties(XMLStreamWriter xml, RunHeader header) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("properties");
        property(xml, RunHeader.VERSION_PROPERTY, header.version());
        property(xml, RunHeader.SHARD_PROPERTY, header.shard().toString());
        property(xml, RunHeader.SUITE_CASES_PROPERTY, Integer.toString(header.suite().cases()));
        property(xml, RunHeader.SUITE_DIGEST_PROPERTY, header.suite().digest());
        if (header.interrupted() > 0) {
            property(xml, RunHeader.INTERRUPTED_PROPERTY, Integer.toString(header.interrupted()));
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", XmlText.clean(value));
    }

    private void testcase(XMLStreamWriter xml, ScenarioResult result) throws XMLStreamException {
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", XmlText.clean(names.directory(result.file())));
        xml.writeAttribute("name", XmlText.clean(result.name(ScenarioNames.fileName(result.file()))));
        xml.writeAttribute("time", seconds(result.elapsed()));
        switch (result.verdict()) {
            case PASS -> { }
            case FAIL -> {
                xml.writeStartElement("failure");
                xml.writeAttribute("type", "expectations");
                xml.writeAttribute("message", XmlText.clean(failureMessage(result.failedChecks())));
                xml.writeCharacters(XmlText.clean(String.join("\n", MismatchTable.render(result.checks()))));
                xml.writeEndElement();
            }
            case ERROR, INVALID -> {
                xml.writeStartElement("error");
                xml.writeAttribute("type", result.verdict().name().toLowerCase(Locale.ROOT));
                xml.writeAttribute("message", XmlText.clean(result.error()));
                xml.writeCharacters(XmlText.clean(result.error()));
                xml.writeEndElement();
            }
        }
        String out = systemOut(result);
        if (!out.isEmpty()) {
            xml.writeStartElement("system-out");
            xml.writeCharacters(XmlText.clean(out));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    /** {@code tls.version: expected TLSv1.2, observed TLSv1.3; sip.register: expected 200, observed (none)}. */
    static String failureMessage(List<Check> failed) {
        return failed.stream()
                .map(check -> check.name() + ": expected " + check.expected() + ", observed " + check.observed())
                .collect(Collectors.joining("; "));
    }

    private static String systemOut(ScenarioResult result) {
        StringBuilder out = new StringBuilder();
        if (result.about() != null) {
            out.append("about: ").append(result.about()).append('\n');
        }
        for (String note : result.notes()) {
            out.append("observed: ").append(note).append('\n');
        }
        for (Observation.LogLine line : ServerLog.lines(result)) {
            out.append("pbx: ").append(ServerLog.format(line)).append('\n');
        }
        for (Check check : result.notObservableChecks()) {
            out.append(Check.NOT_OBSERVABLE).append(": ").append(check.name()).append(" (expected ")
                    .append(check.expected()).append(")\n");
        }
        return out.toString();
    }

    private static long count(List<ScenarioResult> results, Verdict verdict) {
        return results.stream().filter(result -> result.verdict() == verdict).count();
    }

    private static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.3f", elapsed.toNanos() / 1e9);
    }
}
