package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.media.MediaStats;
import io.sipshield.emulator.media.ToneDetector;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.profile.SrtpPolicy;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.emulator.sdp.SdesOutcome;
import io.sipshield.emulator.sip.DigestAuthenticator;
import io.sipshield.emulator.sip.SipMessages;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.ua.SipTrace;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code media_encryption_optimistic} and {@code srtp_tag_32} over TLS loopback with emulated
 * phones and real SRTP (DEVICES.md §E; res_pjsip_sdp_rtp.c, res_srtp.c).
 */
@Timeout(60)
class EndpointMediaOptionsTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private static MockAsterisk pbx;

    @BeforeAll
    static void start() {
        pbx = MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER))
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES).withMediaEncryptionOptimistic(true))
                .endpoint(new MockEndpoint("102", "pass102", MediaEncryption.SDES).withSrtpTag32(true))
                .endpoint(new MockEndpoint("105", "pass105", MediaEncryption.SDES).withMediaEncryptionOptimistic(true))
                .extension("600", DialplanApp.ECHO)
                .dial("102", "102")
                .dial("105", "105")
                .port(0)
                .eventLoopGroup(LOOPS)
                .build().start();
    }

    @AfterAll
    static void shutdown() {
        pbx.close();
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static Phone phone(String user, SrtpPolicy policy) throws Exception {
        Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2.withSrtp(policy), PhoneSettings.builder()
                .account(user, "pass" + user)
                .serverHost("pbx.sip.test")
                .serverAddress(pbx.address())
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate())
                .build(), LOOPS);
        assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
        return phone;
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 250 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    /** Sends 200 ms of milliwatt to the echo and checks it comes back; returns what the phone received. */
    private static MediaStats echo(Call call) throws Exception {
        ToneDetector tone = ToneDetector.builder().frequency(1000).build();
        call.addSink(tone);
        MediaStats media = call.sendMedia(ToneSource.milliwatt(G711.PCMU), Duration.ofMillis(200)).get(10, TimeUnit.SECONDS);
        assertTrue(tone.report().present(), "the echoed milliwatt is heard: " + tone.report());
        assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
        return media;
    }

    /** The phone's 200 answer is seen on the callee's side; returns the callee's call. */
    private static Call incoming(Phone callee) throws InterruptedException {
        eventually(() -> callee.incomingCalls().size() == 1, "the callee was called down its own connection");
        return callee.incomingCalls().values().iterator().next();
    }

    /** Tones both ways across the bridge; each side must hear the other with every packet authenticated. */
    private static void mediaBothWays(Call outgoing, Call incoming) throws Exception {
        ToneDetector calleeHears = ToneDetector.builder().frequency(1000).build();
        ToneDetector callerHears = ToneDetector.builder().frequency(2000).build();
        incoming.addSink(calleeHears);
        outgoing.addSink(callerHears);
        CompletableFuture<?> fromCaller = outgoing.sendMedia(ToneSource.milliwatt(G711.PCMU), Duration.ofMillis(600));
        CompletableFuture<?> fromCallee = incoming.sendMedia(ToneSource.builder().frequency(2000).build(),
                Duration.ofMillis(600));
        fromCaller.get(10, TimeUnit.SECONDS);
        fromCallee.get(10, TimeUnit.SECONDS);
        assertTrue(calleeHears.report().present(), "the callee hears the caller: " + calleeHears.report());
        assertTrue(callerHears.report().present(), "the caller hears the callee: " + callerHears.report());
        assertEquals(0, outgoing.mediaStats().authFailures() + incoming.mediaStats().authFailures());
    }

    // media_encryption_optimistic on calls to the mock

    @Test
    void optimisticEndpointAnswersCryptoInRtpAvpWithCryptoInRtpAvpAndSrtpFlows() throws Exception {
        try (Phone phone = phone("101", SrtpPolicy.ALGO_OPTIONAL)) {
            Call call = phone.call("600").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status());
            assertEquals("RTP/AVP", call.mediaProfile(), "optimistic encryption keeps RTP/AVP");
            SdesOutcome.Srtp srtp = assertInstanceOf(SdesOutcome.Srtp.class, call.negotiation());
            assertEquals(1, srtp.remote().tag(), "the answer reuses the offered tag");
            assertEquals(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, call.suite());
            MediaStats media = echo(call);
            assertEquals(10, media.verified(), "every echoed SRTP packet authenticates");
            assertEquals(0, media.authFailures());
        }
    }

    @Test
    void optimisticEndpointTakesAPlainOfferInTheClear() throws Exception {
        try (Phone phone = phone("101", SrtpPolicy.ALGO_DISABLED)) {
            Call call = phone.call("600").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status(), "no 488: the optimistic endpoint accepts plain RTP");
            assertEquals("RTP/AVP", call.mediaProfile());
            assertInstanceOf(SdesOutcome.Plain.class, call.negotiation());
            assertNull(call.suite());
            assertEquals(10, echo(call).verified(), "plain RTP echoes");
        }
    }

    @Test
    void optimisticEndpointStillRefusesSavpWithoutAUsableLine() throws Exception {
        // negotiate_incoming_sdp_stream: optimistic or not, RTP/SAVP without usable crypto fails the call
        try (RawSipClient client = new RawSipClient(pbx.address(), LOOPS)) {
            String host = client.localAddress().getAddress().getHostAddress();
            String sdp = "v=0\r\no=- 1 1 IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host + "\r\nt=0 0\r\n"
                    + "m=audio 40000 RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
                    + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:c2hvcnQ=\r\n";
            SipMessages messages = new SipMessages(new SecureRandom());
            Request first = invite(messages, client, 1, sdp);
            client.send(first);
            Response challenge = client.next();
            assertEquals(401, challenge.getStatusCode());
            Request second = invite(messages, client, 2, sdp);
            second.addHeader(new DigestAuthenticator("101", "pass101").authorizationFor(challenge, second));
            client.send(second);
            Response last = client.next();
            while (last.getStatusCode() < 200) {
                last = client.next();
            }
            assertEquals(488, last.getStatusCode(), "a 10-byte key cannot key AES_CM_128_HMAC_SHA1_80");
        }
    }

    private static Request invite(SipMessages messages, RawSipClient client, long cseq, String sdp) {
        String host = client.localAddress().getAddress().getHostAddress();
        return messages.request(Request.INVITE, "sip:600@pbx.sip.test")
                .from("sip:101@pbx.sip.test", "caller-tag")
                .to("sip:600@pbx.sip.test")
                .callId("optimistic-unusable-savp")
                .cseq(cseq)
                .via(host, client.localAddress().getPort(), "TLS")
                .contact("sip:101@" + host + ":" + client.localAddress().getPort() + ";transport=tls")
                .body("application/sdp", sdp)
                .build();
    }

    // srtp_tag_32 and optimistic on the mock's own offers (Dial legs)

    @Test
    void srtpTag32OffersTheCalleeThirtyTwoBitTagsAndMediaFlowsBothWays() throws Exception {
        try (Phone alice = phone("101", SrtpPolicy.DIGIUM); Phone bob = phone("102", SrtpPolicy.CISCO_79X1_ENCRYPTED)) {
            assertEquals(200, bob.register().get(10, TimeUnit.SECONDS).status());
            Call outgoing = alice.call("102").get(10, TimeUnit.SECONDS);
            assertEquals(200, outgoing.status());
            assertEquals(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, outgoing.suite(), "the caller's leg keeps its suite");
            Call incoming = incoming(bob);
            assertEquals("RTP/SAVP", incoming.mediaProfile());
            assertEquals(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32, incoming.suite(), "srtp_tag_32: the mock offers _32");
            SdesOutcome.Srtp bobLeg = assertInstanceOf(SdesOutcome.Srtp.class, incoming.negotiation());
            assertEquals(1, bobLeg.remote().tag(), "res_srtp's offer starts at tag 1");
            mediaBothWays(outgoing, incoming);
            assertTrue(incoming.mediaStats().received() > 0, "bob received SRTP with 32-bit tags, none failing auth");
            assertEquals(200, outgoing.hangup().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aCalleeThatTakesOnlyEightyBitTagsRefusesTheThirtyTwoBitOffer() throws Exception {
        try (Phone alice = phone("101", SrtpPolicy.DIGIUM); Phone bob = phone("102", SrtpPolicy.DIGIUM)) {
            assertEquals(200, bob.register().get(10, TimeUnit.SECONDS).status());
            Call outgoing = alice.call("102").get(10, TimeUnit.SECONDS);
            assertEquals(488, outgoing.status(), "bob's 488 is passed on to the caller");
            eventually(() -> bob.trace().entries().stream().anyMatch(e -> e.direction() == SipTrace.Direction.RECEIVED
                    && e.text().startsWith("INVITE ") && e.text().contains("AES_CM_128_HMAC_SHA1_32")),
                    "bob was offered AES_CM_128_HMAC_SHA1_32");
        }
    }

    @Test
    void anOptimisticCalleeIsOfferedCryptoInRtpAvpAndAnswersSrtp() throws Exception {
        try (Phone alice = phone("101", SrtpPolicy.DIGIUM); Phone bob = phone("105", SrtpPolicy.ALGO_OPTIONAL)) {
            assertEquals(200, bob.register().get(10, TimeUnit.SECONDS).status());
            Call outgoing = alice.call("105").get(10, TimeUnit.SECONDS);
            assertEquals(200, outgoing.status());
            Call incoming = incoming(bob);
            assertEquals("RTP/AVP", incoming.mediaProfile(), "create_outgoing_sdp_stream: optimistic keeps RTP/AVP");
            assertEquals(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, incoming.suite());
            mediaBothWays(outgoing, incoming);
            assertTrue(incoming.mediaStats().received() > 0, "bob received SRTP");
            assertEquals(200, outgoing.hangup().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void anOptimisticCalleeThatAnswersPlainRtpGetsAPlainLeg() throws Exception {
        try (Phone alice = phone("101", SrtpPolicy.DIGIUM); Phone bob = phone("105", SrtpPolicy.ALGO_DISABLED)) {
            assertEquals(200, bob.register().get(10, TimeUnit.SECONDS).status());
            Call outgoing = alice.call("105").get(10, TimeUnit.SECONDS);
            assertEquals(200, outgoing.status(), "the optimistic endpoint takes the plain answer");
            assertEquals(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, outgoing.suite(), "alice's leg is still SRTP");
            Call incoming = incoming(bob);
            assertInstanceOf(SdesOutcome.Plain.class, incoming.negotiation());
            mediaBothWays(outgoing, incoming);
            assertEquals(200, outgoing.hangup().get(10, TimeUnit.SECONDS));
        }
    }
}
