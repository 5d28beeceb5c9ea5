package io.sipshield.harness.load;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One latency's histogram: values recorded in microseconds into an auto-resizing HdrHistogram with
 * 3 significant digits, safe to record into from every event loop at once.
 */
final class LatencyHistogram {

    private final Histogram histogram = new ConcurrentHistogram(3);

    /** Records one latency measured in nanoseconds (negative values count as 0). */
    void recordNanos(long nanos) {
        histogram.recordValue(Math.max(0, nanos / 1_000));
    }

    /** Everything recorded so far, copied. */
    LatencyDistribution distribution() {
        return LatencyDistribution.copyOf(histogram.copy());
    }

    Percentiles percentiles() {
        return distribution().percentiles();
    }
}
