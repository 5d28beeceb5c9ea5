package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.sip.DigestAuthenticator;
import io.sipshield.emulator.sip.DigestChallenge;
import io.sipshield.emulator.sip.DigestVerifier;
import io.sipshield.emulator.sip.SipMessages;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nonce expiry over TLS loopback: right credentials on a nonce older than its lifetime (32 s, as
 * Asterisk's nonce_lifetime) get a 401 with {@code stale=true} and a fresh nonce; wrong ones never do
 * (res_pjsip_authenticator_digest.c verify()/challenge()).
 */
@Timeout(60)
class MockAsteriskStaleNonceTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A clock the test moves; read by the mock's event loop, so its instant is volatile. */
    private static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-24T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    private final TestClock clock = new TestClock();
    private final SipMessages messages = new SipMessages(RANDOM);
    private EventLoopGroup loops;
    private MockAsterisk pbx;
    private RawSipClient client;
    private long cseq;

    @BeforeEach
    void start() throws Exception {
        loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        pbx = MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER))
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .clock(clock)
                .port(0)
                .eventLoopGroup(loops)
                .build().start();
        client = new RawSipClient(pbx.address(), loops);
    }

    @AfterEach
    void stop() {
        client.close();
        pbx.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Request register() {
        String host = client.localAddress().getAddress().getHostAddress();
        return messages.request(Request.REGISTER, "sip:pbx.sip.test")
                .from("sip:101@pbx.sip.test", "reg-tag")
                .to("sip:101@pbx.sip.test")
                .callId("stale-nonce-register")
                .cseq(++cseq)
                .via(host, client.localAddress().getPort(), "TLS")
                .contact("sip:101@" + host + ":" + client.localAddress().getPort() + ";transport=tls", 600)
                .build();
    }

    private Response send(Request request) throws InterruptedException {
        client.send(request);
        return client.next();
    }

    private Response registerWith(Response challenge, String password) throws InterruptedException {
        Request request = register();
        Header authorization = new DigestAuthenticator("101", password).authorizationFor(challenge, request);
        request.addHeader(authorization);
        return send(request);
    }

    private static DigestChallenge challengeOf(Response response) {
        assertEquals(401, response.getStatusCode(), response.toString());
        return DigestChallenge.from(response.getHeader("WWW-Authenticate"));
    }

    @Test
    void freshCredentialsRegisterWithinTheNonceLifetime() throws Exception {
        Response first = send(register());
        assertFalse(challengeOf(first).stale(), "a first challenge is not stale");
        clock.advance(DigestVerifier.DEFAULT_NONCE_LIFETIME.minusSeconds(2));
        assertEquals(200, registerWith(first, "pass101").getStatusCode());
    }

    @Test
    void rightCredentialsOnAnExpiredNonceGetAStaleChallengeAndTheRetryRegisters() throws Exception {
        Response first = send(register());
        DigestChallenge old = challengeOf(first);
        clock.advance(DigestVerifier.DEFAULT_NONCE_LIFETIME.plusSeconds(10));

        Response stale = registerWith(first, "pass101");
        DigestChallenge renewed = challengeOf(stale);
        assertTrue(renewed.stale(), "stale=true: " + stale.getHeader("WWW-Authenticate"));
        assertTrue(stale.getHeader("WWW-Authenticate").toString().contains("stale=true"));
        assertNotEquals(old.nonce(), renewed.nonce(), "the stale challenge carries a fresh nonce");

        assertEquals(200, registerWith(stale, "pass101").getStatusCode(), "the fresh nonce works at once");
    }

    @Test
    void aWrongPasswordOnAnExpiredNonceIsAPlainChallengeNotAStaleOne() throws Exception {
        Response first = send(register());
        clock.advance(DigestVerifier.DEFAULT_NONCE_LIFETIME.plusSeconds(10));
        DigestChallenge again = challengeOf(registerWith(first, "wrong-password"));
        assertFalse(again.stale(), "stale only when the digest matched (pjsip_auth_srv_verify succeeded)");
    }
}
