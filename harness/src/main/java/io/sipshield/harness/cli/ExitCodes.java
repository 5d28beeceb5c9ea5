package io.sipshield.harness.cli;

import io.sipshield.harness.run.ScenarioResult;
import io.sipshield.harness.run.Verdict;
import java.util.List;

/**
 * The process exit codes of {@code sipshield}. Unusable input wins over failures: a run with an
 * invalid file and a failed scenario exits {@link #INVALID_INPUT}.
 */
public final class ExitCodes {

    /** Every scenario passed. */
    public static final int OK = 0;
    /** A scenario failed an expectation or could not be run to the end. */
    public static final int FAILED = 1;
    /** Unusable input: an invalid scenario file, a path that does not exist, no scenario found, a bad option. */
    public static final int INVALID_INPUT = 2;
    /**
     * {@code run --compare}: the mock and the target disagreed on at least one expectation or verdict.
     * (3 is the {@code ./sipshield} script's own: the build failed.)
     */
    public static final int DIFFERENT = 4;
    /** {@code run --target} or {@code --compare}: no TCP connection to the target; nothing was run. */
    public static final int TARGET_UNREACHABLE = 5;
    /**
     * The run was stopped by SIGTERM (128 + 15, what the JVM exits with): the reports of the scenarios that
     * finished were still written, the others marked interrupted.
     */
    public static final int INTERRUPTED = 143;

    private ExitCodes() {
    }

    /** The exit code for a run's results; no result at all means no scenario was found. */
    public static int forResults(List<ScenarioResult> results) {
        if (results.isEmpty() || results.stream().anyMatch(result -> result.verdict() == Verdict.INVALID)) {
            return INVALID_INPUT;
        }
        if (results.stream().allMatch(result -> result.verdict() == Verdict.PASS)) {
            return OK;
        }
        return FAILED;
    }
}
