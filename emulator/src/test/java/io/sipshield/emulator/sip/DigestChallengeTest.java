package io.sipshield.emulator.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestChallengeTest {

    @Test
    void parsesAsterisksChallengeAndWritesItBackUnchanged() {
        String value = AsteriskTrace.headerValue(AsteriskTrace.REGISTER_401, "WWW-Authenticate");

        DigestChallenge challenge = DigestChallenge.parse(value);

        assertEquals(new DigestChallenge("asterisk", "1795348758/962fc329ce1e416ee85bc26cf96ac4c2", "0cfebdcf4ced6e99",
                "MD5", List.of("auth"), false), challenge);
        assertEquals(value, challenge.toHeaderValue());
    }

    @Test
    void acceptsAWholeHeaderLineOddCaseAndSpacing() {
        DigestChallenge challenge = DigestChallenge.parse(
                "Proxy-Authenticate: digest REALM = \"sip.test\" ,Nonce=\"a\\\"b\", qop=\"auth, auth-int\", stale=TRUE");

        assertEquals("sip.test", challenge.realm());
        assertEquals("a\"b", challenge.nonce());
        assertEquals(List.of("auth", "auth-int"), challenge.qopOptions());
        assertTrue(challenge.stale());
        assertTrue(challenge.isMd5(), "no algorithm means MD5");
        assertTrue(challenge.offersAuth());
    }

    @Test
    void staleChallengeSaysSoBeforeTheAlgorithm() {
        DigestChallenge challenge = new DigestChallenge("asterisk", "1/ab", "cd", "MD5", List.of("auth"), true);

        assertEquals("Digest realm=\"asterisk\",nonce=\"1/ab\",opaque=\"cd\",stale=true,algorithm=MD5,qop=\"auth\"",
                challenge.toHeaderValue());
    }

    @Test
    void sha256ChallengeIsNotMd5() {
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256");

        assertFalse(challenge.isMd5());
        assertFalse(challenge.offersAuth());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Basic realm=\"r\"                    | WWW-Authenticate: expected the Digest scheme but found 'Basic'",
        "Digest nonce=\"n\"                   | WWW-Authenticate: missing parameter 'realm'",
        "Digest realm=\"r\"                   | WWW-Authenticate: missing parameter 'nonce'",
        "Digest realm=\"r, nonce=\"n\"        | WWW-Authenticate: expected ',' between parameters at position 24",
        "Digest realm=\"r\", realm=\"s\"      | WWW-Authenticate: parameter 'realm' appears twice",
        "Digest realm                       | WWW-Authenticate: expected '=' after parameter 'realm' at position 12",
        "Digest realm=\"r\" nonce=\"n\"       | WWW-Authenticate: expected ',' between parameters at position 17",
        "Digest realm=\"unterminated         | WWW-Authenticate: unterminated quoted value of parameter 'realm'",
        "''                                 | WWW-Authenticate: expected an authentication scheme at position 0"})
    void rejectsMalformedChallengesSayingWhatWasExpected(String value, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DigestChallenge.parse(value));

        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
