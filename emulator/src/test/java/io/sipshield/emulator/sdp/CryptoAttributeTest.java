package io.sipshield.emulator.sdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CryptoAttributeTest {

    // /work/shared/fixtures/asterisk/trace-register-call-echo.txt: baresip's offer, then Asterisk's answer.
    private static final String BARESIP_OFFER = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:zZYHWusZtqSPc/MWQCSKgNrcio+EcwdI3fBs8P+H";
    private static final String ASTERISK_ANSWER = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:4z3rf1Qdc9LChKfWBRQw8vCLF2p3JYYDCGOhJsfW";
    private static final String KEY = "zZYHWusZtqSPc/MWQCSKgNrcio+EcwdI3fBs8P+H";
    private static final String OTHER_KEY = "4z3rf1Qdc9LChKfWBRQw8vCLF2p3JYYDCGOhJsfW";

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
        "1 AEAD_AES_256_GCM inline:" + KEY + "!key-params",
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
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|1:4;inline:" + KEY + "!key-params",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|1:4;inline:" + KEY + "|2:2!key-params",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|1:4;inline:" + KEY + "|01:4!key-params",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + ";!key-params",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|256:1!mki",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|1:0!mki",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|1:129!mki",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + " KDR=x!session-params",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + " KDR=25!session-params",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + " WSH=10!session-params",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + " FEC_ORDER=LAST!session-params",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + " FEC_KEY=uri:x!session-params",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + " UNENCRYPTED_SRTP=1!session-params",
    })
    void malformedAttributeNamesItsField(String value, String field) {
        SdpParseException e = assertThrows(SdpParseException.class, () -> CryptoAttribute.parse(value));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    }

    @Test
    void severalKeysEachWithAnMkiParseAndFormatBack() {
        String value = "3 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|2^20|1:4;inline:" + OTHER_KEY + "|2:4";
        CryptoAttribute attribute = CryptoAttribute.parse(value);
        assertEquals(2, attribute.keys().size());
        assertEquals(new Mki("1", 4), attribute.keys().get(0).mki());
        assertEquals(KeyLifetime.powerOfTwo(20), attribute.keys().get(0).lifetime());
        assertEquals(new Mki("2", 4), attribute.keys().get(1).mki());
        assertNull(attribute.keys().get(1).lifetime());
        assertEquals("2^20", attribute.lifetime(), "the first key's lifetime");
        assertEquals("1:4", attribute.mki(), "the first key's MKI");
        assertEquals(value, attribute.toSdpValue());
        CryptoAttribute second = attribute.withOnlyKey(1);
        assertEquals(List.of(attribute.keys().get(1)), second.keys());
        assertEquals(3, second.tag());
        assertFalse(attribute.toString().contains("zZYH") || attribute.toString().contains("4z3r"), attribute.toString());
    }

    @Test
    void sessionParametersAreKeptAsWrittenAndLookedUpByName() {
        String value = "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + " KDR=0 UNENCRYPTED_SRTCP WSH=128 -X-VENDOR=7";
        CryptoAttribute attribute = CryptoAttribute.parse(value);
        assertEquals(List.of("KDR=0", "UNENCRYPTED_SRTCP", "WSH=128", "-X-VENDOR=7"), attribute.sessionParams());
        assertEquals(Optional.of("128"), attribute.sessionParam("WSH"));
        assertEquals(Optional.of(""), attribute.sessionParam("UNENCRYPTED_SRTCP"));
        assertEquals(Optional.empty(), attribute.sessionParam("UNENCRYPTED_SRTP"));
        assertEquals(value, attribute.toSdpValue());
    }

    @Test
    void lifetimeInBothNotations() {
        KeyLifetime power = KeyLifetime.parse("2^31");
        assertTrue(power.exponential());
        assertEquals(31, power.exponent());
        assertEquals(1L << 31, power.packets());
        KeyLifetime decimal = KeyLifetime.parse("1048576");
        assertFalse(decimal.exponential());
        assertEquals(-1, decimal.exponent());
        assertEquals(1L << 20, decimal.packets());
        assertEquals(Long.MAX_VALUE, KeyLifetime.parse("2^64").packets(), "saturates");
        assertEquals(Long.MAX_VALUE, KeyLifetime.parse("99999999999999999999999").packets(), "saturates");
        assertEquals("lifetime", assertThrows(SdpParseException.class, () -> KeyLifetime.parse("2^")).field());
    }

    @Test
    void mkiIsTheValueInItsLengthOfBytes() {
        Mki mki = Mki.parse("258:4");
        assertArrayEquals(new byte[] {0, 0, 1, 2}, mki.bytes());
        assertEquals("258:4", mki.toString());
        assertArrayEquals(new byte[] {(byte) 0xFF}, Mki.of(255, 1).bytes());
        SdpParseException e = assertThrows(SdpParseException.class, () -> Mki.parse("256:1"));
        assertEquals("mki: value 256 does not fit in 1 byte", e.getMessage());
    }

    @Test
    void keyingWithoutATagAsTheCommandLineTakesIt() {
        CryptoAttribute attribute = CryptoAttribute.parseKeying("AES_CM_128_HMAC_SHA1_32 inline:" + KEY);
        assertEquals(1, attribute.tag());
        assertEquals(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32, attribute.suite());
        assertEquals(9, CryptoAttribute.parseKeying("9 AES_CM_128_HMAC_SHA1_80 inline:" + KEY).tag());
        assertEquals("suite", assertThrows(SdpParseException.class,
                () -> CryptoAttribute.parseKeying("AES_CM_128_HMAC_SHA1_81 inline:" + KEY)).field());
    }

    @Test
    void theFiveArgumentConstructorStillTakesLifetimeAndMkiAsText() {
        SrtpMasterKey key = SrtpMasterKey.random(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, new SecureRandom());
        CryptoAttribute attribute = new CryptoAttribute(5, SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, key, "2^30", "7:2");
        assertEquals(attribute, CryptoAttribute.parse(attribute.toSdpLine()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CryptoAttribute(5, SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, key, null, "7"));
        assertTrue(e.getMessage().startsWith("mki: "), e.getMessage());
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
