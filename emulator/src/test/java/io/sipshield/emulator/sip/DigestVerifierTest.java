package io.sipshield.emulator.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestVerifierTest {

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1795348758));
    private final DigestVerifier verifier = DigestVerifier.builder().clock(clock).build();
    private final DigestAuthenticator phone = new DigestAuthenticator("101", "pass101");

    @Test
    void challengesLikeAsterisk() {
        String value = verifier.challenge().toHeaderValue();

        assertTrue(value.matches("Digest realm=\"asterisk\",nonce=\"1795348758/[0-9a-f]{32}\",opaque=\"[0-9a-f]{16}\","
                + "algorithm=MD5,qop=\"auth\""), value);
        assertTrue(verifier.challenge(true).toHeaderValue().contains(",stale=true,"));
    }

    @Test
    void acceptsTheRightPassword() {
        assertEquals(DigestStatus.OK, verify(phone.authorize(verifier.challenge(), "REGISTER", "sip:pbx.sip.test")));
    }

    @Test
    void acceptsCredentialsWithoutQop() {
        DigestChallenge rfc2069 = new DigestChallenge("asterisk", verifier.challenge().nonce(), null, null, List.of(), false);

        assertEquals(DigestStatus.OK, verify(phone.authorize(rfc2069, "REGISTER", "sip:pbx.sip.test")));
    }

    @Test
    void rejectsAWrongPassword() {
        DigestAuthorization wrong = new DigestAuthenticator("101", "pass102")
                .authorize(verifier.challenge(), "REGISTER", "sip:pbx.sip.test");

        assertEquals(DigestStatus.WRONG_PASSWORD, verify(wrong));
    }

    @Test
    void rejectsAResponseComputedForAnotherMethod() {
        DigestAuthorization forInvite = phone.authorize(verifier.challenge(), "INVITE", "sip:pbx.sip.test");

        assertEquals(DigestStatus.WRONG_PASSWORD, verifier.verify("BYE", forInvite.toHeaderValue(), "101", "pass101"));
    }

    @Test
    void rejectsAnotherUser() {
        DigestAuthorization other = new DigestAuthenticator("102", "pass101")
                .authorize(verifier.challenge(), "REGISTER", "sip:pbx.sip.test");

        assertEquals(DigestStatus.UNKNOWN_USER, verify(other));
    }

    @Test
    void rejectsAnotherRealm() {
        DigestChallenge issued = verifier.challenge();
        DigestChallenge otherRealm = new DigestChallenge("sip.test", issued.nonce(), issued.opaque(), "MD5",
                List.of("auth"), false);

        assertEquals(DigestStatus.UNKNOWN_REALM, verify(phone.authorize(otherRealm, "REGISTER", "sip:pbx.sip.test")));
    }

    @Test
    void rejectsNoncesItDidNotIssue() {
        DigestChallenge issued = verifier.challenge();
        String hash = issued.nonce().substring(issued.nonce().indexOf('/') + 1);
        String flipped = issued.nonce().replace(hash, (hash.charAt(0) == '0' ? "1" : "0") + hash.substring(1));
        DigestChallenge otherVerifiers = DigestVerifier.builder().clock(clock).build().challenge();

        for (DigestChallenge foreign : List.of(
                new DigestChallenge("asterisk", flipped, null, "MD5", List.of("auth"), false),
                new DigestChallenge("asterisk", otherVerifiers.nonce(), null, "MD5", List.of("auth"), false),
                new DigestChallenge("asterisk", "no-slash", null, "MD5", List.of("auth"), false),
                new DigestChallenge("asterisk", issued.nonce(), "0000000000000000", "MD5", List.of("auth"), false),
                otherVerifiers)) {
            assertEquals(DigestStatus.UNKNOWN_NONCE, verify(phone.authorize(foreign, "REGISTER", "sip:pbx.sip.test")),
                    foreign.toString());
        }
    }

    @Test
    void nonceOlderThanItsLifetimeIsStaleOnlyWithTheRightPassword() {
        DigestChallenge issued = verifier.challenge();
        DigestAuthorization right = phone.authorize(issued, "REGISTER", "sip:pbx.sip.test");
        DigestAuthorization wrong = new DigestAuthenticator("101", "nope").authorize(issued, "REGISTER", "sip:pbx.sip.test");

        clock.advance(DigestVerifier.DEFAULT_NONCE_LIFETIME);
        assertEquals(DigestStatus.OK, verify(right), "still fresh at exactly the lifetime");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(DigestStatus.STALE, verify(right));
        assertEquals(DigestStatus.WRONG_PASSWORD, verify(wrong));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Basic MTAxOnBhc3MxMDE=",
        "Digest username=\"101\", realm=\"asterisk\"",
        "Digest username=\"101\", realm=\"asterisk\", nonce=\"1/2\", uri=\"sip:x\", response=\"00\", qop=auth",
        "Digest username=\"101\", realm=\"asterisk\", nonce=\"1/2\", uri=\"sip:x\", response=\"00\", qop=auth,"
            + " cnonce=\"c\", nc=1",
        "Digest username=\"101\", realm=\"asterisk\", nonce=\"1/2\", uri=\"sip:x\", response=\"00\", algorithm=SHA-256",
        "Digest username=\"101\", realm=\"asterisk\", nonce=\"1/2\", uri=\"sip:x\", response=\"00\", qop=auth-int,"
            + " cnonce=\"c\", nc=00000001",
        "not a header at all"})
    void malformedCredentials(String credentials) {
        assertEquals(DigestStatus.MALFORMED, verifier.verify("REGISTER", credentials, "101", "pass101"));
    }

    @Test
    void verifiesTheAuthorizationHeaderOfARequest() {
        SipMessages sip = new SipMessages();
        Request register = sip.request(Request.REGISTER, "sip:pbx.sip.test;transport=tls")
                .from("sip:101@pbx.sip.test").to("sip:101@pbx.sip.test").via("127.0.0.1", 15061).build();
        assertEquals(DigestStatus.MISSING, verifier.verify(register, "101", "pass101"));

        DigestAuthorization credentials = phone.authorize(verifier.challenge(), "REGISTER",
                register.getRequestURI().toString());
        register.addHeader(sip.header("Authorization", credentials.toHeaderValue()));
        Request received = sip.parseRequest(new String(SipMessageCodec.encode(register), StandardCharsets.UTF_8));

        assertEquals(DigestStatus.OK, verifier.verify(received, "101", "pass101"));
        assertEquals(DigestStatus.WRONG_PASSWORD, verifier.verify(received, "101", "pass102"));
    }

    @Test
    void secretStaysOutOfToString() {
        assertEquals("DigestVerifier[realm=asterisk, nonceLifetime=PT32S]", verifier.toString());
        assertFalse(phone.toString().contains("pass101"));
    }

    private DigestStatus verify(DigestAuthorization credentials) {
        return verifier.verify("REGISTER", credentials.toHeaderValue(), "101", "pass101");
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new IllegalArgumentException("a test clock stays in UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
