package io.sipshield.harness.load;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Every latency one run measured of one kind, kept whole (not just its percentiles) so runs on several
 * machines can be joined exactly: the percentiles of a {@link #plus merged} distribution are those of
 * the union of the measurements, not averages of percentiles. An HdrHistogram of microseconds with 3
 * significant digits; immutable (it holds its own copy and never hands it out).
 *
 * <p>{@link #encode()} gives HdrHistogram's compressed encoding in base64 (the form HdrHistogram's own
 * log format uses for each interval), which the load JSON carries as {@code latency_histograms_us}.
 */
public final class LatencyDistribution {

    /** Nothing measured. */
    public static final LatencyDistribution EMPTY = new LatencyDistribution(new Histogram(3));

    private final Histogram histogram;

    private LatencyDistribution(Histogram histogram) {
        this.histogram = histogram;
    }

    /** A distribution holding a copy of {@code microseconds}. */
    static LatencyDistribution copyOf(Histogram microseconds) {
        Histogram copy = new Histogram(3);
        copy.add(microseconds);
        return new LatencyDistribution(copy);
    }

    /** A distribution of the given latencies in microseconds (for tests and tools). */
    public static LatencyDistribution ofMicros(long... values) {
        Histogram histogram = new Histogram(3);
        for (long value : values) {
            histogram.recordValue(Math.max(0, value));
        }
        return new LatencyDistribution(histogram);
    }

    /** How many latencies were measured. */
    public long count() {
        return histogram.getTotalCount();
    }

    /** The union of this and {@code other}. */
    public LatencyDistribution plus(LatencyDistribution other) {
        Histogram sum = new Histogram(3);
        sum.add(histogram);
        sum.add(other.histogram);
        return new LatencyDistribution(sum);
    }

    /** The latency at {@code percentile} (0 to 100), HdrHistogram's value (3 significant digits). */
    public Duration atPercentile(double percentile) {
        return micros(histogram.getValueAtPercentile(percentile));
    }

    /** Count, p50, p90, p99 and max; {@link Percentiles#NONE} when nothing was measured. */
    public Percentiles percentiles() {
        if (count() == 0) {
            return Percentiles.NONE;
        }
        return new Percentiles(count(), atPercentile(50), atPercentile(90), atPercentile(99),
                micros(histogram.getMaxValue()));
    }

    /** HdrHistogram's compressed encoding, base64. */
    public String encode() {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Reads {@link #encode()}'s form back.
     *
     * @throws IllegalArgumentException when the text is not base64 of a compressed HdrHistogram
     */
    public static LatencyDistribution decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64: " + e.getMessage(), e);
        }
        try {
            Histogram decoded = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
            return copyOf(decoded);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not a compressed HdrHistogram (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    private static Duration micros(long value) {
        return Duration.ofNanos(value * 1_000);
    }

    @Override
    public String toString() {
        return "LatencyDistribution[" + percentiles() + "]";
    }
}
