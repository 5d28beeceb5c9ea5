package io.sipshield.emulator.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * RFC 7714 §16 (SRTP) and §17 (SRTCP) with AEAD_AES_128_GCM and AEAD_AES_256_GCM: the IVs, the
 * encrypted-and-tagged packets both ways, and SRTCP with E clear (tag only). The RFC gives session
 * key and salt directly, so these run against the cipher; the contexts add only index and layout.
 */
class Rfc7714KnownAnswerTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SALT = hex("517569642070726f2071756f"); // "Quid pro quo"
    private static final byte[] KEY_128 = hex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] KEY_256 = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    private static final int RTP_SSRC = 0x5501a0b2;
    private static final long RTP_INDEX = 0xf17b; // ROC 0
    private static final byte[] RTP = hex("8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973"
            + "20646976 69736120 696e2070 61727465 73207472 6573"); // "Gallia est omnis divisa in partes tres"
    private static final byte[] SRTP_128 = hex("8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c 9d7e4bca"
            + "be633bd5 0d294e6f 42a5f47a 51c7d19b 36de3adf 8833899d 7f27beb1 6a9152cf 765ee439 0cce");
    private static final byte[] SRTP_256 = hex("8040f17b 8041f8d3 5501a0b2 32b1de78 a822fe12 ef9f78fa 332e33aa"
            + "b1801238 9a58e2f3 b50b2a02 76ffae0f 1ba63799 b87b7aa3 db36dfff d6b0f9bb 7878d7a7 6c13");

    private static final int RTCP_SSRC = 0x4d617273; // "Mars"
    private static final int RTCP_INDEX = 0x5d4;
    private static final byte[] RTCP = hex("81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61"
            + "deadbeef deadbeef deadbeef deadbeef deadbeef");
    private static final byte[] SRTCP_128 = hex("81c8000d 4d617273 63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7 6c06f32d"
            + "c676a5f1 730d6fda 4ce09b46 86303ded 0bb9275b c84aa458 96cf4d2f c5abf872 45d9eade 800005d4");
    private static final byte[] SRTCP_256 = hex("81c8000d 4d617273 d50ae4d1 f5ce5d30 4ba297e4 7d470c28 2c3ece5d bffe0a50"
            + "a2eaa5c1 110555be 8415f658 c61de047 6f1b6fad 1d1eb30c 4446839f 57ff6f6c b26ac3be 800005d4");
    private static final byte[] SRTCP_128_UNENCRYPTED = hex("81c8000d 4d617273 4e545031 4e545032 52545020 0000042a"
            + "0000e930 4c756e61 deadbeef deadbeef deadbeef deadbeef deadbeef 841dd968 3dd78ec9 2ae58790 125f62b3 000005d4");
    private static final byte[] SRTCP_256_UNENCRYPTED = hex("81c8000d 4d617273 4e545031 4e545032 52545020 0000042a"
            + "0000e930 4c756e61 deadbeef deadbeef deadbeef deadbeef deadbeef 91db4afb feee5a97 8fab4393 ed2615fe 000005d4");

    private static byte[] hex(String text) {
        return HEX.parseHex(text.replace(" ", ""));
    }

    private static GcmCipher cipher(int keyBits) {
        return new GcmCipher(keyBits == 128 ? KEY_128 : KEY_256, SALT, 16);
    }

    private static byte[] srtp(int keyBits) {
        return keyBits == 128 ? SRTP_128 : SRTP_256;
    }

    private static byte[] j0(GcmCipher cipher, int ssrc, long index) {
        byte[] j0 = new byte[16];
        AesCounterMode.writeLong(j0, 0, cipher.ivHigh(ssrc, index));
        AesCounterMode.writeLong(j0, 8, cipher.ivLow(index));
        return j0;
    }

    @Test
    void section8_1And9_1Ivs() {
        assertEquals("51753c6580c2726f20718414" + "00000001", HEX.formatHex(j0(cipher(128), RTP_SSRC, RTP_INDEX)));
        assertEquals("517524055203726f207170bb" + "00000001", HEX.formatHex(j0(cipher(128), RTCP_SSRC, RTCP_INDEX)));
    }

    @ParameterizedTest(name = "AES-{0}")
    @ValueSource(ints = {128, 256})
    void section16SrtpEncryptsAndTagsByteForByte(int keyBits) {
        byte[] buffer = Arrays.copyOf(RTP, RTP.length + 16);
        cipher(keyBits).protectRtp(buffer, 0, 12, RTP.length, RTP_SSRC, RTP_INDEX, RTP.length);
        assertEquals(HEX.formatHex(srtp(keyBits)), HEX.formatHex(buffer));
    }

    @ParameterizedTest(name = "AES-{0}")
    @ValueSource(ints = {128, 256})
    void section16SrtpVerifiesAndDecrypts(int keyBits) {
        byte[] buffer = srtp(keyBits).clone();
        GcmCipher cipher = cipher(keyBits);
        assertTrue(cipher.verifyRtp(buffer, 0, 12, RTP.length, RTP_SSRC, RTP_INDEX, RTP.length));
        assertArrayEquals(srtp(keyBits), buffer, "verification leaves the packet alone");
        cipher.decryptRtp(buffer, 0, 12, RTP.length, RTP_SSRC, RTP_INDEX);
        assertArrayEquals(RTP, Arrays.copyOf(buffer, RTP.length));
    }

    @ParameterizedTest(name = "AES-{0}")
    @ValueSource(ints = {128, 256})
    void section16SrtpWithAFlippedBitAnywhereFailsVerification(int keyBits) {
        for (int at : new int[] {1, 11, 12, 40, RTP.length, srtp(keyBits).length - 1}) {
            byte[] forged = srtp(keyBits).clone();
            forged[at] ^= 0x04;
            assertFalse(cipher(keyBits).verifyRtp(forged, 0, 12, RTP.length, RTP_SSRC, RTP_INDEX, RTP.length),
                    "byte " + at);
        }
        assertFalse(cipher(keyBits).verifyRtp(srtp(keyBits).clone(), 0, 12, RTP.length, RTP_SSRC, RTP_INDEX + 0x10000,
                RTP.length), "another ROC is another IV");
    }

    @ParameterizedTest(name = "AES-{0}")
    @ValueSource(ints = {128, 256})
    void section17SrtcpEncryptsAndTagsByteForByte(int keyBits) {
        byte[] expected = keyBits == 128 ? SRTCP_128 : SRTCP_256;
        byte[] buffer = Arrays.copyOf(RTCP, RTCP.length + 16 + 4);
        int trailerAt = RTCP.length + 16;
        PacketFields.writeInt(buffer, trailerAt, 0x80000000 | RTCP_INDEX);
        cipher(keyBits).protectRtcp(buffer, 0, RTCP.length, RTCP_SSRC, RTCP_INDEX, true, trailerAt, RTCP.length);
        assertEquals(HEX.formatHex(expected), HEX.formatHex(buffer));

        byte[] received = expected.clone();
        GcmCipher receiver = cipher(keyBits);
        assertTrue(receiver.verifyRtcp(received, 0, RTCP.length, true, trailerAt, RTCP.length));
        receiver.decryptRtcp(received, 0, RTCP.length, RTCP_SSRC, RTCP_INDEX);
        assertArrayEquals(RTCP, Arrays.copyOf(received, RTCP.length));
    }

    @ParameterizedTest(name = "AES-{0}")
    @ValueSource(ints = {128, 256})
    void section17SrtcpWithEClearIsTaggedOverTheWholePacket(int keyBits) {
        byte[] expected = keyBits == 128 ? SRTCP_128_UNENCRYPTED : SRTCP_256_UNENCRYPTED;
        byte[] buffer = Arrays.copyOf(RTCP, RTCP.length + 16 + 4);
        int trailerAt = RTCP.length + 16;
        PacketFields.writeInt(buffer, trailerAt, RTCP_INDEX);
        cipher(keyBits).protectRtcp(buffer, 0, RTCP.length, RTCP_SSRC, RTCP_INDEX, false, trailerAt, RTCP.length);
        assertEquals(HEX.formatHex(expected), HEX.formatHex(buffer));
        assertTrue(cipher(keyBits).verifyRtcp(expected.clone(), 0, RTCP.length, false, trailerAt, RTCP.length));

        byte[] flagSet = expected.clone();
        flagSet[trailerAt] |= (byte) 0x80;
        assertFalse(cipher(keyBits).verifyRtcp(flagSet, 0, RTCP.length, true, trailerAt, RTCP.length),
                "setting E changes the associated data");
    }
}
