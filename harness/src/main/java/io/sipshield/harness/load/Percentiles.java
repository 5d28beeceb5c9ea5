package io.sipshield.harness.load;

import java.time.Duration;
import java.util.Objects;

/**
 * A latency distribution summarised: how many were measured and the 50th, 90th and 99th
 * percentiles and the maximum (HdrHistogram values, 3 significant digits).
 */
public record Percentiles(long count, Duration p50, Duration p90, Duration p99, Duration max) {

    /** Nothing measured. */
    public static final Percentiles NONE = new Percentiles(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public Percentiles {
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 or more, got " + count);
        }
        Objects.requireNonNull(p50, "p50");
        Objects.requireNonNull(p90, "p90");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(max, "max");
    }

    /** Milliseconds with three decimals, as tables and JSON show them. */
    public static double millis(Duration duration) {
        return Math.round(duration.toNanos() / 1_000.0) / 1_000.0;
    }
}
