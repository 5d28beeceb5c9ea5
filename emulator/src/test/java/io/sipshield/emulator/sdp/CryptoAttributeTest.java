package io.sipshield.emulator.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CryptoAttributeTest {

    // /work/shared/fixtures/asterisk/trace-register-call-echo.txt: baresip's offer, then Asterisk's answer.
    private static final String BARESIP_OFFER = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:zZYHWusZtqSPc/MWQCSKgNrcio+EcwdI3fBs8P+H";
    private static final String ASTERISK_ANSWER = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:4z3rf1Qdc9LChKfWBRQw8vCLF2p3JYYDCGOhJsfW";
    private static final String KEY = "zZYHWusZtqSPc/MWQCSKgNrcio+EcwdI3fBs8P+H";

    @ParameterizedTest
    @ValueSource(strings = {BARESIP_OFFER, ASTERISK_ANSWER})
    void realLinesParseAndFormatBackToTheSameText(String line) {
        CryptoAttribute attribute = CryptoAttribute.parse(line);
        assertEquals(1, attribute.tag());
        assertEquals(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, attribute.suite());
        assertNull(attribute.lifetime());
        assertNull(attribute.mki());
        assertEquals(line, attribute.toSdpLine());
        assertEquals(line.substring("a=crypto:".length()), attribute.toSdpValue());
        assertEquals(attribute, CryptoAttribute.parse(attribute.toSdpValue()), "value without the prefix");
    }

    @Test
    void keyAndSaltAreTheDecodedInlineBytes() {
        byte[] raw = Base64.getDecoder().decode(KEY);
        CryptoAttribute attribute = CryptoAttribute.parse(BARESIP_OFFER);
        assertEquals(SrtpMasterKey.of(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, raw), attribute.key());
    }

    @Test
    void lineEndingAndSurroundingBlanksAreIgnored() {
        assertEquals(CryptoAttribute.parse(BARESIP_OFFER), CryptoAttribute.parse("  " + BARESIP_OFFER + "\r\n"));
    }

    @Test
    void lifetimeAndMkiAreKeptAsWritten() {
        CryptoAttribute attribute = CryptoAttribute.parse("7 AES_CM_128_HMAC_SHA1_32 inline:" + KEY + "|2^31|1:4");
        assertEquals(7, attribute.tag());
        assertEquals(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32, attribute.suite());
        assertEquals("2^31", attribute.lifetime());
        assertEquals("1:4", attribute.mki());
        assertEquals("7 AES_CM_128_HMAC_SHA1_32 inline:" + KEY + "|2^31|1:4", attribute.toSdpValue());
    }

    @Test
    void mkiWithoutLifetime() {
        CryptoAttribute attribute = CryptoAttribute.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|1:4");
        assertNull(attribute.lifetime());
        assertEquals("1:4", attribute.mki());
    }

    @Test
    void builtAttributeParsesBack() {
        SrtpMasterKey key = SrtpMasterKey.random(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32, new SecureRandom());
        CryptoAttribute built = CryptoAttribute.of(123456789, SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32, key);
        assertEquals(built, CryptoAttribute.parse(built.toSdpLine()));
    }

    @Test
    void toStringDoesNotShowTheKey() {
        CryptoAttribute attribute = CryptoAttribute.parse(BARESIP_OFFER);
        assertFalse(attribute.toString().contains(KEY), attribute.toString());
        assertFalse(attribute.toString().contains("zZYH"), attribute.toString());
        assertTrue(attribute.toString().contains("AES_CM_128_HMAC_SHA1_80"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '!', value = {
        "x AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "!tag",
        "1234567890 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "!tag",
        "-1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "!tag",
        "a=crypto:!tag",
        "1!suite",
        "1 AES_CM_129_HMAC_SHA1_80 inline:" + KEY + "!suite",
        "1 aes_cm_128_hmac_sha1_80 inline:" + KEY + "!suite",
        "1 AEAD_AES_256_GCM inline:" + KEY + "!suite",
        "1 AES_CM_128_HMAC_SHA1_80!key-params",
        "1 AES_CM_128_HMAC_SHA1_80 " + KEY + "!key-params",
        "1 AES_CM_128_HMAC_SHA1_80 uri:http://example.test/key!key-params",
        "1 AES_CM_128_HMAC_SHA1_80 inline:!key-params",
        "1 AES_CM_128_HMAC_SHA1_80 inline:zZYHWusZtqSPc/MWQCSKgNrcio+EcwdI3fBs8P+*!key-params",
        "1 AES_CM_128_HMAC_SHA1_80 inline:zZYHWusZtqSPc/MWQCSKgNrcio+EcwdI3fBs8P!key-params",
        "1 AES_CM_128_HMAC_SHA1_80 inline:zZYHWusZtqSPc/MWQCSKgNrcio+EcwdI3fBs8P+HAAAA!key-params",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + ";inline:" + KEY + "!key-params",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|2^20|1:4|9!key-params",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|2^x!lifetime",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|1:4|2^20!lifetime",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|1:1234!mki",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|1:4|2:4!mki",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + " KDR=1!session-params",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + " UNENCRYPTED_SRTP!session-params",
    })
    void malformedAttributeNamesItsField(String value, String field) {
        SdpParseException e = assertThrows(SdpParseException.class, () -> CryptoAttribute.parse(value));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    }

    @Test
    void wrongKeyLengthSaysWhatWasExpected() {
        SdpParseException e = assertThrows(SdpParseException.class, () -> CryptoAttribute.parse(
                "1 AES_CM_128_HMAC_SHA1_80 inline:" + Base64.getEncoder().encodeToString(new byte[46])));
        assertEquals("key-params: AES_CM_128_HMAC_SHA1_80 needs 30 bytes of key||salt, the inline key decodes to 46",
                e.getMessage());
    }

    @Test
    void unknownSuiteIsQuotedInTheMessage() {
        SdpParseException e = assertThrows(SdpParseException.class,
                () -> CryptoAttribute.parse("1 F8_128_HMAC_SHA1_80 inline:" + KEY));
        assertEquals("suite: unknown crypto-suite 'F8_128_HMAC_SHA1_80'", e.getMessage());
    }

    @Test
    void constructorChecksTheKeyAgainstTheSuite() {
        SrtpMasterKey aes256 = new SrtpMasterKey(new byte[32], new byte[14]);
        assertThrows(IllegalArgumentException.class,
                () -> CryptoAttribute.of(1, SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, aes256));
    }
}
