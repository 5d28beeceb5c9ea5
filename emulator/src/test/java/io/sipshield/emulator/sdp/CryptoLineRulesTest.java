package io.sipshield.emulator.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which a=crypto lines a device takes: RFC 4568 for sipshield's phones, and Asterisk's res_srtp habits. */
class CryptoLineRulesTest {

    private static final String KEY = "zZYHWusZtqSPc/MWQCSKgNrcio+EcwdI3fBs8P+H";
    private static final String LINE = "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY;
    private static final CryptoLineRules PHONE = CryptoLineRules.rfc4568(List.of(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80));
    private static final AsteriskSdesRules ASTERISK = AsteriskSdesRules.standard();

    private static CryptoLineVerdict.Usable usable(CryptoLineRules rules, String line) {
        return assertInstanceOf(CryptoLineVerdict.Usable.class, rules.judge(line), () -> rules.judge(line).toString());
    }

    private static CryptoLineVerdict.Unusable unusable(CryptoLineRules rules, String line) {
        return assertInstanceOf(CryptoLineVerdict.Unusable.class, rules.judge(line), () -> rules.judge(line).toString());
    }

    // DEVICES.md §E "Test implications": lifetime 2^31 accepted, 2^10 rejected, MKI 1:4, a wrong key length.
    @ParameterizedTest
    @ValueSource(strings = {"", "|2^31", "|2^20", "|1048576", "|2^60", "|1:4", "|2^31|1:4", "|10:1"})
    void asteriskTakes(String suffix) {
        CryptoLineVerdict.Usable verdict = usable(ASTERISK, "a=crypto:" + LINE + suffix);
        assertEquals(1, verdict.attribute().tag());
        assertEquals(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, verdict.chosen().suite());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '!', value = {
        LINE + "|2^10!lifetime!Asterisk rejects a key lifetime below 2^20 packets, got 2^10",
        LINE + "|1048575!lifetime!Asterisk rejects a key lifetime below 2^20 packets, got 1048575",
        LINE + "|2:4!mki!Asterisk takes an MKI only when its value starts with 1 (res_srtp: \"Crypto MKI handling is not supported\"), got 2:4",
        LINE + "|2^31|01:4!mki!Asterisk takes an MKI only when its value starts with 1 (res_srtp: \"Crypto MKI handling is not supported\"), got 01:4",
        LINE + " KDR=0!session-params!Asterisk accepts no session parameter (res_srtp: \"Unsupported crypto parameters\"), got 'KDR=0'",
        "1 AES_CM_128_HMAC_SHA1_80 inline:AAAA!key-params!AES_CM_128_HMAC_SHA1_80 needs 30 bytes of key||salt, the inline key decodes to 3",
        "1234567890 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "!tag!expected 1-9 digits, got '1234567890'",
        "1 F8_128_HMAC_SHA1_80 inline:" + KEY + "!suite!unknown crypto-suite 'F8_128_HMAC_SHA1_80'",
        "1 AES_CM_128_HMAC_SHA1_80!key-params!missing: expected inline:<base64 key||salt>",
    })
    void asteriskRefuses(String line, String field, String reason) {
        CryptoLineVerdict.Unusable verdict = unusable(ASTERISK, line);
        assertEquals(field, verdict.field());
        assertEquals(reason, verdict.reason());
        assertFalse(verdict.toString().contains(KEY), "keys never reach a report: " + verdict);
    }

