package io.sipshield.harness.mock;

import static io.sipshield.harness.mock.TestPbx.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.FixtureCatalog;
import io.sipshield.emulator.AnswerMode;
import io.sipshield.emulator.Call;
import io.sipshield.emulator.IncomingCall;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.ua.InboundRequest;
import io.sipshield.emulator.ua.RegistrationResult;
import io.sipshield.emulator.ua.SipTrace;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The phone features scenario steps drive (issue 7), against the mock over real TLS: unregister,
 * a callee that rings until the test answers or rejects it, a caller that CANCELs, and waiting
 * for a request the PBX sends down the phone's own connection.
 */
@Timeout(60)
class PhoneStepsTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();

    /** A mock of its own for each test (an instance field), so bindings and qualify timers never carry over. */
    @RegisterExtension
    final TestPbx pbx = TestPbx.with(PKI, mock -> mock
            .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
            .endpoint(new MockEndpoint("102", "pass102", MediaEncryption.SDES)
                    .withAor(MockAor.onePhone().withQualifyFrequency(1)))
            .dial("102", "102"));

    private Phone phone(String user, AnswerMode mode) throws Exception {
        return pbx.phone(DeviceProfiles.DIGIUM_D6X_2_9_2, settings(user, mode));
    }

    private PhoneSettings settings(String user, AnswerMode mode) {
        return pbx.settings(user).answerMode(mode).build();
    }

    private static boolean sent(Phone phone, String firstLinePrefix) {
        return phone.trace().entries().stream().anyMatch(e -> e.direction() == SipTrace.Direction.SENT
                && e.firstLine().startsWith(firstLinePrefix));
    }

    private static boolean received(Phone phone, String firstLinePrefix) {
        return phone.trace().entries().stream().anyMatch(e -> e.direction() == SipTrace.Direction.RECEIVED
                && e.firstLine().startsWith(firstLinePrefix));
    }

    private boolean bound(String aor) {
        return pbx.mock().registrar().contacts().stream().anyMatch(c -> c.binding().aor().equals(aor));
    }

    @Test
    void unregisterRemovesThePhonesBinding() throws Exception {
        try (Phone phone = phone("102", AnswerMode.AUTO)) {
            assertTrue(phone.register().get(10, TimeUnit.SECONDS).registered());
            assertTrue(bound("102"));
            RegistrationResult gone = phone.unregister().get(10, TimeUnit.SECONDS);
            assertEquals(200, gone.status());
            assertEquals(0, gone.expires());
            assertFalse(bound("102"), "no binding left: " + pbx.mock().registrar().contacts());
            assertTrue(phone.trace().entries().stream().filter(e -> e.direction() == SipTrace.Direction.SENT)
                    .filter(e -> e.firstLine().startsWith("REGISTER ")).reduce((a, b) -> b).orElseThrow()
                    .text().contains("Expires: 0"), "the last REGISTER asks for Expires: 0");
            Call unreachable;
            try (Phone caller = phone("101", AnswerMode.AUTO)) {
                unreachable = caller.call("102").get(10, TimeUnit.SECONDS);
            }
            assertEquals(480, unreachable.status(), "Dial() finds no contact for 102 any more");
        }
    }

    @Test
    void unregisterBeforeConnectFailsClearly() {
        Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, settings("102", AnswerMode.AUTO), pbx.loops());
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> phone.unregister().get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, failed.getCause());
        assertTrue(failed.getCause().getMessage().contains("not connected"), failed.getCause().getMessage());
    }

    @Test
    void aManualCalleeRingsUntilAnsweredThenMediaFlowsBothWays() throws Exception {
        try (Phone alice = phone("101", AnswerMode.AUTO); Phone bob = phone("102", AnswerMode.MANUAL)) {
            assertEquals(200, bob.register().get(10, TimeUnit.SECONDS).status());
            CompletableFuture<Call> calling = alice.call("102");
            IncomingCall ringing = bob.nextIncomingCall(Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
            assertEquals(IncomingCall.State.RINGING, ringing.state());
            for (int i = 0; i < 250 && !received(alice, "SIP/2.0 180 "); i++) {
                Thread.sleep(20);
            }
            assertTrue(sent(bob, "SIP/2.0 180 "), "bob rings");
            assertTrue(received(alice, "SIP/2.0 180 "), "the mock passes the ringing on to alice (app_dial)");
            Thread.sleep(300);
            assertFalse(calling.isDone(), "alice waits while bob rings");

            Call incoming = ringing.answer().get(10, TimeUnit.SECONDS);
            Call outgoing = calling.get(10, TimeUnit.SECONDS);
            assertEquals(200, outgoing.status());
            assertEquals("RTP/SAVP", outgoing.mediaProfile());
            assertEquals("RTP/SAVP", incoming.mediaProfile());

            TwoWayTones.assertHeardBothWays(outgoing, "alice", incoming, "bob");
            assertEquals(200, outgoing.hangup().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aManualCalleeThatRejects486MakesTheCallerGet486() throws Exception {
        try (Phone alice = phone("101", AnswerMode.AUTO); Phone bob = phone("102", AnswerMode.MANUAL)) {
            assertEquals(200, bob.register().get(10, TimeUnit.SECONDS).status());
            CompletableFuture<Call> calling = alice.call("102");
            IncomingCall ringing = bob.nextIncomingCall(Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
            ringing.reject(486).get(10, TimeUnit.SECONDS);
            Call refused = calling.get(10, TimeUnit.SECONDS);
            assertEquals(486, refused.status());
            assertFalse(refused.answered());
            assertEquals(IncomingCall.State.REJECTED, ringing.state());
            assertTrue(bob.incomingCalls().isEmpty());
        }
    }

    @Test
    void aRejectModeCalleeRefusesWithoutRinging() throws Exception {
        try (Phone alice = phone("101", AnswerMode.AUTO); Phone bob = phone("102", AnswerMode.reject(603))) {
            assertEquals(200, bob.register().get(10, TimeUnit.SECONDS).status());
            Call refused = alice.call("102").get(10, TimeUnit.SECONDS);
            assertTrue(sent(bob, "SIP/2.0 603 "), "bob refused with 603");
            // chan_pjsip: 603 is cause 21 CALL_REJECTED (hangup_sip2cause); Dial() then Hangup() keeps that
            // cause, and hangup_cause2sip answers the caller 403
            assertEquals(403, refused.status());
            assertFalse(sent(bob, "SIP/2.0 180 "), "no ringing first");
        }
    }

    @Test
    void theCallerCancelsWhileTheCalleeRings() throws Exception {
        try (Phone alice = phone("101", AnswerMode.AUTO); Phone bob = phone("102", AnswerMode.MANUAL)) {
            assertEquals(200, bob.register().get(10, TimeUnit.SECONDS).status());
            CompletableFuture<Call> calling = alice.call("102");
            IncomingCall ringing = bob.nextIncomingCall(Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
            assertEquals(200, alice.cancelOutgoingCall().get(10, TimeUnit.SECONDS), "the mock answers the CANCEL 200");
            Call cancelled = calling.get(10, TimeUnit.SECONDS);
            assertEquals(487, cancelled.status(), "the INVITE ends 487 Request Terminated");
            assertTrue(received(alice, "SIP/2.0 487 "), "alice read the 487");
            assertTrue(sent(alice, "ACK "), "alice ACKs the 487");
            ExecutionException nothingLeft = assertThrows(ExecutionException.class,
                    () -> alice.cancelOutgoingCall().get(10, TimeUnit.SECONDS));
            assertTrue(nothingLeft.getCause().getMessage().contains("nothing to CANCEL"),
                    nothingLeft.getCause().getMessage());
            assertTrue(ringing.state() == IncomingCall.State.RINGING || ringing.cancelled(),
                    "bob still rings or was cancelled by the mock: " + ringing);
        }
    }

    @Test
    void thePbxQualifiesThePhoneWithOptionsDownItsOwnConnection() throws Exception {
        try (Phone bob = phone("102", AnswerMode.AUTO)) {
            assertEquals(200, bob.register().get(10, TimeUnit.SECONDS).status());
            InboundRequest options = bob.awaitRequest("OPTIONS", Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            assertEquals("OPTIONS", options.method());
            assertTrue(options.summary().startsWith("OPTIONS sip:102@"), options.summary());
            assertTrue(options.requestUri().toLowerCase(java.util.Locale.ROOT).contains(";transport=tls"),
                    "down the TLS connection: " + options.requestUri());
            InboundRequest second = bob.awaitRequest("OPTIONS", Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            assertFalse(second.callId().equals(options.callId()), "each qualify is its own request, taken once");
            assertTrue(bob.inboundRequests().size() >= 2);
            eventually(() -> pbx.mock().registrar().contacts().stream()
                    .anyMatch(c -> c.status() == Registrar.Availability.Avail), "the phone's 200 made it Avail");
        }
    }

    @Test
    void awaitingARequestThePbxNeverSendsTimesOut() throws Exception {
        try (Phone alice = phone("101", AnswerMode.AUTO)) {
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> alice.awaitRequest("NOTIFY", Duration.ofMillis(400)).get(10, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, failed.getCause());
            assertEquals("no NOTIFY request within 400 ms", failed.getCause().getMessage());
        }
    }

    @Test
    void awaitingARequestBeforeConnectFailsClearly() {
        Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder().account("101", "x")
                .serverAddress(new InetSocketAddress("127.0.0.1", 1)).build(), pbx.loops());
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> phone.awaitRequest("OPTIONS", Duration.ofSeconds(1)).get(10, TimeUnit.SECONDS));
        assertTrue(failed.getCause().getMessage().contains("not connected"), failed.getCause().getMessage());
    }
}
