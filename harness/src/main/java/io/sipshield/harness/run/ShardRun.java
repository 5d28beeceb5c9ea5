package io.sipshield.harness.run;

import java.util.List;
import java.util.Objects;

/**
 * What one shard of a run did.
 *
 * @param shard   which part of the suite this was ({@link Shard#WHOLE} for an unsplit run)
 * @param suite   the whole suite, every shard included
 * @param results one result per case of this shard, in run order; empty when no case fell to it
 */
public record ShardRun(Shard shard, SuiteManifest suite, List<ScenarioResult> results) {

    public ShardRun {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(suite, "suite");
        results = List.copyOf(results);
    }
}
