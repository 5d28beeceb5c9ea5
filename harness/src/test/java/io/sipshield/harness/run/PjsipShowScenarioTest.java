package io.sipshield.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code scenarios/asterisk/pjsip-show-*.yaml} files run live, and their server expectation can fail. */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PjsipShowScenarioTest {

    private static final Path SCENARIOS = Path.of("..", "scenarios", "asterisk");

    private final LiveScenarioExecutor executor = new LiveScenarioExecutor();
    private final ScenarioRunner runner = ScenarioRunner.builder().executor(executor).build();

    @AfterAll
    void close() {
        executor.close();
    }

    @Test
    void afterRegisterTheContactAndEndpointStatesAreAsExpected() {
        ScenarioResult result = runner.runFile(SCENARIOS.resolve("pjsip-show-after-register.yaml"));
        assertEquals(Verdict.PASS, result.verdict(), result.toString());
        assertTrue(result.checks().contains(new Check("server.endpoints.101", "Not in use", "Not in use", true)),
                result.checks().toString());
    }

    @Test
    void aRefusedRegisterLeavesTheEndpointUnavailable() {
        ScenarioResult result = runner.runFile(SCENARIOS.resolve("pjsip-show-wrong-password-unavailable.yaml"));
        assertEquals(Verdict.PASS, result.verdict(), result.toString());
    }

    @Test
    void aWrongServerExpectationFailsWithExpectedAndObserved(@TempDir Path dir) throws Exception {
        String text = Files.readString(SCENARIOS.resolve("pjsip-show-after-register.yaml"))
                .replace("contacts: { \"101\": 1, \"102\": 0 }", "contacts: { \"101\": 2, \"102\": 0 }")
                .replace("\"102\": Unavailable", "\"102\": In use");
        Path file = Files.writeString(dir.resolve("wrong.yaml"), text);
        ScenarioResult result = runner.runFile(file);
        assertEquals(Verdict.FAIL, result.verdict(), result.toString());
        assertEquals(List.of(new Check("server.contacts.101", "2", "1", false),
                new Check("server.endpoints.102", "In use", "Unavailable", false)), result.failedChecks());
    }
}
