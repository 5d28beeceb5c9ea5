package io.sipshield.emulator.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.rtp.RtpPacket;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Key lifetime (RFC 3711 §9.2): a negotiated number of packets per master key, and the index
 * spaces (48-bit SRTP, 31-bit SRTCP) that end every key; plus the initial ROC and SRTCP index that
 * let a context join a stream that has run a while.
 */
class SrtpKeyLifetimeTest {

    private static final SrtpCryptoSuite SUITE = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
    private final SrtpMasterKey key = SrtpMasterKey.random(SUITE, new SecureRandom());

    private static byte[] rtp(int seq) {
        return new RtpPacket(0, false, seq, 0, 0x01020304L, new byte[160]).encode();
    }

    private static byte[] rtcp() {
        return HexFormat.of().parseHex("81c90007" + "01020304" + "00000000".repeat(6));
    }

    @Test
    void senderRefusesThePacketAfterTheNegotiatedLifetime() {
        SrtpContext sender = SrtpContext.builder().suite(SUITE).masterKey(key).keyLifetime(3).build();
        for (int seq = 1; seq <= 3; seq++) {
            sender.protect(rtp(seq));
        }
        SrtpKeyExpiredException e = assertThrows(SrtpKeyExpiredException.class, () -> sender.protect(rtp(4)));
        assertEquals("masterKey: its lifetime of 3 packets is used up (RFC 3711 §9.2); rekey or switch keys by MKI",
                e.getMessage());
        assertEquals(3, sender.stats().protectedPackets());
        assertEquals(1, sender.stats().keyExpired());
    }

    @Test
    void receiverCountsOnlyAuthenticPacketsAndThenSaysKeyExpired() {
        SrtpContext sender = SrtpContext.create(SUITE, key);
        SrtpContext receiver = SrtpContext.builder().suite(SUITE).masterKey(key).keyLifetime(2).build();
        byte[] forged = sender.protect(rtp(1));
        forged[20] ^= 1;
        assertEquals(SrtpStatus.AUTH_FAIL, receiver.unprotect(forged).status());
        assertEquals(SrtpStatus.OK, receiver.unprotect(sender.protect(rtp(2))).status());
        assertEquals(SrtpStatus.OK, receiver.unprotect(sender.protect(rtp(3))).status());
        assertEquals(SrtpStatus.KEY_EXPIRED, receiver.unprotect(sender.protect(rtp(4))).status());
        assertEquals(1, receiver.stats().count(SrtpStatus.KEY_EXPIRED));
    }

    @Test
    void rekeyingByMkiContinuesAfterOneKeyExpires() {
        SrtpMasterKey next = SrtpMasterKey.random(SUITE, new SecureRandom());
        SrtpMki one = SrtpMki.of(1, 1);
        SrtpMki two = SrtpMki.of(2, 1);
        SrtpContext sender = SrtpContext.builder().suite(SUITE).masterKey(key, one).masterKey(next, two)
                .keyLifetime(1).build();
        SrtpContext receiver = SrtpContext.builder().suite(SUITE).masterKey(key, one).masterKey(next, two)
                .keyLifetime(1).build();
        assertEquals(SrtpStatus.OK, receiver.unprotect(sender.protect(rtp(1))).status());
        assertThrows(SrtpKeyExpiredException.class, () -> sender.protect(rtp(2)));
        sender.useMasterKey(two);
        assertEquals(SrtpStatus.OK, receiver.unprotect(sender.protect(rtp(2))).status());
    }

    @Test
    void srtpIndexEndsAtRoc2To32Minus1() {
        SrtpContext sender = SrtpContext.builder().suite(SUITE).masterKey(key)
                .initialRolloverCounter(SrtpContext.MAX_ROC).build();
        SrtpContext receiver = SrtpContext.builder().suite(SUITE).masterKey(key)
                .initialRolloverCounter(SrtpContext.MAX_ROC).build();
        byte[] last = sender.protect(rtp(65_535));
        SrtpKeyExpiredException e = assertThrows(SrtpKeyExpiredException.class, () -> sender.protect(rtp(0)));
        assertTrue(e.getMessage().startsWith("rtpPacket: sequence 0 needs ROC 2^32"), e.getMessage());
        assertEquals(SrtpStatus.OK, receiver.unprotect(last).status());
        byte[] wrapped = rtp(0);
        byte[] fake = SrtpContext.create(SUITE, key).protect(wrapped); // index 0, read as ROC 2^32 by the receiver
        assertEquals(SrtpStatus.KEY_EXPIRED, receiver.unprotect(fake).status());
    }

