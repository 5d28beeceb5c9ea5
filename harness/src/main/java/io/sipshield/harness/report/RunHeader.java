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
 */
public record RunHeader(String version, Shard shard, SuiteManifest suite) {

    /** JUnit XML property names. */
    public static final String VERSION_PROPERTY = "sipshield.version";
    public static final String SHARD_PROPERTY = "sipshield.shard";
    public static final String SUITE_CASES_PROPERTY = "sipshield.suite.cases";
    public static final String SUITE_DIGEST_PROPERTY = "sipshield.suite.digest";

    public RunHeader {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(suite, "suite");
    }

    /** {@code shard 2/4 of a suite of 87 cases}, or {@code a suite of 87 cases} when unsplit. */
    public String describe() {
        String of = "a suite of " + suite.cases() + (suite.cases() == 1 ? " case" : " cases");
        return (shard.whole() ? of : "shard " + shard + " of " + of) + " (sipshield " + version + ")";
    }
}
