package io.sipshield.emulator.rtp;

import java.time.Duration;

/**
 * One reception report block of an RTCP SR or RR (RFC 3550 §6.4.1): what the reporter has
 * received from one source.
 *
 * @param ssrc             the source this block is about
 * @param fractionLost     packets lost since the previous report, as a fraction of 256 (0-255)
 * @param cumulativeLost   packets lost since the start, 24-bit signed (duplicates can make it negative)
 * @param highestSequence  the extended highest sequence number received (cycles << 16 | seq)
 * @param jitter           interarrival jitter in RTP timestamp units (RFC 3550 §6.4.1, A.8)
 * @param lastSr           the middle 32 bits of the NTP timestamp of the last SR received from the source, 0 if none
 * @param delaySinceLastSr the delay from receiving that SR to sending this block, in 1/65536 s; 0 if none
 */
public record RtcpReportBlock(long ssrc, int fractionLost, int cumulativeLost, long highestSequence, long jitter,
                              long lastSr, long delaySinceLastSr) {

    /** The range of the 24-bit signed cumulative loss. */
    public static final int MIN_CUMULATIVE_LOST = -(1 << 23);
    public static final int MAX_CUMULATIVE_LOST = (1 << 23) - 1;

    public RtcpReportBlock {
        RtcpSenderInfo.checkUnsigned32("ssrc", ssrc);
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fractionLost: expected 0-255, got " + fractionLost);
        }
        if (cumulativeLost < MIN_CUMULATIVE_LOST || cumulativeLost > MAX_CUMULATIVE_LOST) {
            throw new IllegalArgumentException("cumulativeLost: expected a 24-bit signed value, got " + cumulativeLost);
        }
        RtcpSenderInfo.checkUnsigned32("highestSequence", highestSequence);
        RtcpSenderInfo.checkUnsigned32("jitter", jitter);
        RtcpSenderInfo.checkUnsigned32("lastSr", lastSr);
        RtcpSenderInfo.checkUnsigned32("delaySinceLastSr", delaySinceLastSr);
    }

    /** The jitter as a duration, for a stream with this RTP clock rate. */
    public Duration jitter(int clockRate) {
        return Duration.ofNanos(jitter * 1_000_000_000L / clockRate);
    }
}
