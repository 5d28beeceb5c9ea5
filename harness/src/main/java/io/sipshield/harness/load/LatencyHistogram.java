package io.sipshield.harness.load;

import java.time.Duration;
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

    Percentiles percentiles() {
        Histogram copy = histogram.copy();
        if (copy.getTotalCount() == 0) {
            return Percentiles.NONE;
        }
        return new Percentiles(copy.getTotalCount(), micros(copy.getValueAtPercentile(50)),
                micros(copy.getValueAtPercentile(90)), micros(copy.getValueAtPercentile(99)), micros(copy.getMaxValue()));
    }

    private static Duration micros(long value) {
        return Duration.ofNanos(value * 1_000);
    }
}
