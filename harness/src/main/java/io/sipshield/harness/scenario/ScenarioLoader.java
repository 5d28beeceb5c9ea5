package io.sipshield.harness.scenario;

import io.sipshield.harness.scenario.NodeReader.Fields;
import io.sipshield.harness.scenario.YamlNode.Entry;
import io.sipshield.harness.scenario.YamlNode.Mapping;
import io.sipshield.harness.scenario.YamlNode.Scalar;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a scenario file (YAML) into {@link Scenario}s: one, or one per row of the file's table of cases
 * ({@link CaseTable}). The sections are read by {@link SetupReader}, {@link StepReader} and
 * {@link ExpectationReader}. Strict: unknown keys,
 * wrong types, missing fields, duplicate names and references to undeclared phones are all
 * {@link ScenarioFileException}s naming the file, line, column, field and what was expected.
 * The accepted format is {@code scenarios/schema/scenario.schema.json}.
 */
public final class ScenarioLoader {

    /** How error messages name the top level of a document. */
    static final String TOP_LEVEL = "scenario";


    private final YamlTreeReader yaml = new YamlTreeReader();

    /**
     * Reads and checks the scenario in {@code file} (UTF-8), a file without a table of cases; see
     * {@link #loadAll(Path)} for any file.
     */
    public Scenario load(Path file) throws ScenarioFileException {
        return single(file, loadAll(file));
    }

    /**
     * Reads and checks every scenario in {@code file} (UTF-8): one per row of its table of cases, or the
     * one scenario of a file without {@code cases}.
     */
    public List<Scenario> loadAll(Path file) throws ScenarioFileException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ScenarioFileException(file, 0, 0, null, "no such file", "an existing scenario file");
        } catch (CharacterCodingException e) {
            throw new ScenarioFileException(file, 0, 0, null, "not UTF-8 text", "a UTF-8 YAML file");
        } catch (IOException e) {
            throw new ScenarioFileException(file, 0, 0, null, "cannot read the file (" + e.getMessage() + ")",
                    "a readable scenario file");
        }
        return parseAll(file, text);
    }

    /**
     * Checks a scenario given as text, a document without a table of cases.
     *
     * @param file the name the scenario goes by, in the result and in error messages
     */
    public Scenario parse(Path file, String text) throws ScenarioFileException {
        return single(file, parseAll(file, text));
    }

    /**
     * Checks every scenario of a document given as text: one per row of its table of cases, in row order,
     * or the document's one scenario.
     *
     * @param file the name the scenarios go by, in the results and in error messages
     */
    public List<Scenario> parseAll(Path file, String text) throws ScenarioFileException {
        NodeReader reader = new NodeReader(file);
        YamlNode root = yaml.read(file, text);
        reader.mapping(root, TOP_LEVEL, ScenarioKeys.SCENARIO);
        Mapping document = (Mapping) root;
        Optional<Entry> cases = document.entries().stream().filter(entry -> entry.key().equals("cases")).findFirst();
        if (cases.isEmpty()) {
            return List.of(bind(reader, document, null, null));
        }
        CaseTable table = CaseTable.read(reader, cases.get().value());
        Mapping rest = new Mapping(document.mark(), document.entries().stream()
                .filter(entry -> !entry.key().equals("cases")).toList());
        table.checkPlaceholders(rest);
        boolean aboutUsesCell = rest.entries().stream().anyMatch(entry -> entry.key().equals("about")
                && entry.value() instanceof Scalar scalar && scalar.text().contains("${about}"));
        List<Scenario> scenarios = new ArrayList<>();
        for (CaseTable.Row row : table.rows()) {
            try {
                String about = aboutUsesCell ? null : CaseTable.aboutCell(row).orElse(null);
                scenarios.add(bind(reader, table.substitute(rest, row), row.name(), about));
            } catch (ScenarioFileException e) {
                throw e.caseName() == null ? e.inCase(row.name()) : e;
            }
        }
        return List.copyOf(scenarios);
    }

    private static Scenario single(Path file, List<Scenario> scenarios) throws ScenarioFileException {
        if (scenarios.size() != 1 || scenarios.get(0).caseName() != null) {
            throw new ScenarioFileException(file, 0, 0, "cases", "a table of " + scenarios.size() + " cases",
                    "a file without cases here (loadAll reads tables)");
        }
        return scenarios.get(0);
    }

    /** One scenario from a document without {@code cases}; {@code about} overrides the document's. */
    private static Scenario bind(NodeReader reader, Mapping document, String caseName, String about)
            throws ScenarioFileException {
        Fields root = reader.mapping(document, TOP_LEVEL, ScenarioKeys.SCENARIO);
        String documentAbout = root.requiredString("about", "a one-line description of what the scenario shows");
        Setup setup = new SetupReader(reader).setup(root.required("setup", "a mapping with server and phones"));
        ExpectationReader expectations = new ExpectationReader(reader);
        List<Step> steps = new StepReader(reader, expectations, setup).steps(root.required("steps",
                "a list of steps (" + String.join(", ", ScenarioKeys.STEP) + ")"));
        Expectations expect = expectations.expectations(root.required("expect",
                "a mapping with at least one of: " + String.join(", ", ScenarioKeys.EXPECT)), setup,
                setup.server() instanceof MockServer);
        return new Scenario(reader.file(), caseName, about == null ? documentAbout : about, setup, steps, expect);
    }
}
