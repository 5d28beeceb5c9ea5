package io.sipshield.harness.report;

import io.sipshield.emulator.tls.VerifyFlag;
import io.sipshield.harness.run.Check;
import io.sipshield.harness.run.Observation;
import io.sipshield.harness.run.ScenarioResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * A run as one static, self-contained HTML page (XHTML syntax, so any XML parser reads it; inline CSS
 * and SVG, no script, no external asset). An index table links to one section per scenario with its
 * verdict, about line, error, every check (mismatches marked), the notes, what the mock PBX logged at WARN and
 * above ({@link ServerLog}, when it said something), a SIP ladder diagram
 * ({@link LadderDiagram}), the server chain as the phone received it with the certificates that failed a
 * check marked, the D-Series bitmask decoded flag by flag, the media counters ({@link MediaChart}) and each
 * phone's media over time ({@link MediaTimelineChart}).
 */
public final class HtmlReporter {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse;margin:.5em 0}
            td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left;font-size:.9em}
            th{background:#f3f3f3}
            .PASS{color:#1a7f37}.FAIL,.ERROR{color:#c62828}.INVALID{color:#b26a00}
            tr.mismatch td{background:#fdecea}
            tr.not-observable td{background:#eef2f7;font-style:italic}
            section.scenario{border-top:2px solid #ddd;margin-top:2em;padding-top:.5em}
            .error{font-family:monospace;color:#c62828}
            pre.pbx-log{font-family:monospace;font-size:.85em;background:#f7f7f7;padding:.5em;white-space:pre-wrap}
            li.failing{color:#c62828;font-weight:bold}
            tr.set td{background:#fdecea}
            svg text{font-family:monospace;font-size:12px}
            svg .lane{font-weight:bold;font-size:13px}
            svg .lifeline{stroke:#999;stroke-dasharray:4 3}
            svg .arrow{stroke:#1565c0;stroke-width:1.5}
            svg .head{fill:#1565c0}
            svg .received .arrow{stroke:#6a1b9a}
            svg .received .head{fill:#6a1b9a}
            svg .time{fill:#777}
            svg .bar{fill:#1565c0}
            svg .bar.bad{fill:#c62828}
            svg.media-timeline .series{fill:none;stroke-width:1.5}
            svg.media-timeline .series.sent{stroke:#1565c0}
            svg.media-timeline .series.received{stroke:#2e7d32;stroke-width:4;stroke-opacity:.6}
            svg.media-timeline .series.lost{stroke:#c62828}
            svg.media-timeline .series.jitter{stroke:#b26a00;stroke-dasharray:5 3}
            svg.media-timeline .area.received{fill:#2e7d32;fill-opacity:.12;stroke:none}
            svg.media-timeline .axis{stroke:#555}
            svg.media-timeline .gridline{stroke:#e4e4e4}
            svg.media-timeline .tick,svg.media-timeline .truncated{fill:#777}
            """;

    private final ScenarioNames names;
    private final RunHeader header;

    /** @param root scenario paths are shown relative to it */
    public HtmlReporter(Path root) {
        this(root, null);
    }

    /**
     * @param root   scenario paths are shown relative to it
     * @param header said under the title ({@link RunHeader#describe()}); null for nothing
     */
    public HtmlReporter(Path root, RunHeader header) {
        this.names = new ScenarioNames(root);
        this.header = header;
    }

    /** Writes the page to {@code file}, replacing it. */
    public void write(List<ScenarioResult> results, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(results, out);
        }
    }

    /** Writes the page as UTF-8 to {@code out}, which stays open. */
    public void write(List<ScenarioResult> results, OutputStream out) throws IOException {
        try {
            var xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            Markup html = new Markup(xml);
            html.raw("<!DOCTYPE html>");
            html.text("\n");
            html.startIn(Markup.XHTML, "html", "lang", "en");
            html.start("head");
            html.empty("meta", "charset", "utf-8");
            html.element("title", "sipshield report");
            html.element("style", STYLE);
            html.end();
            html.start("body");
            html.element("h1", "sipshield report");
            if (header != null) {
                html.element("p", header.describe(), "class", "run");
            }
            html.element("p", ConsoleReporter.summary(results), "class", "summary");
            index(html, results);
            for (int i = 0; i < results.size(); i++) {
                scenario(html, results.get(i), i);
            }
            html.end();
            html.end();
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("could not write the HTML report: " + e.getMessage(), e);
        }
    }

    private void index(Markup html, List<ScenarioResult> results) throws XMLStreamException {
        if (results.isEmpty()) {
            html.element("p", "No scenario ran.");
            return;
        }
        html.start("table", "class", "index");
        html.start("tr").element("th", "scenario").element("th", "verdict").element("th", "time").end();
        for (int i = 0; i < results.size(); i++) {
            ScenarioResult result = results.get(i);
            html.start("tr");
            html.start("td").element("a", result.name(names.display(result.file())), "href", "#" + id(i)).end();
            html.element("td", result.verdict().name(), "class", result.verdict().name());
            html.element("td", seconds(result.elapsed()));
            html.end();
        }
        html.end();
    }

    private void scenario(Markup html, ScenarioResult result, int index) throws XMLStreamException {
        html.start("section", "class", "scenario", "id", id(index));
        html.start("h2").text(result.name(names.display(result.file())) + " ")
                .element("span", result.verdict().name(), "class", "verdict " + result.verdict().name()).end();
        if (result.about() != null) {
            html.element("p", result.about(), "class", "about");
        }
        if (result.error() != null) {
            html.element("p", result.error(), "class", "error");
        }
        checks(html, result.checks());
        if (!result.notes().isEmpty()) {
            html.element("h3", "Notes");
            html.start("ul", "class", "notes");
            for (String note : result.notes()) {
                html.element("li", note);
            }
            html.end();
        }
        ServerLog.write(html, result);
        Observation observation = result.observation();
        if (observation != null) {
            if (!observation.trace().isEmpty()) {
                html.element("h3", "SIP ladder");
                LadderDiagram.write(html, observation.trace());
            }
            tls(html, observation.tls(), observation.chain());
            phones(html, observation);
            if (observation.media() != null) {
                html.element("h3", "Media");
                MediaChart.write(html, observation.media());
            }
            timelines(html, observation);
        }
        html.end();
    }

    /**
     * A chart of the media over time ({@link MediaTimelineChart}) for every phone whose call recorded a
     * timeline, or for the observed phone when the observation has no per-phone entries.
     */
    private static void timelines(Markup html, Observation observation) throws XMLStreamException {
        Map<String, Observation.MediaObservation> media = new LinkedHashMap<>();
        observation.phones().forEach((name, phone) -> media.put(name, phone.media()));
        if (media.isEmpty()) {
            media.put("the phone", observation.media());
        }
        media.values().removeIf(observed -> observed == null || observed.timeline().isEmpty());
        if (media.isEmpty()) {
            return;
        }
        html.element("h3", "Media over time");
        for (Map.Entry<String, Observation.MediaObservation> phone : media.entrySet()) {
            html.element("h4", phone.getKey(), "class", "media-timeline-phone");
            MediaTimelineChart.write(html, phone.getKey(), phone.getValue().timeline());
        }
    }

    /** What every phone observed, one row each, expected or not (a scenario with more than one phone). */
    private static void phones(Markup html, Observation observation) throws XMLStreamException {
        if (observation.phones().size() < 2) {
            return;
        }
        html.element("h3", "Phones");
        html.start("table", "class", "phones");
        html.start("tr").element("th", "phone").element("th", "TLS").element("th", "SIP").element("th", "media").end();
        for (Map.Entry<String, Observation.PhoneObservation> phone : observation.phones().entrySet()) {
            Observation.TlsObservation tls = phone.getValue().tls();
            Observation.MediaObservation media = phone.getValue().media();
            html.start("tr").element("td", phone.getKey())
                    .element("td", tls == null ? Check.NONE : (tls.established() ? "established" : "not established")
                            + (tls.bitmask() == null ? "" : ", bitmask " + VerifyFlag.format(tls.bitmask())))
                    .element("td", phone.getValue().sip().isEmpty() ? Check.NONE : new TreeMap<>(phone.getValue().sip()).toString())
                    .element("td", media == null ? Check.NONE : "sent " + media.sent() + ", received " + media.received()
                            + ", verified " + media.verified())
                    .end();
        }
        html.end();
    }

    private static void checks(Markup html, List<Check> checks) throws XMLStreamException {
        if (checks.isEmpty()) {
            return;
        }
        html.element("h3", "Expectations");
        html.start("table", "class", "checks");
        html.start("tr").element("th", "check").element("th", "expected").element("th", "observed").end();
        for (Check check : checks) {
            html.start("tr", "class", !check.observable() ? "not-observable" : check.holds() ? "holds" : "mismatch");
            html.element("td", check.name()).element("td", check.expected()).element("td", check.observed());
            html.end();
        }
        html.end();
    }

    private static void tls(Markup html, Observation.TlsObservation tls, Observation.ChainObservation chain)
            throws XMLStreamException {
        if (tls == null && chain == null) {
            return;
        }
        html.element("h3", "TLS");
        if (tls != null) {
            html.start("table", "class", "tls");
            row(html, "established", Boolean.toString(tls.established()));
            row(html, "version", tls.version());
            row(html, "cipher", tls.cipher());
            if (tls.failure() != null) {
                row(html, "failure", tls.failure());
            }
            if (tls.alert() != null) {
                row(html, "alert", tls.alert().toString());
            }
            html.end();
        }
        if (chain != null) {
            chain(html, chain);
        }
        if (tls != null && tls.bitmask() != null) {
            bitmask(html, tls.bitmask());
        }
    }

    private static void chain(Markup html, Observation.ChainObservation chain) throws XMLStreamException {
        Map<Integer, List<Observation.Finding>> byDepth = new TreeMap<>();
        for (Observation.Finding finding : chain.findings()) {
            byDepth.computeIfAbsent(finding.depth(), depth -> new java.util.ArrayList<>()).add(finding);
        }
        html.element("h4", "Server chain as received (leaf first)");
        html.start("ol", "class", "chain", "start", "0");
        for (int depth = 0; depth < chain.subjects().size(); depth++) {
            List<Observation.Finding> findings = byDepth.getOrDefault(depth, List.of());
            html.start("li", "class", findings.isEmpty() ? "cert" : "cert failing");
            html.text(chain.subjects().get(depth));
            findings(html, findings);
            html.end();
        }
        html.end();
        List<Observation.Finding> beyond = chain.findings().stream()
                .filter(finding -> finding.depth() < 0 || finding.depth() >= chain.subjects().size())
                .toList();
        if (!beyond.isEmpty()) {
            html.element("h4", "Other checks (identity, certificates the phone added)");
            html.start("ul", "class", "identity");
            for (Observation.Finding finding : beyond) {
                html.start("li", "class", "failing")
                        .text(finding.depth() < 0 ? "identity" : "depth " + finding.depth() + " (" + finding.subject() + ")");
                findings(html, List.of(finding));
                html.end();
            }
            html.end();
        }
    }

    private static void findings(Markup html, List<Observation.Finding> findings) throws XMLStreamException {
        if (findings.isEmpty()) {
            return;
        }
        html.start("ul", "class", "findings");
        for (Observation.Finding finding : findings) {
            html.element("li", finding.error() + " \u2192 " + finding.flag()
                    + (finding.detail() == null ? "" : ": " + finding.detail()), "class", "finding");
        }
        html.end();
    }

    private static void bitmask(Markup html, long mask) throws XMLStreamException {
        html.element("h4", "Bitmask " + VerifyFlag.format(mask));
        html.start("table", "class", "bitmask");
        html.start("tr").element("th", "flag").element("th", "bit").element("th", "").element("th", "meaning").end();
        for (VerifyFlag flag : VerifyFlag.values()) {
            boolean set = (mask & flag.bit()) != 0;
            html.start("tr", "class", set ? "set" : "clear");
            html.element("td", flag.name()).element("td", VerifyFlag.format(flag.bit()))
                    .element("td", set ? "set" : "clear").element("td", flag.meaning());
            html.end();
        }
        html.end();
    }

    private static void row(Markup html, String name, String value) throws XMLStreamException {
        html.start("tr").element("th", name).element("td", value == null ? Check.NONE : value).end();
    }

    private static String id(int index) {
        return "scenario-" + (index + 1);
    }

    private static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
    }
}
