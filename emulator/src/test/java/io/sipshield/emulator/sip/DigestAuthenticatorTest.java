package io.sipshield.emulator.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

class DigestAuthenticatorTest {

    private final SipMessages sip = new SipMessages();
    private final DigestChallenge challenge = DigestChallenge.parse(
            AsteriskTrace.headerValue(AsteriskTrace.INVITE_401, "WWW-Authenticate"));

    @Test
    void nonceCountGoesUpWhileTheNonceStaysAndRestartsWithANewOne() {
        DigestAuthenticator authenticator = new DigestAuthenticator("101", "pass101");

        DigestAuthorization invite = authenticator.authorize(challenge, "INVITE", "sip:600@127.0.0.1:5161");
        DigestAuthorization ack = authenticator.authorize(challenge, "ACK", "sip:127.0.0.1:5161;transport=TLS");
        DigestAuthorization bye = authenticator.authorize(challenge, "BYE", "sip:127.0.0.1:5161;transport=TLS");
        DigestAuthorization fresh = authenticator.authorize(
                new DigestChallenge("asterisk", "1795348800/00", null, "MD5", List.of("auth"), false), "BYE", "sip:x");

        assertEquals(List.of("00000001", "00000002", "00000003", "00000001"),
                List.of(invite.nonceCount(), ack.nonceCount(), bye.nonceCount(), fresh.nonceCount()));
    }

    @Test
    void eachAuthorizationHasAFreshCnonceAndAResponseThatMatchesIt() {
        DigestAuthenticator authenticator = new DigestAuthenticator("101", "pass101");

        DigestAuthorization first = authenticator.authorize(challenge, "INVITE", "sip:600@127.0.0.1:5161");
        DigestAuthorization second = authenticator.authorize(challenge, "INVITE", "sip:600@127.0.0.1:5161");

        assertTrue(first.cnonce().matches("[0-9a-f]{16}"), first.cnonce());
        assertNotEquals(first.cnonce(), second.cnonce());
        DigestAuthorization recomputed = new DigestAuthenticator("101", "pass101")
                .respond(challenge, "INVITE", "sip:600@127.0.0.1:5161", first.cnonce(), 1);
        assertEquals(recomputed.response(), first.response());
    }

    @Test
    void answersA401WithAnAuthorizationHeaderForTheRequest() {
        Request register = sip.parseRequest(AsteriskTrace.text(AsteriskTrace.REGISTER));
        Response unauthorized = sip.parseResponse(AsteriskTrace.text(AsteriskTrace.REGISTER_401));

        Header header = new DigestAuthenticator("101", "pass101").authorizationFor(unauthorized, register);

        assertEquals("Authorization", header.getName());
        DigestAuthorization credentials = DigestAuthorization.from(header);
        assertEquals("sip:127.0.0.1:5161;transport=tls", credentials.uri());
        assertEquals("0cfebdcf4ced6e99", credentials.opaque());
        DigestVerifier otherServer = DigestVerifier.builder().build();
        assertEquals(DigestStatus.UNKNOWN_NONCE, otherServer.verify(Request.REGISTER, credentials.toHeaderValue(),
                "101", "pass101"), "Asterisk's nonce means nothing to another verifier");
        assertEquals(new DigestAuthenticator("101", "pass101").respond(DigestChallenge.parse(
                AsteriskTrace.headerValue(AsteriskTrace.REGISTER_401, "WWW-Authenticate")), "REGISTER",
                credentials.uri(), credentials.cnonce(), 1).response(), credentials.response());
    }

    @Test
    void answersA407WithProxyAuthorization() {
        Request register = sip.parseRequest(AsteriskTrace.text(AsteriskTrace.REGISTER));
        Response proxyChallenge = sip.response(Response.PROXY_AUTHENTICATION_REQUIRED, register);
        proxyChallenge.addHeader(sip.header("Proxy-Authenticate", challenge.toHeaderValue()));

        Header header = new DigestAuthenticator("101", "pass101").authorizationFor(proxyChallenge, register);

        assertEquals("Proxy-Authorization", header.getName());
    }

    @Test
    void picksTheMd5ChallengeWhenSeveralAreOffered() {
        Request register = sip.parseRequest(AsteriskTrace.text(AsteriskTrace.REGISTER));
        Response unauthorized = sip.response(Response.UNAUTHORIZED, register);
        unauthorized.addHeader(sip.header("WWW-Authenticate", "Digest realm=\"asterisk\",nonce=\"sha\",algorithm=SHA-256,qop=\"auth\""));
        unauthorized.addHeader(sip.header("WWW-Authenticate", challenge.toHeaderValue()));

        Header header = new DigestAuthenticator("101", "pass101").authorizationFor(unauthorized, register);

        assertEquals(challenge.nonce(), DigestAuthorization.from(header).nonce());
    }

    @Test
    void refusesWhatItCannotAnswer() {
        DigestAuthenticator authenticator = new DigestAuthenticator("101", "pass101");
        Request register = sip.parseRequest(AsteriskTrace.text(AsteriskTrace.REGISTER));

        IllegalArgumentException sha = assertThrows(IllegalArgumentException.class, () -> authenticator.authorize(
                DigestChallenge.parse("Digest realm=\"r\",nonce=\"n\",algorithm=SHA-256"), "REGISTER", "sip:r"));
        assertEquals("unsupported digest algorithm 'SHA-256' in the challenge for realm 'r': only MD5 is supported",
                sha.getMessage());
        IllegalArgumentException authInt = assertThrows(IllegalArgumentException.class, () -> authenticator.authorize(
                DigestChallenge.parse("Digest realm=\"r\",nonce=\"n\",qop=\"auth-int\""), "REGISTER", "sip:r"));
        assertEquals("the challenge for realm 'r' offers qop [auth-int]: only 'auth' is supported", authInt.getMessage());
        IllegalArgumentException notAChallenge = assertThrows(IllegalArgumentException.class,
                () -> authenticator.authorizationFor(sip.response(Response.OK, register), register));
        assertEquals("expected a 401 or 407 challenge but got 200", notAChallenge.getMessage());
        IllegalArgumentException noHeader = assertThrows(IllegalArgumentException.class,
                () -> authenticator.authorizationFor(sip.response(Response.UNAUTHORIZED, register), register));
        assertEquals("the 401 response carries no WWW-Authenticate header with an MD5 Digest challenge",
                noHeader.getMessage());
        assertThrows(IllegalArgumentException.class, () -> authenticator.respond(challenge, "INVITE", "sip:x", "c", 0));
    }

    @Test
    void oneShotAuthorizeGivesAHeaderValueWithTheFirstNonceCount() {
        String value = DigestAuthenticator.authorize(challenge.toHeaderValue(), "101", "pass101", "INVITE",
                "sip:600@127.0.0.1:5161");

        DigestAuthorization parsed = DigestAuthorization.parse(value);
        assertEquals("00000001", parsed.nonceCount());
        assertEquals("101", parsed.username());
    }
}