    @Test
    void lifetimeBeyondTheIndexSpaceIsRefused() {
        IllegalArgumentException srtp = assertThrows(IllegalArgumentException.class,
                () -> SrtpContext.builder().keyLifetime(SrtpContext.MAX_KEY_LIFETIME + 1));
        assertEquals("keyLifetime: expected 1 to 2^48 packets per master key (RFC 3711 §9.2), got 281474976710657",
                srtp.getMessage());
        IllegalArgumentException srtcp = assertThrows(IllegalArgumentException.class,
                () -> SrtcpContext.builder().keyLifetime(SrtcpContext.MAX_KEY_LIFETIME + 1));
        assertTrue(srtcp.getMessage().startsWith("keyLifetime: expected 1 to 2^31 packets"), srtcp.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SrtpContext.builder().keyLifetime(0));
        assertThrows(IllegalArgumentException.class, () -> SrtpContext.builder().initialRolloverCounter(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> SrtcpContext.builder().initialIndex(-1));
    }

    @Test
    void initialRocLetsAReceiverJoinAWrappedStream() {
        SrtpContext sender = SrtpContext.builder().suite(SUITE).masterKey(key).initialRolloverCounter(7).build();
        byte[] plain = rtp(100);
        byte[] srtp = sender.protect(plain);
        assertEquals(SrtpStatus.AUTH_FAIL, SrtpContext.create(SUITE, key).unprotect(srtp).status(),
                "ROC 0 assumed: the tag covers the ROC");
        SrtpContext joined = SrtpContext.builder().suite(SUITE).masterKey(key).initialRolloverCounter(7).build();
        SrtpResult result = joined.unprotect(srtp);
        assertArrayEquals(plain, result.rtpPacket());
        assertEquals(OptionalLong.of(7), joined.rolloverCounter(0x01020304L));
    }

    @Test
    void srtcpIndexNeverWrapsAndLifetimeHolds() {
        SrtcpContext sender = SrtcpContext.builder().suite(SUITE).masterKey(key).initialIndex(Integer.MAX_VALUE).build();
        byte[] last = sender.protect(rtcp());
        assertEquals(0xFFFFFFFF, PacketFields.readInt(last, last.length - 14), "E set, index 2^31 - 1");
        SrtpKeyExpiredException e = assertThrows(SrtpKeyExpiredException.class, () -> sender.protect(rtcp()));
        assertEquals("rtcpPacket: SSRC 16909060 has used every 31-bit SRTCP index (RFC 3711 §3.4); rekey",
                e.getMessage());

        SrtcpContext limited = SrtcpContext.builder().suite(SUITE).masterKey(key).keyLifetime(1).build();
        SrtcpContext receiver = SrtcpContext.builder().suite(SUITE).masterKey(key).keyLifetime(1).build();
        assertEquals(SrtpStatus.OK, receiver.unprotect(limited.protect(rtcp())).status());
        assertThrows(SrtpKeyExpiredException.class, () -> limited.protect(rtcp()));
        byte[] fromAnotherSsrc = HexFormat.of().parseHex("81c90007" + "0a0a0a0a" + "00000000".repeat(6));
        assertEquals(SrtpStatus.KEY_EXPIRED,
                receiver.unprotect(SrtcpContext.create(SUITE, key).protect(fromAnotherSsrc)).status());
    }

    @Test
    void unencryptedSrtcpIsSentWithEClearAndReadBack() {
        SrtcpContext sender = SrtcpContext.builder().suite(SUITE).masterKey(key).encrypt(false).build();
        byte[] plain = rtcp();
        byte[] srtcp = sender.protect(plain);
        assertArrayEquals(plain, java.util.Arrays.copyOf(srtcp, plain.length), "body in the clear");
        assertEquals(0, srtcp[plain.length] & 0x80, "E clear");
        SrtpResult result = SrtcpContext.create(SUITE, key).unprotect(srtcp);
        assertEquals(SrtpStatus.OK, result.status());
        assertArrayEquals(plain, result.rtpPacket());
    }
}
