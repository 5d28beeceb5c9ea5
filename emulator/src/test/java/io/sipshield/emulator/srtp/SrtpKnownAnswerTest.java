package io.sipshield.emulator.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Published vectors: RFC 3711 Appendix B.2 (AES-CM keystream) and B.3 (key derivation), and the
 * SRTP/SRTCP packets of libsrtp's test/srtp_driver.c (srtp_validate), both ways.
 */
class SrtpKnownAnswerTest {

    private static final HexFormat HEX = HexFormat.of();

    // RFC 3711 B.3; libsrtp's test_key starts with the same 16 + 14 bytes.
    private static final SrtpMasterKey RFC_MASTER = new SrtpMasterKey(
            hex("E1F97A0D3E018BE0D64FA32C06DE4139"), hex("0EC675AD498AFEEBB6960B3AABE6"));

    // libsrtp srtp_validate(): SSRC 0xcafebabe, seq 0x1234, ROC 0.
    private static final byte[] LIBSRTP_RTP = hex("800f1234decafbadcafebabe" + "abababab".repeat(4));
    private static final byte[] LIBSRTP_SRTP_80 = hex("800f1234decafbadcafebabe"
            + "4e55dc4ce79978d88ca4d215949d2402" + "b78d6acc99ea179b8dbb");
    private static final byte[] LIBSRTP_RTCP = hex("81c8000bcafebabe" + "abababab".repeat(4));
    private static final byte[] LIBSRTP_SRTCP = hex("81c8000bcafebabe"
            + "7128035be487b9bdbef89041f977a5a8" + "80000001" + "993e08cd54d6c1230798");

    private static byte[] hex(String text) {
        return HEX.parseHex(text);
    }

    private static byte[] keystream(int length) {
        AesCounterMode cm = new AesCounterMode(hex("2B7E151628AED2A6ABF7158809CF4F3C"));
        byte[] iv = new byte[16];
        AesCounterMode.packetIv(hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"), 0, 0, iv);
        assertArrayEquals(hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000"), iv, "SSRC 0, index 0: IV is the shifted salt");
        byte[] out = new byte[length];
        cm.xorKeystream(iv, out, 0, length);
        return out;
    }

    @Test
    void rfc3711B2KeystreamStartsWithTheFirstThreeBlocks() {
        assertEquals("e03ead0935c95e80e166b16dd92b4eb4" + "d23513162b02d0f72a43a2fe4a5f97ab"
                + "41e95b3bb0a2e8dd477901e4fca894c0", HEX.formatHex(keystream(48)));
    }

    @Test
    void rfc3711B2KeystreamEndsWithTheLastThreeBlocksOfTheSegment() {
        byte[] segment = keystream(1044512); // 65282 blocks, counters ...0000 to ...FF01
        assertEquals("ec8cdf7398607cb0f2d21675ea9ea1e4" + "362b7c3c6773516318a077d7fc5073ae"
                + "6a2cc3787889374fbeb4c81b17ba6c44",
                HEX.formatHex(Arrays.copyOfRange(segment, segment.length - 48, segment.length)));
    }

    @Test
    void rfc3711B3DerivesCipherKeySaltAndAuthKey() {
        SrtpKdf kdf = SrtpKdf.create(RFC_MASTER);
        assertEquals("c61e7a93744f39ee10734afe3ff7a087", HEX.formatHex(kdf.derive(SrtpKeyLabel.RTP_ENCRYPTION, 16)));
        assertEquals("30cbbc08863d8c85d49db34a9ae1", HEX.formatHex(kdf.derive(SrtpKeyLabel.RTP_SALT, 14)));
        assertEquals("cebe321f6ff7716b6fd4ab49af256a156d38baa4",
                HEX.formatHex(kdf.derive(SrtpKeyLabel.RTP_AUTHENTICATION, 20)));
    }

    @Test
    void derivationDependsOnTheLabel() {
        SrtpKdf kdf = SrtpKdf.create(RFC_MASTER);
        assertEquals(6, Arrays.stream(SrtpKeyLabel.values())
                .map(label -> HEX.formatHex(kdf.derive(label, 16))).distinct().count());
    }

    @Test
    void libsrtpVectorProtectsByteForByte() {
        SrtpContext sender = SrtpContext.create(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, RFC_MASTER);
        assertEquals(HEX.formatHex(LIBSRTP_SRTP_80), HEX.formatHex(sender.protect(LIBSRTP_RTP)));
    }

    @Test
    void libsrtpVectorUnprotectsToThePlainPacket() {
        SrtpContext receiver = SrtpContext.create(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, RFC_MASTER);
        SrtpResult result = receiver.unprotect(LIBSRTP_SRTP_80);
        assertEquals(SrtpStatus.OK, result.status());
        assertArrayEquals(LIBSRTP_RTP, result.rtpPacket());
    }

    @Test
    void libsrtpVectorWithAFlippedTagByteFailsAuthentication() {
        byte[] forged = LIBSRTP_SRTP_80.clone();
        forged[forged.length - 1] ^= 0x01;
        SrtpContext receiver = SrtpContext.create(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, RFC_MASTER);
        assertEquals(SrtpStatus.AUTH_FAIL, receiver.unprotect(forged).status());
    }

    @Test
    void thirtyTwoBitSuiteKeepsTheFirstFourTagBytes() {
        // Same keys and keystream; HMAC-SHA1 truncated to 32 bits instead of 80.
        SrtpContext sender = SrtpContext.create(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32, RFC_MASTER);
        assertEquals(HEX.formatHex(Arrays.copyOf(LIBSRTP_SRTP_80, LIBSRTP_RTP.length + 4)),
                HEX.formatHex(sender.protect(LIBSRTP_RTP)));
    }

    @Test
    void libsrtpSrtcpVectorProtectsByteForByteAtIndexOne() {
        // RFC 3711 §3.4 numbers SRTCP packets from 0; libsrtp's first packet carries index 1,
        // so the vector is the second packet this context sends.
        SrtcpContext sender = SrtcpContext.create(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, RFC_MASTER);
        byte[] first = sender.protect(LIBSRTP_RTCP);
        assertEquals("80000000", HEX.formatHex(first, LIBSRTP_RTCP.length, LIBSRTP_RTCP.length + 4),
                "first packet: E set, index 0");
        assertEquals(HEX.formatHex(LIBSRTP_SRTCP), HEX.formatHex(sender.protect(LIBSRTP_RTCP)));
    }

    @Test
    void libsrtpSrtcpVectorUnprotectsToThePlainPacket() {
        SrtcpContext receiver = SrtcpContext.create(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, RFC_MASTER);
        SrtpResult result = receiver.unprotect(LIBSRTP_SRTCP);
        assertEquals(SrtpStatus.OK, result.status());
        assertArrayEquals(LIBSRTP_RTCP, result.rtpPacket());
    }

    @Test
    void libsrtpSrtcpVectorWithAFlippedTagByteFailsAuthentication() {
        byte[] forged = LIBSRTP_SRTCP.clone();
        forged[forged.length - 3] ^= (byte) 0x80;
        SrtcpContext receiver = SrtcpContext.create(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, RFC_MASTER);
        assertEquals(SrtpStatus.AUTH_FAIL, receiver.unprotect(forged).status());
    }
}
