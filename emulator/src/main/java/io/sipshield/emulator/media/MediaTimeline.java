package io.sipshield.emulator.media;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One call's media over time, as the phone saw it: fixed intervals ({@link #interval()}, 100 ms by
 * default) from the first packet the session sent or received, each with the packets sent and received
 * in it, the incoming packets found missing, the interarrival jitter at its end and the packets whose
 * SRTP authentication failed. Intervals without any packet are present (all zero, jitter unchanged), so
 * bucket {@code i} always starts at {@code i * interval}. An immutable snapshot taken by
 * {@link MediaTimelineRecorder#snapshot()}.
 *
 * @param interval  the length of every bucket
 * @param buckets   the buckets in time order, the first starting at the session's first packet; the last
 *                  may still have been filling when the snapshot was taken
 * @param truncated true when packets came after the last bucket the recorder keeps
 *                  ({@link MediaTimelineRecorder#DEFAULT_MAX_BUCKETS}) and were left out
 */
public record MediaTimeline(Duration interval, List<Bucket> buckets, boolean truncated) {

    /** A timeline of a session that sent and received nothing (or a call without media). */
    public static final MediaTimeline EMPTY = new MediaTimeline(MediaTimelineRecorder.DEFAULT_INTERVAL, List.of(), false);

    public MediaTimeline {
        Objects.requireNonNull(interval, "interval");
        if (interval.toNanos() <= 0) {
            throw new IllegalArgumentException("interval: expected a positive duration, got " + interval);
        }
        buckets = List.copyOf(buckets);
    }

    /** Whether no packet was sent or received. */
    public boolean isEmpty() {
        return buckets.isEmpty();
    }

    /** Packets sent in all buckets together. */
    public long sent() {
        return buckets.stream().mapToLong(Bucket::sent).sum();
    }

    /** Datagrams received in all buckets together. */
    public long received() {
        return buckets.stream().mapToLong(Bucket::received).sum();
    }

    /**
     * One interval.
     *
     * @param startMillis  where the interval starts, milliseconds after the session's first packet
     * @param sent         RTP packets the phone sent in it
     * @param received     datagrams that arrived on the media port in it (authenticated or not, as
     *                     {@link MediaStats#received()} counts them)
     * @param lost         incoming packets found missing in it: the growth of RFC 3550 A.3's cumulative loss
     *                     (expected minus received) over the interval, net of late packets that filled an
     *                     earlier gap, never below 0. A gap counts where the packet after it arrives.
     * @param jitterMillis the RFC 3550 A.8 interarrival jitter estimate at the end of the interval, ms
     *                     (0 before the first packet that authenticated)
     * @param authFailures received datagrams whose SRTP authentication tag failed (RFC 3711 §3.3)
     */
    public record Bucket(double startMillis, long sent, long received, long lost, double jitterMillis,
                         long authFailures) {
    }
}
