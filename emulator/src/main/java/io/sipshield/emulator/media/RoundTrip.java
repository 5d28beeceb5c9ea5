package io.sipshield.emulator.media;

import java.time.Duration;

/**
 * Round trips measured one by one, summarised: for an echo call, the time from sending a payload
 * to receiving it back.
 *
 * @param count how many were measured
 * @param min   the shortest, or {@link Duration#ZERO} when none
 * @param mean  the mean, or {@link Duration#ZERO} when none
 * @param max   the longest, or {@link Duration#ZERO} when none
 */
public record RoundTrip(long count, Duration min, Duration mean, Duration max) {

    public static final RoundTrip NONE = new RoundTrip(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /** Sums round trips one by one; not thread-safe. */
    static final class Counter {
        private long count;
        private long minNanos = Long.MAX_VALUE;
        private long maxNanos;
        private long sumNanos;

        void add(long nanos) {
            count++;
            minNanos = Math.min(minNanos, nanos);
            maxNanos = Math.max(maxNanos, nanos);
            sumNanos += nanos;
        }

        RoundTrip summary() {
            return count == 0 ? NONE : new RoundTrip(count, Duration.ofNanos(minNanos), Duration.ofNanos(sumNanos / count),
                    Duration.ofNanos(maxNanos));
        }
    }
}
