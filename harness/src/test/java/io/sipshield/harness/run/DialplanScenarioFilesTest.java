package io.sipshield.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scenario files whose mock extensions are lists of dialplan applications pass against the live mock. */
@Timeout(120)
class DialplanScenarioFilesTest {

    private static final Path ASTERISK = Path.of("..", "scenarios", "asterisk");

    @RegisterExtension
    static final LiveRuns LIVE = LiveRuns.create();

    @ParameterizedTest
    @ValueSource(strings = {"hangup-cause-17-486.yaml", "hangup-default-603.yaml", "dial-unregistered-fallthrough-503.yaml"})
    void passes(String name) {
        ScenarioResult result = LIVE.runFile(ASTERISK.resolve(name));
        assertEquals(Verdict.PASS, result.verdict(), result.checks() + " " + result.error());
    }
}
