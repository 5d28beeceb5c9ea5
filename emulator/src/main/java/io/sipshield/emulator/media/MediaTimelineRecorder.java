package io.sipshield.emulator.media;

import io.sipshield.emulator.rtp.RtpPacket;
import io.sipshield.emulator.srtp.SrtpStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fills a {@link MediaTimeline} as packets come and go: each event is put in the bucket of its time
 * ({@link System#nanoTime()} at sending or arrival), on the media event loop that handles the packet,
 * so no thread or timer runs per call. A bucket is closed when the first event of a later one arrives;
 * the loss and jitter of the incoming stream come from a {@link ReceptionStats} of its own, read as each
 * bucket closes. Time 0 is the first event of either kind.
 *
 * <p>Memory is bounded: at most {@code maxBuckets} buckets are kept (by default 6000, 10 minutes at
 * 100 ms, about 0.5 MB); events after the last are dropped and the timeline says it was truncated. An
 * event stamped before the open bucket (a clock read a little earlier on another thread) counts in the
 * open bucket.
 *
 * <p>Thread-safe: the events arrive on the media event loop; {@link #snapshot()} may be called from any thread.
 */
public final class MediaTimelineRecorder implements MediaSink {

    /** The default bucket length. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);
    /** The default cap: 10 minutes of 100 ms buckets. */
    public static final int DEFAULT_MAX_BUCKETS = 6000;

    private final Duration interval;
    private final long intervalNanos;
    private final int maxBuckets;
    private final ReceptionStats reception;
    private final List<MediaTimeline.Bucket> closed = new ArrayList<>();
    private boolean started;
    private boolean truncated;
    private long originNanos;
    private long index;
    private long sent;
    private long received;
    private long authFailures;
    private long lostBefore;

    /** 100 ms buckets, at most 6000, for a stream with RTP clock {@code clockRate} (8000 for G.711). */
    public MediaTimelineRecorder(int clockRate) {
        this(clockRate, DEFAULT_INTERVAL, DEFAULT_MAX_BUCKETS);
    }

    /**
     * @param clockRate  the RTP clock rate of the incoming stream, Hz (jitter is measured in it)
     * @param interval   the bucket length, at least 1 ms
     * @param maxBuckets how many buckets to keep at most; 0 keeps none (every packet is left out)
     */
    public MediaTimelineRecorder(int clockRate, Duration interval, int maxBuckets) {
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("interval: expected at least 1 ms, got " + interval);
        }
        if (maxBuckets < 0) {
            throw new IllegalArgumentException("maxBuckets: expected 0 or more, got " + maxBuckets);
        }
        this.reception = new ReceptionStats(clockRate);
        this.interval = interval;
        this.intervalNanos = interval.toNanos();
        this.maxBuckets = maxBuckets;
    }

    /** One RTP packet sent at {@code sentNanos}. */
    public synchronized void sent(long sentNanos) {
        if (advance(sentNanos)) {
            sent++;
        }
    }

    /**
     * One datagram that arrived at {@code arrivalNanos} and how unprotecting (or decoding) it went: every
     * datagram counts as received, and {@link SrtpStatus#AUTH_FAIL} as an authentication failure.
     */
    public synchronized void datagram(SrtpStatus status, long arrivalNanos) {
        Objects.requireNonNull(status, "status");
        if (advance(arrivalNanos)) {
            received++;
            if (status == SrtpStatus.AUTH_FAIL) {
                authFailures++;
            }
        }
    }

    /** A packet that authenticated and decoded: counted for loss and jitter. */
    @Override
    public synchronized void received(RtpPacket packet, long arrivalNanos) {
        if (advance(arrivalNanos)) {
            reception.received(packet, arrivalNanos);
        }
    }

    /** The buckets so far, the open one included. */
    public synchronized MediaTimeline snapshot() {
        if (!started) {
            return new MediaTimeline(interval, List.of(), false);
        }
        List<MediaTimeline.Bucket> buckets = new ArrayList<>(closed.size() + 1);
        buckets.addAll(closed);
        if (index < maxBuckets) {
            buckets.add(open());
        }
        return new MediaTimeline(interval, buckets, truncated);
    }

    /** Moves to the bucket of {@code nanos}, closing those before; false when it is beyond the cap. */
    private boolean advance(long nanos) {
        if (!started) {
            started = true;
            originNanos = nanos;
        }
        if (index >= maxBuckets) {
            truncated = true;
            return false;
        }
        long target = Math.max(index, Math.floorDiv(nanos - originNanos, intervalNanos));
        while (index < target) {
            MediaTimeline.Bucket bucket = open();
            closed.add(bucket);
            lostBefore = reception.snapshot().lost();
            sent = 0;
            received = 0;
            authFailures = 0;
            index++;
            if (index >= maxBuckets) {
                truncated = true;
                return false;
            }
        }
        return true;
    }

    private MediaTimeline.Bucket open() {
        ReceptionStats.Snapshot counts = reception.snapshot();
        return new MediaTimeline.Bucket(index * intervalNanos / 1e6, sent, received,
                Math.max(0, counts.lost() - lostBefore), counts.jitterMillis(), authFailures);
    }
}
