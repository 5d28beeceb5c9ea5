package io.sipshield.emulator.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RTCP compound packets, RFC 3550 §6.4 (SR, RR, report blocks), §6.5 (SDES), §6.6 (BYE), A.2 (validity). */
class RtcpCompoundTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final RtcpReportBlock BLOCK = new RtcpReportBlock(0x0A0B0C0DL, 0x40, 5, 0x00010010L, 0x20,
            0x11223344L, 0x00010000L);

    @Test
    void receiverReportWithCnameHasTheRfc3550Layout() {
        byte[] wire = new RtcpCompound(0x01020304L, null, List.of(BLOCK), "ab", false).encode();
        assertEquals("81c90007" + "01020304"
                + "0a0b0c0d" + "40000005" + "00010010" + "00000020" + "11223344" + "00010000"
                + "81ca0003" + "01020304" + "01026162" + "00000000", HEX.formatHex(wire));
    }

    @Test
    void senderReportWithByeReadsBack() {
        RtcpSenderInfo info = new RtcpSenderInfo(0xE1234567_89ABCDEFL, 0xFFFFFFF0L, 50, 8000);
        RtcpCompound sent = new RtcpCompound(0xDEADBEEFL, info, List.of(BLOCK), "101@127.0.0.1", true);
        byte[] wire = sent.encode();
        assertEquals(0x80 | 1, wire[0] & 0xFF);
        assertEquals(RtcpCompound.SR, wire[1] & 0xFF);
        assertEquals(0, wire.length % 4);
        RtcpCompound read = RtcpCompound.decode(wire);
        assertEquals(sent, read);
        assertTrue(read.isSenderReport());
        assertEquals(BLOCK, read.reportAbout(0x0A0B0C0DL).orElseThrow());
        assertTrue(read.reportAbout(1).isEmpty());
    }

    @Test
    void negativeCumulativeLossKeepsItsSign() {
        RtcpReportBlock duplicates = new RtcpReportBlock(1, 0, -3, 100, 0, 0, 0);
        RtcpCompound read = RtcpCompound.decode(new RtcpCompound(2, null, List.of(duplicates), null, false).encode());
        assertEquals(-3, read.reports().get(0).cumulativeLost());
        assertNull(read.cname());
    }

    @Test
    void ntpTimestampsCountFrom1900AndLsrIsTheirMiddle() {
        long ntp = RtcpSenderInfo.ntpTimestamp(Instant.ofEpochSecond(0, 500_000_000));
        assertEquals(RtcpSenderInfo.NTP_UNIX_OFFSET, ntp >>> 32);
        assertEquals(0x8000_0000L, ntp & 0xFFFF_FFFFL);
        assertEquals(((RtcpSenderInfo.NTP_UNIX_OFFSET & 0xFFFF) << 16) | 0x8000, RtcpSenderInfo.middle32(ntp));
    }

    @Test
    void otherPacketTypesAreSkippedAndTheCnameOfTheReporterIsFound() {
        // RR without blocks, APP (204) of 12 bytes, SDES with two chunks (the reporter's second)
        byte[] wire = HEX.parseHex("80c90001" + "00000007"
                + "80cc0002" + "00000007" + "74657374"
                + "82ca0005" + "00000009" + "01017800" + "00000007" + "01037a7a" + "7a000000");
        RtcpCompound read = RtcpCompound.decode(wire);
        assertEquals(7, read.ssrc());
        assertEquals("zzz", read.cname());
        assertFalse(read.bye());
    }

    @Test
    void rtcpMuxTellsRtcpFromRtp() {
        byte[] rr = new RtcpCompound(1, null, List.of(), null, false).encode();
        assertTrue(RtcpCompound.looksLikeRtcp(rr, 0, rr.length));
        byte[] rtp = new RtpPacket(0, true, 1, 2, 3, new byte[160]).encode();
        assertFalse(RtcpCompound.looksLikeRtcp(rtp, 0, rtp.length));
    }

    @Test
    void invalidCompoundsSayWhatBreaksAppendixA2() {
        assertMessage("RTCP: a compound starts with SR (200) or RR (201), got type 202", "81ca000100000001");
        assertMessage("RTCP: version 1 at byte 0, expected 2", "41c9000100000001");
        assertMessage("RTCP: packet type 201 declares 12 bytes, only 8 left", "80c9000200000001");
        assertMessage("RTCP: padding on packet type 201, which is not the last", "a0c9000100000001" + "81cb000100000001");
        assertMessage("RTCP: RR with 1 blocks needs 32 bytes, has 8", "81c9000100000001");
        assertMessage("RTCP: 4 bytes, shorter than one 8-byte header", "80c90001");
    }

    @Test
    void valuesOutsideTheirFieldsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RtcpReportBlock(1, 256, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new RtcpReportBlock(1, 0, 1 << 23, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new RtcpSenderInfo(0, 1L << 32, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new RtcpCompound(-1, null, List.of(), null, false));
    }

    private static void assertMessage(String message, String hex) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RtcpCompound.decode(HEX.parseHex(hex)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void encodeIsStableByteForByte() {
        RtcpCompound compound = new RtcpCompound(5, new RtcpSenderInfo(1L << 32, 160, 1, 160), List.of(), "x", false);
        assertArrayEquals(compound.encode(), RtcpCompound.decode(compound.encode()).encode());
    }
}
