package io.sipshield.harness.mock;

import static io.sipshield.harness.mock.TestPbx.eventually;
import static io.sipshield.harness.mock.TestPbx.incomingCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
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
import java.util.concurrent.TimeUnit;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code media_encryption_optimistic} and {@code srtp_tag_32} over TLS loopback with emulated
 * phones and real SRTP (DEVICES.md §E; res_pjsip_sdp_rtp.c, res_srtp.c).
 */
@Timeout(60)
class EndpointMediaOptionsTest {

    @RegisterExtension
    static final TestPbx PBX = TestPbx.with(mock -> mock
            .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES).withMediaEncryptionOptimistic(true))
            .endpoint(new MockEndpoint("102", "pass102", MediaEncryption.SDES).withSrtpTag32(true))
            .endpoint(new MockEndpoint("105", "pass105", MediaEncryption.SDES).withMediaEncryptionOptimistic(true))
            .extension("600", DialplanApp.ECHO)
            .dial("102", "102")
            .dial("105", "105"));

    private static Phone phone(String user, SrtpPolicy policy) throws Exception {
        return PBX.phone(DeviceProfiles.DIGIUM_D6X_2_9_2.withSrtp(policy), PBX.settings(user).build());
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
        return incomingCall(callee, "the callee was called down its own connection");
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
        try (RawSipClient client = new RawSipClient(PBX.address(), PBX.loops())) {
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
            TwoWayTones.assertHeardBothWays(outgoing, "the caller", incoming, "the callee");
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
            TwoWayTones.assertHeardBothWays(outgoing, "the caller", incoming, "the callee");
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
            TwoWayTones.assertHeardBothWays(outgoing, "the caller", incoming, "the callee");
            assertEquals(200, outgoing.hangup().get(10, TimeUnit.SECONDS));
        }
    }
}
