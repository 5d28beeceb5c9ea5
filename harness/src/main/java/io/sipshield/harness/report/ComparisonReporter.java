package io.sipshield.harness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipshield.harness.compare.Comparison;
import io.sipshield.harness.compare.ExpectationDifference;
import io.sipshield.harness.compare.ScenarioComparison;
import io.sipshield.harness.run.Verdict;
import io.sipshield.harness.scenario.Scenario;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * Writes a {@code --compare} run's comparison: {@value #JSON} for tools (a {@code compare} section: the
 * target, a summary, and per scenario both verdicts and every differing expectation with what each side
 * observed) and {@value #HTML} for people (the same as tables). Each file is written atomically
 * ({@link AtomicFile}).
 */
public final class ComparisonReporter {

    public static final String JSON = "compare.json";
    public static final String HTML = "compare.html";

    private static final String STYLE = """
            body{font-family:sans-serif;margin:2em}
            table{border-collapse:collapse;margin:.5em 0 1.5em}
            td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left;font-family:monospace}
            tr.differs td{background:#fdecea}
            """;

    private final ScenarioNames names;
    private final ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** @param root scenario paths are shown relative to it */
    public ComparisonReporter(Path root) {
        this.names = new ScenarioNames(root);
    }

    /** Writes {@value #JSON} and {@value #HTML} into {@code directory} (created when missing). */
    public List<Path> write(Comparison comparison, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path json = directory.resolve(JSON);
        Path html = directory.resolve(HTML);
        AtomicFile.write(json, file -> mapper.writeValue(file.toFile(), toTree(comparison)));
        AtomicFile.write(html, file -> {
            try (OutputStream out = Files.newOutputStream(file)) {
                html(comparison, out);
            }
        });
        return List.of(json, html);
    }

    /** {@code {"compare": {"target", "summary", "scenarios": [...]}}}. */
    public ObjectNode toTree(Comparison comparison) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode compare = root.putObject("compare");
        compare.put("mock", "mock").put("target", comparison.target().toString());
        compare.putObject("summary")
                .put("scenarios", comparison.scenarios().size())
                .put("differing", comparison.differing().size())
                .put("differingExpectations", comparison.differingExpectations())
                .put("notObservable", comparison.notObservable())
                .put("text", comparison.summary());
        ArrayNode scenarios = compare.putArray("scenarios");
        for (ScenarioComparison scenario : comparison.scenarios()) {
            String file = names.display(scenario.file());
            ObjectNode node = scenarios.addObject().put("id", Scenario.id(file, scenario.caseName())).put("file", file);
            if (scenario.caseName() != null) {
                node.put("case", scenario.caseName());
            }
            node.put("differs", scenario.differs());
            node.putObject("mock").put("verdict", scenario.mock().name()).put("error", scenario.mockError());
            node.putObject("target").put("verdict", verdict(scenario.target())).put("error", scenario.targetError());
            ArrayNode differences = node.putArray("differences");
            for (ExpectationDifference difference : scenario.differences()) {
                ObjectNode row = differences.addObject().put("check", difference.check())
                        .put("expected", difference.expected());
                row.putObject("mock").put("observed", difference.mockObserved()).put("holds", difference.mockHolds());
                row.putObject("target").put("observed", difference.targetObserved())
                        .put("holds", difference.targetHolds());
            }
            ArrayNode unobserved = node.putArray("notObservable");
            scenario.notObservable().forEach(unobserved::add);
        }
        return root;
    }

    private static String verdict(Verdict verdict) {
        return verdict == null ? "NOT_RUN" : verdict.name();
    }

    private void html(Comparison comparison, OutputStream out) throws IOException {
        try {
            var xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            Markup html = new Markup(xml);
            html.raw("<!DOCTYPE html>");
            html.text("\n");
            html.startIn(Markup.XHTML, "html", "lang", "en");
            html.start("head").empty("meta", "charset", "utf-8").element("title", "sipshield comparison")
                    .element("style", STYLE).end();
            html.start("body");
            html.element("h1", "The mock compared with " + comparison.target());
            html.element("p", comparison.summary(), "class", "summary");
            html.start("table", "class", "scenarios");
            html.start("tr").element("th", "scenario").element("th", "mock").element("th", "target")
                    .element("th", "differing expectations").end();
            for (ScenarioComparison scenario : comparison.scenarios()) {
                html.start("tr", "class", scenario.differs() ? "differs" : "same")
                        .element("td", scenario.name(names.display(scenario.file())))
                        .element("td", scenario.mock().name())
                        .element("td", verdict(scenario.target()))
                        .element("td", Integer.toString(scenario.differences().size())).end();
            }
            html.end();
            for (ScenarioComparison scenario : comparison.differing()) {
                html.element("h2", scenario.name(names.display(scenario.file())));
                if (scenario.differences().isEmpty()) {
                    html.element("p", "mock " + scenario.mock() + (scenario.mockError() == null ? "" : " ("
                            + scenario.mockError() + ")") + ", target " + verdict(scenario.target())
                            + (scenario.targetError() == null ? "" : " (" + scenario.targetError() + ")"));
                    continue;
                }
                html.start("table", "class", "differences");
                html.start("tr").element("th", "check").element("th", "expected").element("th", "mock observed")
                        .element("th", "target observed").end();
                for (ExpectationDifference difference : scenario.differences()) {
                    html.start("tr", "class", "differs").element("td", difference.check())
                            .element("td", difference.expected()).element("td", difference.mockObserved())
                            .element("td", difference.targetObserved()).end();
                }
                html.end();
            }
            html.end().end();
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("could not write the comparison page: " + e.getMessage(), e);
        }
    }
}
