package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.harness.run.FakeScenarios;
import io.sipshield.harness.run.Observation;
import io.sipshield.harness.run.ScenarioExecutor;
import io.sipshield.harness.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(30)
class SipshieldCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(ScenarioExecutor executor, String... args) {
        CommandLine cli = new CommandLine(new SipshieldCommand(() -> executor, false));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private int run(String... paths) {
        return execute(FakeScenarios.EXECUTOR, Stream.concat(Stream.of("run"), Stream.of(paths)).toArray(String[]::new));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void exitsZeroWhenEveryScenarioPasses() throws IOException {
        write("a.yaml", FakeScenarios.scenario("pass"));
        write("b.yaml", FakeScenarios.scenario("pass"));
        assertEquals(ExitCodes.OK, run(dir.toString()));
        assertTrue(out.toString().contains("a.yaml"), out.toString());
        assertTrue(out.toString().endsWith("2 passed, 0 failed" + System.lineSeparator()), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void exitsOneWhenAScenarioFails() throws IOException {
        write("a.yaml", FakeScenarios.scenario("pass"));
        write("b.yaml", FakeScenarios.scenario("fail"));
        assertEquals(ExitCodes.FAILED, run(dir.toString()));
        assertTrue(out.toString().contains("sip.register  200      | 403       <<<<<"), out.toString());
    }

    @Test
    void exitsOneWhenAScenarioCannotRun() throws IOException {
        write("a.yaml", FakeScenarios.scenario("throw"));
        assertEquals(ExitCodes.FAILED, run(dir.toString()));
        assertTrue(out.toString().contains("    mock could not bind port 5061 in use"), out.toString());
        assertFalse(out.toString().contains("\tat "), "no stack trace");
    }

    @Test
    void anInvalidFileWinsOverAFailureButEveryScenarioIsStillReported() throws IOException {
        write("a-fail.yaml", FakeScenarios.scenario("fail"));
        write("b-broken.yaml", FakeScenarios.INVALID);
        write("c-pass.yaml", FakeScenarios.scenario("pass"));
        assertEquals(ExitCodes.INVALID_INPUT, run(dir.toString()));
        String report = out.toString();
        assertTrue(report.contains("b-broken.yaml:2:8: missing key 'server' in setup"), report);
        assertTrue(report.contains("c-pass.yaml"), report);
        assertTrue(report.contains("1 passed, 1 failed, 1 invalid"), report);
    }

    @Test
    void aPathThatDoesNotExistIsUnusableInput() throws IOException {
        Path ok = write("ok.yaml", FakeScenarios.scenario("pass"));
        Path missing = dir.resolve("missing");
        assertEquals(ExitCodes.INVALID_INPUT, run(ok.toString(), missing.toString()));
        assertTrue(out.toString().contains(missing + ": no such file"), out.toString());
        assertTrue(out.toString().contains("1 passed, 0 failed, 1 invalid"), out.toString());
    }

    @Test
    void findingNoScenarioIsUnusableInput() {
        assertEquals(ExitCodes.INVALID_INPUT, run(dir.toString()));
        assertEquals("sipshield run: no scenario file (*.yaml, *.yml) found in: " + dir + System.lineSeparator(),
                err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void runsTheScenariosDirectoryOfTheWorkingDirectoryByDefault() {
        // the harness module (the tests' working directory) has no scenarios/ directory
        assertEquals(ExitCodes.INVALID_INPUT, run());
        assertTrue(out.toString().contains("scenarios: no such file"), out.toString());
    }

    @Test
    void passesTheTimeoutToTheRunner() throws IOException {
        write("slow.yaml", FakeScenarios.scenario("hang"));
        ScenarioExecutor hangs = scenario -> {
            Thread.sleep(60_000);
            return FakeScenarios.registered(200);
        };
        assertEquals(ExitCodes.FAILED, execute(hangs, "run", "--timeout", "1", dir.toString()));
        assertTrue(out.toString().contains("timed out after 1 s"), out.toString());
    }

    @Test
    void closesAnExecutorThatHoldsResourcesAfterTheRun() throws IOException {
        write("a.yaml", FakeScenarios.scenario("pass"));
        List<String> events = new ArrayList<>();
        final class Closeable implements ScenarioExecutor, AutoCloseable {
            @Override
            public Observation execute(Scenario scenario) throws Exception {
                events.add("execute " + scenario.about());
                return FakeScenarios.EXECUTOR.execute(scenario);
            }

            @Override
            public void close() {
                events.add("close");
            }
        }
        assertEquals(ExitCodes.OK, execute(new Closeable(), "run", dir.toString()));
        assertEquals(List.of("execute pass", "close"), events);
    }

    @Test
    void aBadOptionValueIsUnusableInput() {
        assertEquals(ExitCodes.INVALID_INPUT, execute(FakeScenarios.EXECUTOR, "run", "--timeout", "soon", dir.toString()));
        assertTrue(err.toString().contains("Invalid value for option '--timeout': 'soon' is not a long"), err.toString());
    }

    @Test
    void aTimeoutBelowOneSecondIsUnusableInput() {
        assertEquals(ExitCodes.INVALID_INPUT, execute(FakeScenarios.EXECUTOR, "run", "--timeout", "0", dir.toString()));
        assertTrue(err.toString().contains("--timeout must be a whole number of seconds, at least 1; was 0"), err.toString());
    }

    @Test
    void anUnknownOptionIsUnusableInput() {
        assertEquals(ExitCodes.INVALID_INPUT, execute(FakeScenarios.EXECUTOR, "run", "--frobnicate"));
        assertTrue(err.toString().contains("Unknown option: '--frobnicate'"), err.toString());
    }

    @Test
    void noSubcommandIsUnusableInput() {
        assertEquals(ExitCodes.INVALID_INPUT, execute(FakeScenarios.EXECUTOR));
        assertTrue(err.toString().contains("Missing required subcommand"), err.toString());
    }

    @Test
    void printsTheProjectVersion() {
        assertEquals(ExitCodes.OK, execute(FakeScenarios.EXECUTOR, "--version"));
        assertTrue(out.toString().strip().matches("sipshield \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), out.toString());
    }

    @Test
    void documentsTheRunCommandAndItsExitCodes() {
        assertEquals(ExitCodes.OK, execute(FakeScenarios.EXECUTOR, "run", "--help"));
        String help = out.toString();
        for (String expected : List.of("Usage: sipshield run", "--timeout=SECONDS", "[PATH...]")) {
            assertTrue(help.contains(expected), expected + " in\n" + help);
        }
        for (String code : List.of("0\\s+every scenario passed", "2\\s+unusable input", "4\\s+--compare: the mock and the target differ",
                "143\\s+stopped by SIGTERM")) {
            assertTrue(help.matches("(?s).*\\n\\s*" + code + ".*"), code + " in\n" + help);
        }
    }
}
