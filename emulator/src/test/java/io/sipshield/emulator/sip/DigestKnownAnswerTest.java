package io.sipshield.emulator.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Digest responses checked against published and recorded values. */
class DigestKnownAnswerTest {

    @Test
    void rfc2617Section3_5Example() {
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");

        DigestAuthorization authorization = new DigestAuthenticator("Mufasa", "Circle Of Life")
                .respond(challenge, "GET", "/dir/index.html", "0a4f113b", 1);

        assertEquals("6629fae49393a05397450978507c4ef1", authorization.response());
        assertEquals("auth", authorization.qop());
        assertEquals("00000001", authorization.nonceCount());
        assertEquals("5ccc069c403ebaf9f0171e9517f40e41", authorization.opaque());
    }

    /**
     * The inputs of RFC 2069 §2.4 without qop. The response printed in that RFC does not match its
     * inputs; this is MD5(H(A1):nonce:H(A2)) of RFC 2617 §3.2.2.1, computed independently.
     */
    @Test
    void withoutQopTheResponseSkipsNonceCountAndCnonce() {
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"testrealm@host.com\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");

        DigestAuthorization authorization = new DigestAuthenticator("Mufasa", "CircleOfLife")
                .respond(challenge, "GET", "/dir/index.html", "ignored", 1);

        assertEquals("1949323746fe6a43ef61f9606e7febea", authorization.response());
        assertNull(authorization.qop());
        assertNull(authorization.cnonce());
        assertNull(authorization.nonceCount());
    }

    @Test
    void realRegisterFromTheAsteriskTrace() {
        DigestChallenge challenge = DigestChallenge.parse(
                AsteriskTrace.headerValue(AsteriskTrace.REGISTER_401, "WWW-Authenticate"));

        DigestAuthorization authorization = new DigestAuthenticator("101", "pass101")
                .respond(challenge, "REGISTER", "sip:127.0.0.1:5161;transport=tls", "ad20ea664e9b324f", 1);

        assertEquals("3db19866fcf5bd6c4925f8358c807f60", authorization.response());
        assertEquals(AsteriskTrace.headerValue(AsteriskTrace.REGISTER_AUTHORIZED, "Authorization"),
                authorization.toHeaderValue(), "byte for byte what baresip sent");
    }

    @ParameterizedTest(name = "{0} nc={4}")
    @CsvSource({
        "INVITE, sip:600@127.0.0.1:5161;transport=tls;transport=tls, cd4f67a134109ac5, 1, 691cdefca6bef9183150a0e9169e5a68, "
            + AsteriskTrace.INVITE_AUTHORIZED,
        "ACK,    sip:127.0.0.1:5161;transport=TLS,                   a90b3ee039d0759a, 2, a5c10cfc7f7c9bf72d5b4fb4803ad783, "
            + AsteriskTrace.ACK_AUTHORIZED,
        "BYE,    sip:127.0.0.1:5161;transport=TLS,                   5faa8995b760c3c2, 3, ec5d392af8fac7183d19b7257b126ec1, "
            + AsteriskTrace.BYE_AUTHORIZED})
    void realCallFromTheAsteriskTrace(String method, String uri, String cnonce, long nonceCount, String expected,
                                      int traceIndex) {
        DigestChallenge challenge = DigestChallenge.parse(
                AsteriskTrace.headerValue(AsteriskTrace.INVITE_401, "WWW-Authenticate"));

        DigestAuthorization authorization = new DigestAuthenticator("101", "pass101")
                .respond(challenge, method, uri, cnonce, nonceCount);

        assertEquals(expected, authorization.response());
        assertEquals(AsteriskTrace.headerValue(traceIndex, "Authorization"), authorization.toHeaderValue());
    }

    @Test
    void theTracesCredentialsParseBackToTheirFields() {
        DigestAuthorization parsed = DigestAuthorization.parse(
                AsteriskTrace.headerValue(AsteriskTrace.ACK_AUTHORIZED, "Authorization"));

        assertEquals(new DigestAuthorization("101", "asterisk", "1795348762/2042fce7bb1ce0a0f503e1a2e14cbb05",
                "sip:127.0.0.1:5161;transport=TLS", "a5c10cfc7f7c9bf72d5b4fb4803ad783", null, "a90b3ee039d0759a",
                "5f0fbae661f44c27", "auth", "00000002"), parsed);
    }
}
