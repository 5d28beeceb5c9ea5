package io.sipshield.emulator.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sipshield.emulator.rtp.RtpPacket;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Master key identifiers (RFC 3711 §3.1, RFC 4568 §6.1): layout, key choice by MKI, rekeying, settings errors. */
class SrtpMkiTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SrtpMki ONE = SrtpMki.of(1, 4);
    private static final SrtpMki TWO = SrtpMki.of(2, 4);

    private static byte[] rtp(int seq) {
        byte[] payload = new byte[160];
        Arrays.fill(payload, (byte) seq);
        return new RtpPacket(0, false, seq, seq * 160L, 0x0badcafeL, payload).encode();
    }

    private static byte[] rtcp() {
        return HexFormat.of().parseHex("81c90007" + "0badcafe" + "11111111".repeat(6));
    }

    @Test
    void sdesValueAndLengthBecomeBigEndianBytes() {
        assertArrayEquals(new byte[] {0, 0, 0, 1}, ONE.value());
        assertArrayEquals(new byte[] {1, 0}, SrtpMki.of(256, 2).value());
        assertEquals(BigInteger.valueOf(256), SrtpMki.of(256, 2).decimalValue());
        assertEquals(SrtpMki.of(1, 4), new SrtpMki(new byte[] {0, 0, 0, 1}));
        assertEquals("SrtpMki[1:4 = 0x00000001]", ONE.toString());
        assertEquals(128, SrtpMki.of(BigInteger.ONE.shiftLeft(1023), 128).length());
    }

    @Test
    void valuesThatDoNotFitTheirLengthAreRefused() {
        assertEquals("mki: value 256 does not fit in 1 byte",
                assertThrows(IllegalArgumentException.class, () -> SrtpMki.of(256, 1)).getMessage());
        assertEquals("mki: length must be 1 to 128 bytes, got 0",
                assertThrows(IllegalArgumentException.class, () -> SrtpMki.of(0, 0)).getMessage());
        assertEquals("mki: length must be 1 to 128 bytes, got 129",
                assertThrows(IllegalArgumentException.class, () -> new SrtpMki(new byte[129])).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SrtpMki.of(-1, 4));
    }

    @ParameterizedTest
    @EnumSource(SrtpCryptoSuite.class)
    void srtpCarriesTheMkiWhereTheTransformPutsIt(SrtpCryptoSuite suite) {
        SrtpMasterKey key = SrtpMasterKey.random(suite, RANDOM);
        SrtpContext sender = SrtpContext.builder().suite(suite).masterKey(key, ONE).build();
        byte[] plain = rtp(1);
        byte[] srtp = sender.protect(plain);

        assertEquals(plain.length + 4 + suite.authTagLength(), srtp.length);
        int mkiAt = suite.isAead() ? srtp.length - 4 : plain.length; // GCM: after the tag; AES-CM: before it
        assertArrayEquals(ONE.value(), Arrays.copyOfRange(srtp, mkiAt, mkiAt + 4));
        SrtpResult result = SrtpContext.builder().suite(suite).masterKey(key, ONE).build().unprotect(srtp);
        assertEquals(SrtpStatus.OK, result.status());
        assertArrayEquals(plain, result.rtpPacket());
    }

    @ParameterizedTest
    @EnumSource(SrtpCryptoSuite.class)
    void srtcpCarriesTheMkiAfterTheTrailer(SrtpCryptoSuite suite) {
        SrtpMasterKey key = SrtpMasterKey.random(suite, RANDOM);
        byte[] plain = rtcp();
        byte[] srtcp = SrtcpContext.builder().suite(suite).masterKey(key, TWO).build().protect(plain);

        int tag = suite.srtcpAuthTagLength();
        int trailerAt = suite.isAead() ? plain.length + tag : plain.length;
        assertEquals(0x80, srtcp[trailerAt] & 0xFF, "E set, index 0");
        assertArrayEquals(TWO.value(), Arrays.copyOfRange(srtcp, trailerAt + 4, trailerAt + 8));
        SrtpResult result = SrtcpContext.builder().suite(suite).masterKey(key, TWO).build().unprotect(srtcp);
        assertEquals(SrtpStatus.OK, result.status());
        assertArrayEquals(plain, result.rtpPacket());
    }

    @Test
    void receiverPicksTheKeyTheMkiNamesAndSenderRekeysOnRequest() {
        SrtpCryptoSuite suite = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
        SrtpMasterKey first = SrtpMasterKey.random(suite, RANDOM);
        SrtpMasterKey second = SrtpMasterKey.random(suite, RANDOM);
        SrtpContext sender = SrtpContext.builder().suite(suite).masterKey(first, ONE).masterKey(second, TWO).build();
        SrtpContext receiver = SrtpContext.builder().suite(suite).masterKey(first, ONE).masterKey(second, TWO).build();

        byte[] before = sender.protect(rtp(10));
        sender.useMasterKey(TWO);
        byte[] after = sender.protect(rtp(11));

        assertArrayEquals(ONE.value(), Arrays.copyOfRange(before, 172, 176));
        assertArrayEquals(TWO.value(), Arrays.copyOfRange(after, 172, 176));
        assertEquals(SrtpStatus.OK, receiver.unprotect(after).status());
        assertEquals(SrtpStatus.OK, receiver.unprotect(before).status(), "the old key still decrypts late packets");
        SrtpContext onlySecond = SrtpContext.builder().suite(suite).masterKey(second, TWO).build();
        assertEquals(SrtpStatus.AUTH_FAIL, onlySecond.unprotect(before).status(), "unknown MKI: no key to authenticate");
    }

    @Test
    void mkiIsNotAuthenticatedButAWrongOneFindsNoKey() {
        SrtpCryptoSuite suite = SrtpCryptoSuite.AEAD_AES_128_GCM;
        SrtpMasterKey key = SrtpMasterKey.random(suite, RANDOM);
        byte[] srtp = SrtpContext.builder().suite(suite).masterKey(key, ONE).build().protect(rtp(3));
        srtp[srtp.length - 1] = 3;
        assertEquals(SrtpStatus.AUTH_FAIL,
                SrtpContext.builder().suite(suite).masterKey(key, ONE).build().unprotect(srtp).status());
    }

    @Test
    void switchingToAnUnknownMkiIsRefused() {
        SrtpContext sender = SrtpContext.builder().suite(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32)
                .masterKey(SrtpMasterKey.random(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32, RANDOM), ONE).build();
        assertEquals("mki: 2:4 names no master key of this context",
                assertThrows(IllegalArgumentException.class, () -> sender.useMasterKey(TWO)).getMessage());
    }

    @Test
    void settingsThatCannotWorkAreNamed() {
        SrtpCryptoSuite suite = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
        SrtpMasterKey key = SrtpMasterKey.random(suite, RANDOM);
        assertEquals("mki: either every master key has an MKI or none does", assertThrows(
                IllegalArgumentException.class,
                () -> SrtpContext.builder().suite(suite).masterKey(key, ONE).masterKey(key).build()).getMessage());
        assertEquals("mki: every MKI of a context has the same length; 1 has 4 bytes, 2 has 2", assertThrows(
                IllegalArgumentException.class, () -> SrtcpContext.builder().suite(suite).masterKey(key, ONE)
                        .masterKey(key, SrtpMki.of(2, 2)).build()).getMessage());
        assertEquals("mki: 1:4 names two master keys", assertThrows(IllegalArgumentException.class,
                () -> SrtpContext.builder().suite(suite).masterKey(key, ONE).masterKey(key, ONE).build()).getMessage());
    }
}
