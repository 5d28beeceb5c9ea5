package io.sipshield.harness.report;

import io.sipshield.harness.run.Shard;
import io.sipshield.harness.run.SuiteManifest;
import java.util.Objects;

/**
 * What a report says about the run itself, so {@code sipshield report merge} can tell the shards of one
 * suite apart from unrelated runs: the sipshield version, which shard this was and the whole suite's
 * manifest. JSON reports carry it as {@code run}, JUnit XML as {@code <properties>} named
 * {@code sipshield.*}, HTML as a line under the title.
 *
 * @param version the sipshield version that ran ({@code unknown} when not known)
 * @param shard   which part of the suite this report covers ({@link Shard#WHOLE} for an unsplit run)
 * @param suite   the whole suite, every shard included
 * @param interrupted how many of this report's cases did not finish because the run was stopped (SIGTERM,
 *                Ctrl-C) and are reported as ERROR {@code interrupted: ...}; 0 for a run that ended by itself
 */
public record RunHeader(String version, Shard shard, SuiteManifest suite, int interrupted) {

    /** JUnit XML property names. */
    public static final String VERSION_PROPERTY = "sipshield.version";
    public static final String SHARD_PROPERTY = "sipshield.shard";
    public static final String SUITE_CASES_PROPERTY = "sipshield.suite.cases";
    public static final String SUITE_DIGEST_PROPERTY = "sipshield.suite.digest";
    public static final String INTERRUPTED_PROPERTY = "sipshield.interrupted";

    public RunHeader {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(suite, "suite");
        if (interrupted < 0) {
            throw new IllegalArgumentException("interrupted must be 0 or more, got " + interrupted);
        }
    }

    /** The header of a run that ended by itself. */
    public RunHeader(String version, Shard shard, SuiteManifest suite) {
        this(version, shard, suite, 0);
    }

    /** This header, for a run stopped before {@code unfinished} of its cases finished. */
    public RunHeader interrupted(int unfinished) {
        return new RunHeader(version, shard, suite, unfinished);
    }

    /** {@code shard 2/4 of a suite of 87 cases}, or {@code a suite of 87 cases} when unsplit. */
    public String describe() {
        String of = "a suite of " + suite.cases() + (suite.cases() == 1 ? " case" : " cases");
        return (shard.whole() ? of : "shard " + shard + " of " + of) + " (sipshield " + version + ")"
                + (interrupted == 0 ? "" : "; stopped before " + interrupted + (interrupted == 1 ? " case" : " cases")
                        + " finished");
    }
}
