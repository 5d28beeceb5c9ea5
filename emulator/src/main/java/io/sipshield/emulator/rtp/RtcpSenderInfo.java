package io.sipshield.emulator.rtp;

import java.time.Instant;

/**
 * The sender information of an RTCP sender report (RFC 3550 §6.4.1).
 *
 * @param ntpTimestamp the wallclock time the report was sent, 64-bit NTP format (seconds since 1900 in the high word)
 * @param rtpTimestamp the same instant in the stream's RTP clock
 * @param packetCount  RTP packets sent so far (mod 2^32)
 * @param octetCount   payload octets sent so far (mod 2^32)
 */
public record RtcpSenderInfo(long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount) {

    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01. */
    public static final long NTP_UNIX_OFFSET = 2_208_988_800L;

    public RtcpSenderInfo {
        checkUnsigned32("rtpTimestamp", rtpTimestamp);
        checkUnsigned32("packetCount", packetCount);
        checkUnsigned32("octetCount", octetCount);
    }

    /** An instant as a 64-bit NTP timestamp (RFC 3550 §4). */
    public static long ntpTimestamp(Instant instant) {
        long seconds = instant.getEpochSecond() + NTP_UNIX_OFFSET;
        long fraction = ((long) instant.getNano() << 32) / 1_000_000_000L;
        return (seconds << 32) | fraction;
    }

    /** The middle 32 bits of an NTP timestamp: what LSR echoes and round trips are measured in (1/65536 s). */
    public static long middle32(long ntpTimestamp) {
        return (ntpTimestamp >>> 16) & 0xFFFF_FFFFL;
    }

    static void checkUnsigned32(String field, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(field + ": expected 0 to 2^32-1, got " + value);
        }
    }
}
