package io.sipshield.emulator.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SrtcpContextTest {

    private static final SrtpCryptoSuite SUITE = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32;
    private static final HexFormat HEX = HexFormat.of();

    private final SrtpMasterKey key = SrtpMasterKey.random(SUITE, new SecureRandom());
    private final SrtcpContext sender = SrtcpContext.create(SUITE, key);
    private final SrtcpContext receiver = SrtcpContext.create(SUITE, key);

    /** A receiver report with one report block from SSRC 0x0a0b0c0d. */
    private static byte[] rtcp(int fill) {
        byte[] packet = HEX.parseHex("81c90007" + "0a0b0c0d" + "00000000".repeat(6));
        Arrays.fill(packet, 8, packet.length, (byte) fill);
        return packet;
    }

    private static int indexOf(byte[] srtcp) {
        int at = srtcp.length - 10 - 4;
        return ((srtcp[at] & 0x7F) << 24) | ((srtcp[at + 1] & 0xFF) << 16) | ((srtcp[at + 2] & 0xFF) << 8)
                | (srtcp[at + 3] & 0xFF);
    }

    @Test
    void roundTripKeepsTheFirstEightBytesInTheClearAndUsesAn80BitTagEvenForThe32BitSuite() {
        byte[] plain = rtcp(0x5a);
        byte[] srtcp = sender.protect(plain);
        assertEquals(plain.length + 4 + 10, srtcp.length);
        assertArrayEquals(Arrays.copyOf(plain, 8), Arrays.copyOf(srtcp, 8));
        assertFalse(Arrays.equals(Arrays.copyOfRange(plain, 8, plain.length),
                Arrays.copyOfRange(srtcp, 8, plain.length)));
        assertEquals(0x80, srtcp[plain.length] & 0x80, "E flag set");
        SrtpResult result = receiver.unprotect(srtcp);
        assertEquals(SrtpStatus.OK, result.status());
        assertArrayEquals(plain, result.rtpPacket());
    }

    @Test
    void indexStartsAtZeroAndCountsEachPacketPerSsrc() {
        assertEquals(0, indexOf(sender.protect(rtcp(1))));
        assertEquals(1, indexOf(sender.protect(rtcp(1))));
        byte[] otherSsrc = rtcp(1);
        otherSsrc[7] = 0x0e;
        assertEquals(0, indexOf(sender.protect(otherSsrc)));
        assertEquals(2, indexOf(sender.protect(rtcp(1))));
    }

    @Test
    void tamperedBodyOrTrailerFailsAuthentication() {
        byte[] srtcp = sender.protect(rtcp(2));
        for (int at : new int[] {3, 12, srtcp.length - 14, srtcp.length - 11, srtcp.length - 1}) {
            byte[] forged = srtcp.clone();
            forged[at] ^= 0x01;
            assertEquals(SrtpStatus.AUTH_FAIL, receiver.unprotect(forged).status(), "byte " + at);
        }
        assertEquals(SrtpStatus.OK, receiver.unprotect(srtcp).status());
    }

    @Test
    void clearingTheEncryptionFlagIsCaughtByTheTag() {
        byte[] srtcp = sender.protect(rtcp(3));
        srtcp[srtcp.length - 14] &= 0x7F;
        assertEquals(SrtpStatus.AUTH_FAIL, receiver.unprotect(srtcp).status());
    }

    @Test
    void unencryptedPacketWithEClearIsAuthenticatedButNotDecrypted() {
        byte[] plain = rtcp(4);
        byte[] packet = Arrays.copyOf(plain, plain.length + 14);
        packet[plain.length + 3] = 7; // E = 0, index 7
        SrtpSessionKeys keys = SrtpSessionKeys.forRtcp(SUITE, key);
        new HmacSha1Authenticator(keys.authenticationKey(), 10).tagRtcp(packet, 0, plain.length + 4, packet,
                plain.length + 4);
        SrtpResult result = receiver.unprotect(packet);
        assertEquals(SrtpStatus.OK, result.status());
        assertArrayEquals(plain, result.rtpPacket());
    }

    @Test
    void samePacketTwiceIsAReplay() {
        byte[] srtcp = sender.protect(rtcp(5));
        assertEquals(SrtpStatus.OK, receiver.unprotect(srtcp).status());
        assertEquals(SrtpStatus.REPLAY, receiver.unprotect(srtcp).status());
    }

    @Test
    void packetBehindTheWindowIsTooOld() {
        byte[] first = sender.protect(rtcp(6));
        byte[] last = null;
        for (int i = 0; i < 64; i++) {
            last = sender.protect(rtcp(6));
        }
        assertEquals(SrtpStatus.OK, receiver.unprotect(last).status());
        assertEquals(SrtpStatus.TOO_OLD, receiver.unprotect(first).status());
        assertEquals(new SrtpStats.Snapshot(0, 1, 0, 0, 1, 0), receiver.stats());
        assertEquals(65, sender.stats().protectedPackets());
    }

    @Test
    void shortOrWrongVersionPacketsAreMalformed() {
        byte[] srtcp = sender.protect(rtcp(7));
        assertEquals(SrtpStatus.MALFORMED, receiver.unprotect(Arrays.copyOf(srtcp, 21)).status());
        byte[] version1 = srtcp.clone();
        version1[0] = 0x41;
        assertEquals(SrtpStatus.MALFORMED, receiver.unprotect(version1).status());
        assertEquals(2, receiver.stats().malformed());
    }

    @Test
    void protectRejectsAShortPacket() {
        assertThrows(IllegalArgumentException.class, () -> sender.protect(new byte[] {(byte) 0x80, (byte) 0xc8}));
    }

    @Test
    void inPlaceRoundTrip() {
        byte[] plain = rtcp(8);
        byte[] buffer = Arrays.copyOf(plain, plain.length + sender.overhead());
        int length = sender.protectInPlace(buffer, 0, plain.length);
        assertEquals(buffer.length, length);
        assertEquals(SrtpStatus.OK, receiver.unprotectInPlace(buffer, 0, length));
        assertArrayEquals(plain, Arrays.copyOf(buffer, plain.length));
    }
}
