package io.sipshield.harness.mock;

import static io.sipshield.harness.mock.TestPbx.eventually;
import static io.sipshield.harness.mock.TestPbx.incomingCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.media.MediaStats;
import io.sipshield.emulator.media.ToneDetector;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.emulator.sdp.MediaDirection;
import io.sipshield.emulator.sip.SipMessages;
import io.sipshield.emulator.ua.SipTrace;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hold and resume by re-INVITE (RFC 3264 §8.4) against the mock, over TLS and SRTP on loopback. */
@Timeout(60)
class MockAsteriskHoldTest {

    private static final Duration WINDOW = Duration.ofMillis(600);

    @RegisterExtension
    static final TestPbx PBX = TestPbx.with(mock -> mock
            .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
            .endpoint(new MockEndpoint("102", "pass102", MediaEncryption.SDES))
            .extension("600", DialplanApp.ECHO)
            .dial("102", "102"));

    private static List<String> sentInvites(Phone phone) {
        return phone.trace().entries().stream()
                .filter(e -> e.direction() == SipTrace.Direction.SENT && e.text().startsWith("INVITE "))
                .map(SipTrace.Entry::text).toList();
    }

    @Test
    void holdDuringEchoStopsTheMocksMediaAndResumeBringsTheEchoBack() throws Exception {
        try (Phone phone = PBX.phone("101")) {
            Call call = phone.call("600").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status());
            long firstVersion = call.localDescription().version();
            MediaStats before = call.sendMedia(ToneSource.milliwatt(G711.PCMU), WINDOW).get(10, TimeUnit.SECONDS);
            assertTrue(before.received() > 0, "Echo() sends the media back before the hold: " + before);

            assertEquals(200, call.hold(true).get(10, TimeUnit.SECONDS));
            assertEquals(MediaDirection.RECVONLY, call.remoteDirection(), "Asterisk answers a=sendonly with a=recvonly");
            assertEquals(MediaDirection.SENDONLY, call.localDirection());
            assertTrue(call.onHold());
            String reInvite = sentInvites(phone).get(sentInvites(phone).size() - 1);
            assertTrue(reInvite.contains("a=sendonly"), reInvite);
            assertTrue(reInvite.contains(" " + firstVersion + " " + (firstVersion + 1) + " IN IP4"),
                    "same o= session id, version + 1: " + reInvite);
            Thread.sleep(200); // echoes of packets sent before the hold may still arrive
            long receivedAtHold = call.mediaStats().received();
            MediaStats held = call.sendMedia(ToneSource.milliwatt(G711.PCMU), WINDOW).get(10, TimeUnit.SECONDS);
            assertTrue(held.sent() > before.sent(), "the phone kept sending while holding: " + held);
            assertEquals(receivedAtHold, held.received(), "the mock sends nothing to a phone that holds: " + held);

            assertEquals(200, call.resume().get(10, TimeUnit.SECONDS));
            assertEquals(MediaDirection.SENDRECV, call.remoteDirection());
            assertEquals(MediaDirection.SENDRECV, call.localDirection());
            assertFalse(call.onHold());
            assertEquals(firstVersion + 2, call.localDescription().version());
            ToneDetector echo = ToneDetector.builder().frequency(1000).build();
            call.addSink(echo);
            MediaStats resumed = call.sendMedia(ToneSource.milliwatt(G711.PCMU), WINDOW).get(10, TimeUnit.SECONDS);
            assertTrue(resumed.received() > held.received(), "the echo is back after resume: " + resumed);
            assertTrue(echo.report().present(), "the echo is the 1 kHz sent: " + echo.report());
            assertEquals(0, resumed.authFailures(), "the SRTP keys stay valid across the re-INVITEs");
            assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aSilentHoldSendsNothingAndItsAnswerKeepsTheMocksKey() throws Exception {
        try (Phone phone = PBX.phone("101")) {
            Call call = phone.call("600").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status());
            assertEquals(200, call.hold().get(10, TimeUnit.SECONDS));
            MediaStats held = call.sendMedia(ToneSource.milliwatt(G711.PCMU), Duration.ofMillis(200))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(0, held.sent(), "a holding phone sends nothing unless told to: " + held);
            // holding twice: already sendonly, still sendonly (version + 1 again)
            assertEquals(200, call.hold().get(10, TimeUnit.SECONDS));
            assertEquals(MediaDirection.SENDONLY, call.localDirection());
            assertEquals(200, call.resume().get(10, TimeUnit.SECONDS));
            MediaStats resumed = call.sendMedia(ToneSource.milliwatt(G711.PCMU), WINDOW).get(10, TimeUnit.SECONDS);
            assertTrue(resumed.sent() > 0 && resumed.received() > 0, resumed.toString());
            assertEquals(0, resumed.authFailures());
        }
    }

