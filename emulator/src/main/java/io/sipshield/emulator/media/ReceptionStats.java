package io.sipshield.emulator.media;

import io.sipshield.emulator.rtp.RtcpReportBlock;
import io.sipshield.emulator.rtp.RtpPacket;

/**
 * Reception statistics of one incoming RTP stream (RFC 3550 §6.4.1, Appendix A.1, A.3, A.8):
 * extended highest sequence number, packets expected and received, loss, duplicates, packets
 * arriving after a higher sequence number (reordered), and interarrival jitter. Feeds the report
 * blocks of RTCP. A new SSRC starts the counts over (and is counted).
 *
 * <p>A sink: called on the media event loop; the accessors may be called from any thread.
 */
public final class ReceptionStats implements MediaSink {

    /** How far back duplicates are recognised, in packets. */
    private static final int WINDOW = 1024;

    private final int clockRate;
    private boolean started;
    private long ssrc;
    private long ssrcChanges;
    private long baseSequence;
    private long highestSequence;
    private long received;
    private long duplicates;
    private long reordered;
    private final long[] seen = new long[WINDOW / 64];
    private long firstArrivalNanos;
    private int lastTransit;
    private double jitter;
    private long expectedPrior;
    private long receivedPrior;

    /** @param clockRate the RTP clock rate of the stream (8000 for G.711) */
    public ReceptionStats(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate: expected a positive rate in Hz, got " + clockRate);
        }
        this.clockRate = clockRate;
    }

    @Override
    public synchronized void received(RtpPacket packet, long arrivalNanos) {
        if (!started || packet.ssrc() != ssrc) {
            if (started) {
                ssrcChanges++;
            }
            restart(packet, arrivalNanos);
        }
        long extended = extend(packet.sequenceNumber());
        if (extended > highestSequence) {
            for (long s = Math.max(highestSequence + 1, extended - WINDOW + 1); s <= extended; s++) {
                mark(s, false);
            }
            highestSequence = extended;
        } else if (highestSequence - extended >= WINDOW) {
            reordered++;
            received++;
            return;
        } else if (isMarked(extended)) {
            duplicates++;
            return;
        } else if (extended < highestSequence) {
            reordered++;
        }
        mark(extended, true);
        received++;
        updateJitter(packet, arrivalNanos);
    }

    private void restart(RtpPacket packet, long arrivalNanos) {
        started = true;
        ssrc = packet.ssrc();
        baseSequence = packet.sequenceNumber();
        highestSequence = baseSequence - 1;
        received = 0;
        duplicates = 0;
        reordered = 0;
        java.util.Arrays.fill(seen, 0);
        firstArrivalNanos = arrivalNanos;
        jitter = 0;
        lastTransit = transit(packet, arrivalNanos);
        expectedPrior = 0;
        receivedPrior = 0;
    }

    /** The sequence number with its cycle count: the candidate closest to the highest so far. */
    private long extend(int sequence) {
        long reference = Math.max(highestSequence, baseSequence);
        long candidate = (reference & ~0xFFFFL) | sequence;
        if (candidate - reference > 0x8000) {
            candidate -= 0x10000;
        } else if (reference - candidate > 0x8000) {
            candidate += 0x10000;
        }
        return candidate;
    }

    private void mark(long extended, boolean value) {
        int bit = (int) Math.floorMod(extended, (long) WINDOW);
        if (value) {
            seen[bit >>> 6] |= 1L << bit;
        } else {
            seen[bit >>> 6] &= ~(1L << bit);
        }
    }

    private boolean isMarked(long extended) {
        int bit = (int) Math.floorMod(extended, (long) WINDOW);
        return (seen[bit >>> 6] & (1L << bit)) != 0;
    }

    /** RFC 3550 A.8: J += (|D| - J) / 16, D the change in transit time, in timestamp units. */
    private void updateJitter(RtpPacket packet, long arrivalNanos) {
        int transit = transit(packet, arrivalNanos);
        int difference = transit - lastTransit;
        lastTransit = transit;
        jitter += (Math.abs((double) difference) - jitter) / 16;
    }

    private int transit(RtpPacket packet, long arrivalNanos) {
        long arrival = (arrivalNanos - firstArrivalNanos) * clockRate / 1_000_000_000L;
        return (int) (arrival - packet.timestamp());
    }

    /** The SSRC being counted, or -1 before the first packet. */
    public synchronized long ssrc() {
        return started ? ssrc : -1;
    }

    /**
     * A report block about this stream (RFC 3550 §6.4.1, A.3): fraction lost since the previous
     * block, cumulative loss, extended highest sequence, jitter; null before the first packet.
     *
     * @param lastSr           middle 32 bits of the NTP time of the last SR from this source, 0 if none
     * @param delaySinceLastSr 1/65536 s since that SR arrived, 0 if none
     */
    public synchronized RtcpReportBlock reportBlock(long lastSr, long delaySinceLastSr) {
        if (!started) {
            return null;
        }
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0
                : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        long lost = Math.max(RtcpReportBlock.MIN_CUMULATIVE_LOST,
                Math.min(RtcpReportBlock.MAX_CUMULATIVE_LOST, expected - received));
        return new RtcpReportBlock(ssrc, fraction, (int) lost, highestSequence & 0xFFFF_FFFFL,
                Math.min(0xFFFF_FFFFL, (long) jitter), lastSr, delaySinceLastSr);
    }

    private long expected() {
        return highestSequence - baseSequence + 1;
    }

    /** The counts as they are now. */
    public synchronized Snapshot snapshot() {
        if (!started) {
            return Snapshot.NONE;
        }
        return new Snapshot(ssrc, received, expected(), Math.max(0, expected() - received), reordered, duplicates,
                jitter * 1000.0 / clockRate, ssrcChanges);
    }

    /**
     * Reception counts at one moment.
     *
     * @param ssrc         the source counted (-1 before any packet)
     * @param received     distinct packets received
     * @param expected     packets from the first to the highest sequence number received
     * @param lost         expected minus received, at least 0 (packets still in flight count as lost)
     * @param reordered    packets that arrived after one with a higher sequence number
     * @param duplicates   packets received again
     * @param jitterMillis interarrival jitter (RFC 3550 A.8) in milliseconds
     * @param ssrcChanges  how often the source changed (each change starts the counts over)
     */
    public record Snapshot(long ssrc, long received, long expected, long lost, long reordered, long duplicates,
                           double jitterMillis, long ssrcChanges) {

        public static final Snapshot NONE = new Snapshot(-1, 0, 0, 0, 0, 0, 0, 0);
    }
}
