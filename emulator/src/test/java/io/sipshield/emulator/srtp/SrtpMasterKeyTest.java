package io.sipshield.emulator.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SrtpMasterKeyTest {

    private static final SrtpCryptoSuite SUITE = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;

    @Test
    void ofSplitsKeyAndSalt() {
        byte[] both = new byte[30];
        for (int i = 0; i < both.length; i++) {
            both[i] = (byte) i;
        }
        SrtpMasterKey key = SrtpMasterKey.of(SUITE, both);
        assertEquals(16, key.key().length);
        assertEquals(14, key.salt().length);
        assertEquals(16, key.salt()[0]);
        assertArrayEquals(both, key.keyAndSalt());
    }

    @Test
    void ofRejectsAWrongLengthAndSaysWhatItNeeds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SrtpMasterKey.of(SUITE, new byte[29]));
        assertEquals("key||salt: AES_CM_128_HMAC_SHA1_80 needs 30 bytes (16-byte key + 14-byte salt), got 29",
                e.getMessage());
    }

    @Test
    void toStringShowsNoKeyMaterial() {
        SrtpMasterKey key = SrtpMasterKey.of(SUITE, HexFormat.of().parseHex("ab".repeat(30)));
        assertEquals("SrtpMasterKey[key=<16 bytes>, salt=<14 bytes>]", key.toString());
        assertFalse(key.toString().toLowerCase().contains("ab"));
    }

    @Test
    void equalityIsByContentAndArraysAreCopied() {
        byte[] raw = new byte[16];
        SrtpMasterKey a = new SrtpMasterKey(raw, new byte[14]);
        SrtpMasterKey b = new SrtpMasterKey(new byte[16], new byte[14]);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        raw[0] = 1;
        a.key()[1] = 1;
        assertEquals(b, a, "neither the input nor an accessor result reaches the record");
        assertNotEquals(a, new SrtpMasterKey(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                new byte[14]));
    }

    @Test
    void randomKeysFitTheSuiteAndDiffer() {
        SecureRandom random = new SecureRandom();
        SrtpMasterKey one = SrtpMasterKey.random(SUITE, random);
        assertTrue(one.fits(SUITE));
        assertNotEquals(one, SrtpMasterKey.random(SUITE, random));
    }

    @Test
    void suitesCarryTheirLengthsAndNames() {
        assertEquals(10, SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80.authTagLength());
        assertEquals(4, SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32.authTagLength());
        assertEquals(10, SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32.srtcpAuthTagLength());
        assertEquals(30, SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32.keyAndSaltLength());
        assertEquals(Optional.of(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32),
                SrtpCryptoSuite.fromSdpName("AES_CM_128_HMAC_SHA1_32"));
        assertEquals(Optional.empty(), SrtpCryptoSuite.fromSdpName("aes_cm_128_hmac_sha1_80"));
        assertEquals(Optional.of(SrtpCryptoSuite.AEAD_AES_128_GCM), SrtpCryptoSuite.fromSdpName("AEAD_AES_128_GCM"));
        assertEquals(Optional.of(SrtpCryptoSuite.AES_256_CM_HMAC_SHA1_32), SrtpCryptoSuite.fromSdpName("AES_CM_256_HMAC_SHA1_32"));
        assertEquals(Optional.empty(), SrtpCryptoSuite.fromSdpName("F8_128_HMAC_SHA1_80"));
    }
}
