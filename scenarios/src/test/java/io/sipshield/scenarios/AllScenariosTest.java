package io.sipshield.scenarios;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.sipshield.harness.report.ConsoleReporter;
import io.sipshield.harness.run.LiveScenarioExecutor;
import io.sipshield.harness.run.ScenarioFiles;
import io.sipshield.harness.run.ScenarioResult;
import io.sipshield.harness.run.ScenarioRunner;
import io.sipshield.harness.run.Verdict;
import io.sipshield.harness.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs every scenario file of this module live (mock Asterisk and emulated phones on loopback), one
 * dynamic test per scenario, named by its id (the path, plus {@code [row]} for each row of a table of
 * cases). A scenario that does not pass fails with the report's
 * mismatch table, error or invalid-file message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllScenariosTest {

    /** This module's directory, the working directory of its tests. */
    private static final Path MODULE = Path.of("").toAbsolutePath();

    /** One executor for the whole suite: it generates the fixture PKI once and owns the event loops. */
    private final LiveScenarioExecutor executor = new LiveScenarioExecutor();

    @AfterAll
    void closeExecutor() {
        executor.close();
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioPasses() throws IOException {
        List<Path> files = scenarioFiles();
        assertFalse(files.isEmpty(), "no scenario file (*.yaml, *.yml) under " + MODULE);
        ScenarioRunner runner = ScenarioRunner.builder().executor(executor).build();
        // the whole suite runs first, several scenarios at a time (ScenarioRunner.DEFAULT_JOBS); each
        // result then becomes one test, named by the scenario's id
        List<ScenarioResult> results = runner.run(files);
        return results.stream().map(result -> dynamicTest(Scenario.id(result.file().toString(), result.caseName()),
                MODULE.resolve(result.file()).toUri(), () -> {
                    if (result.verdict() != Verdict.PASS) {
                        fail(report(result));
                    }
                }));
    }

    /** Scenario files relative to this module, outside schema/, src/, build output and hidden directories. */
    private static List<Path> scenarioFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(MODULE)) {
            return walk.filter(Files::isRegularFile)
                    .map(MODULE::relativize)
                    .filter(file -> file.getNameCount() == 1 || isScenarioDirectory(file.getName(0).toString()))
                    .filter(ScenarioFiles::isScenarioFile)
                    .sorted()
                    .toList();
        }
    }

    private static boolean isScenarioDirectory(String name) {
        return !name.equals("schema") && !name.equals("src") && !name.startsWith("target") && !name.startsWith(".");
    }

    private static String report(ScenarioResult result) {
        StringWriter text = new StringWriter();
        ConsoleReporter reporter = new ConsoleReporter(new PrintWriter(text), MODULE, false);
        reporter.runStarting(List.of(result.file()));
        reporter.scenarioFinished(result);
        return System.lineSeparator() + text.toString().stripTrailing();
    }
}