    @Test
    void aReInviteForAnUnknownDialogIs481() throws Exception {
        SipMessages messages = new SipMessages(new SecureRandom());
        try (RawSipClient client = new RawSipClient(PBX.address(), PBX.loops())) {
            String host = client.localAddress().getAddress().getHostAddress();
            String uri = "sip:600@pbx.sip.test";
            Request reInvite = messages.request(Request.INVITE, uri)
                    .from("sip:101@pbx.sip.test", "phone-tag")
                    .to(uri, "no-such-tag")
                    .callId("no-such-call@" + host)
                    .cseq(2)
                    .via(host, client.localAddress().getPort(), "TLS")
                    .contact("sip:101@" + host + ":" + client.localAddress().getPort() + ";transport=tls")
                    .body("application/sdp", "v=0\r\no=- 1 2 IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host
                            + "\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=sendonly\r\n")
                    .build();
            client.send(reInvite);
            Response response = client.next();
            assertEquals(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, response.getStatusCode());
        }
    }

    @Test
    void aHoldAfterTheCallEndedIs481() throws Exception {
        try (Phone phone = PBX.phone("101")) {
            Call call = phone.call("600").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
            eventually(() -> {
                try {
                    return call.hold().get(10, TimeUnit.SECONDS) == 481;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, "the mock forgets the dialog once the call is over");
        }
    }

    @Test
    void holdOnABridgedDialCallIsAnsweredByTheMockAndTheOtherLegIsNotReInvited() throws Exception {
        try (Phone alice = PBX.phone("101"); Phone bob = PBX.registered("102")) {
            Call outgoing = alice.call("102").get(10, TimeUnit.SECONDS);
            assertEquals(200, outgoing.status());
            Call incoming = incomingCall(bob, "bob was called");
            long invitesToBob = bob.inboundRequests().stream().filter(r -> r.is("INVITE")).count();

            // bob, the callee, holds: the mock answers on bob's leg
            assertEquals(200, incoming.hold(true).get(10, TimeUnit.SECONDS));
            assertEquals(MediaDirection.RECVONLY, incoming.remoteDirection());
            Thread.sleep(200);
            long bobReceived = incoming.mediaStats().received();
            long aliceReceived = outgoing.mediaStats().received();
            var fromAlice = outgoing.sendMedia(ToneSource.milliwatt(G711.PCMU), WINDOW);
            var fromBob = incoming.sendMedia(ToneSource.builder().frequency(2000).build(), WINDOW);
            fromAlice.get(10, TimeUnit.SECONDS);
            fromBob.get(10, TimeUnit.SECONDS);
            assertEquals(bobReceived, incoming.mediaStats().received(), "nothing is relayed to the holder");
            assertEquals(aliceReceived, outgoing.mediaStats().received(),
                    "alice hears nothing ([GUESS] silence for music on hold)");
            assertEquals(0, alice.inboundRequests().stream().filter(r -> r.is("INVITE")).count(),
                    "alice's leg is not re-INVITEd");

            assertEquals(200, incoming.resume().get(10, TimeUnit.SECONDS));
            ToneDetector bobHears = ToneDetector.builder().frequency(1000).build();
            incoming.addSink(bobHears);
            var again = outgoing.sendMedia(ToneSource.milliwatt(G711.PCMU), WINDOW);
            incoming.sendMedia(ToneSource.builder().frequency(2000).build(), WINDOW).get(10, TimeUnit.SECONDS);
            again.get(10, TimeUnit.SECONDS);
            assertTrue(bobHears.report().present(), "bob hears alice again: " + bobHears.report());
            assertEquals(0, outgoing.mediaStats().authFailures() + incoming.mediaStats().authFailures());
            assertEquals(invitesToBob, bob.inboundRequests().stream().filter(r -> r.is("INVITE")).count(),
                    "bob's hold was answered, not passed on as a new INVITE");

            // alice, the caller, holds too: answered on her leg
            assertEquals(200, outgoing.hold().get(10, TimeUnit.SECONDS));
            assertEquals(MediaDirection.RECVONLY, outgoing.remoteDirection());
            assertEquals(200, outgoing.hangup().get(10, TimeUnit.SECONDS));
        }
    }
}
