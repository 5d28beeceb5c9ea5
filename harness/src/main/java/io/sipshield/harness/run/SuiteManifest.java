package io.sipshield.harness.run;

import java.util.Objects;

/**
 * What identifies a suite across shards: how many cases it has in all (every shard together) and a
 * SHA-256 over every case's key and its file's bytes ({@link ShardPlan#manifest()}). Shards of the
 * same suite carry equal manifests.
 *
 * @param cases  cases in the whole suite
 * @param digest hex SHA-256, as {@link ShardPlan} computes it
 */
public record SuiteManifest(int cases, String digest) {

    public SuiteManifest {
        if (cases < 0) {
            throw new IllegalArgumentException("cases must be 0 or more, got " + cases);
        }
        Objects.requireNonNull(digest, "digest");
    }
}