    @Test
    void asteriskTakesTheFirstAcceptableOfSeveralKeysWithoutRequiringMkis() {
        String other = "4z3rf1Qdc9LChKfWBRQw8vCLF2p3JYYDCGOhJsfW";
        CryptoLineVerdict.Usable second = usable(ASTERISK, "7 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|2:4;inline:" + other + "|1:4");
        assertEquals("1:4", second.chosen().mki());
        assertEquals(7, second.chosen().tag());
        CryptoLineVerdict.Usable first = usable(ASTERISK, "7 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + ";inline:" + other);
        assertEquals(CryptoAttribute.parse(LINE).key(), first.chosen().key());
        assertEquals(CryptoAttribute.parse(LINE).key(),
                usable(ASTERISK, "7 AES_CM_128_HMAC_SHA1_80 uri:sip:key;inline:" + KEY).chosen().key(),
                "a key method other than inline: is skipped");
    }

    @Test
    void asteriskWithNoAcceptableKeySaysWhyForTheFirst() {
        CryptoLineVerdict.Unusable verdict = unusable(ASTERISK, "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|2^8|1:4;inline:"
                + KEY + "|3:4");
        assertEquals("lifetime", verdict.field());
        assertTrue(verdict.reason().startsWith("no key Asterisk accepts"), verdict.reason());
    }

    @Test
    void asteriskBuiltWithoutAes256RefusesIt() {
        String aes256 = "2 AES_256_CM_HMAC_SHA1_80 inline:" + Base64.getEncoder().encodeToString(new byte[46]);
        usable(ASTERISK, aes256);
        AsteriskSdesRules aes128Only = AsteriskSdesRules.withSuites(
                List.of(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32));
        assertEquals("suite", unusable(aes128Only, aes256).field());
    }

    @Test
    void asteriskReadsTheDraftSpellingOfAes256() {
        usable(ASTERISK, "2 AES_CM_256_HMAC_SHA1_32 inline:" + Base64.getEncoder().encodeToString(new byte[46]));
    }

    @Test
    void asteriskCapsAnExponentAt48() {
        assertEquals(1L << 48, AsteriskSdesRules.effectivePackets(KeyLifetime.parse("2^60")));
        assertEquals(1L << 20, AsteriskSdesRules.effectivePackets(KeyLifetime.parse("2^20")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "|2^48", "|2^31|1:4", " KDR=0", " WSH=128", " FEC_ORDER=FEC_SRTP", " -VENDOR_X=1"})
    void phoneTakesWhatRfc4568AndTheEngineSupport(String suffix) {
        usable(PHONE, LINE + suffix);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '!', value = {
        LINE + " KDR=1!session-params",
        LINE + " UNENCRYPTED_SRTP!session-params",
        LINE + " UNENCRYPTED_SRTCP!session-params",
        LINE + " UNAUTHENTICATED_SRTP!session-params",
        LINE + " FEC_KEY=inline:" + KEY + "!session-params",
        LINE + " VENDOR_X!session-params",
        LINE + "|2^49!lifetime",
        LINE + "|0!lifetime",
        "1 AES_CM_128_HMAC_SHA1_32 inline:" + KEY + "!suite",
        "1 AES_CM_128_HMAC_SHA1_80 inline:AAAA!key-params",
    })
    void phoneRefuses(String line, String field) {
        assertEquals(field, unusable(PHONE, line).field());
    }

    @Test
    void phoneSkipsAKeyOverTheLifetimeLimitForTheNext() {
        CryptoLineVerdict.Usable verdict = usable(PHONE, LINE + "|2^50|1:1;inline:" + KEY + "|2^30|2:1");
        assertEquals(1, verdict.keyIndex());
        assertEquals("2:1", verdict.chosen().mki());
    }

    @Test
    void firstUsableSkipsWhatTheDeviceCannotUse() {
        List<String> lines = List.of("1 AES_CM_128_HMAC_SHA1_32 inline:" + KEY, "2 AES_CM_128_HMAC_SHA1_80 inline:" + KEY);
        assertEquals(2, PHONE.firstUsable(lines).orElseThrow().attribute().tag());
        assertEquals(1, ASTERISK.firstUsable(lines).orElseThrow().attribute().tag());
        assertEquals(2, PHONE.judgeAll(lines).size());
    }

    @Test
    void redactionHidesEveryInlineKey() {
        assertEquals("1 S inline:<redacted>|2^20;inline:<redacted> KDR=0",
                CryptoLineVerdict.redact(" 1 S inline:abc+/=|2^20;inline:def KDR=0 "));
    }
}
