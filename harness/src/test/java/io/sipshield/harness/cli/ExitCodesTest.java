package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipshield.harness.run.ScenarioResult;
import io.sipshield.harness.run.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitCodesTest {

    private static List<ScenarioResult> results(Verdict... verdicts) {
        return Arrays.stream(verdicts)
                .map(verdict -> new ScenarioResult(Path.of(verdict + ".yaml"), "x", verdict, List.of(),
                        verdict == Verdict.ERROR || verdict == Verdict.INVALID ? "why" : null, Duration.ZERO))
                .toList();
    }

    @Test
    void zeroOnlyWhenEveryScenarioPassed() {
        assertEquals(0, ExitCodes.forResults(results(Verdict.PASS, Verdict.PASS)));
    }

    @Test
    void oneForAFailureOrAnError() {
        assertEquals(1, ExitCodes.forResults(results(Verdict.PASS, Verdict.FAIL)));
        assertEquals(1, ExitCodes.forResults(results(Verdict.ERROR, Verdict.PASS)));
        assertEquals(1, ExitCodes.forResults(results(Verdict.FAIL, Verdict.ERROR)));
    }

    @Test
    void twoForAnInvalidFileEvenAlongsideFailures() {
        assertEquals(2, ExitCodes.forResults(results(Verdict.INVALID)));
        assertEquals(2, ExitCodes.forResults(results(Verdict.FAIL, Verdict.ERROR, Verdict.INVALID, Verdict.PASS)));
    }

    @Test
    void twoWhenNoScenarioWasFound() {
        assertEquals(2, ExitCodes.forResults(List.of()));
    }
}
