package io.sipshield.harness.mock;

import static io.sipshield.harness.mock.TestPbx.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.AnswerMode;
import io.sipshield.emulator.Call;
import io.sipshield.emulator.IncomingCall;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.profile.DeviceProfiles;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dial() that does not bridge: the timeout CANCELs the ringing callee, a refusal becomes DIALSTATUS
 * and a cause, and the caller's dialplan goes on (or falls through) as Asterisk's does.
 */
@Timeout(60)
class MockAsteriskDialStatusTest {

    @RegisterExtension
    static final TestPbx PBX = TestPbx.with(mock -> mock
            .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
            .endpoint(new MockEndpoint("102", "pass102", MediaEncryption.SDES))
            .extension("701", plan("Dial(PJSIP/102,1)", "Busy()"))
            .extension("702", plan("Dial(PJSIP/102)"))
            .extension("703", plan("Dial(PJSIP/102)", "Hangup()")));

    private static Phone phone(String user, AnswerMode mode) throws Exception {
        return PBX.registered(DeviceProfiles.DIGIUM_D6X_2_9_2, PBX.settings(user).answerMode(mode).build());
    }

    @Test
    void theTimeoutCancelsTheRingingCalleeAndTheDialplanGoesOn() throws Exception {
        try (Phone alice = phone("101", AnswerMode.AUTO); Phone bob = phone("102", AnswerMode.MANUAL)) {
            CompletableFuture<Call> outgoing = alice.call("701");
            IncomingCall ringing = bob.nextIncomingCall(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            assertEquals(IncomingCall.State.CANCELLED, ringing.settled().get(10, TimeUnit.SECONDS),
                    "Dial(...,1) CANCELs the callee after a second");
            assertEquals(486, outgoing.get(10, TimeUnit.SECONDS).status(), "NOANSWER, then Busy()");
        }
    }

    @Test
    void aBusyCalleeFallsThroughToBusyAndADeclineToCongestion() throws Exception {
        try (Phone alice = phone("101", AnswerMode.AUTO); Phone bob = phone("102", AnswerMode.reject(486))) {
            assertEquals(486, alice.call("702").get(10, TimeUnit.SECONDS).status(), "DIALSTATUS=BUSY");
        }
        try (Phone alice = phone("101", AnswerMode.AUTO); Phone bob = phone("102", AnswerMode.reject(603))) {
            assertEquals(503, alice.call("702").get(10, TimeUnit.SECONDS).status(),
                    "DIALSTATUS=CHANUNAVAIL: autofallthrough indicates congestion");
        }
    }

    @Test
    void hangupAfterAFailedDialKeepsItsCause() throws Exception {
        try (Phone alice = phone("101", AnswerMode.AUTO); Phone bob = phone("102", AnswerMode.reject(603))) {
            assertEquals(403, alice.call("703").get(10, TimeUnit.SECONDS).status(),
                    "603 is cause 21 (call rejected), which chan_pjsip answers 403");
        }
    }

    @Test
    void aCallerCancelWhileTheCalleeRingsCancelsTheCalleeToo() throws Exception {
        try (Phone alice = phone("101", AnswerMode.AUTO); Phone bob = phone("102", AnswerMode.MANUAL)) {
            CompletableFuture<Call> outgoing = alice.call("702");
            IncomingCall ringing = bob.nextIncomingCall(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            assertEquals(200, alice.cancelOutgoingCall().get(10, TimeUnit.SECONDS));
            assertEquals(487, outgoing.get(10, TimeUnit.SECONDS).status());
            assertEquals(IncomingCall.State.CANCELLED, ringing.settled().get(10, TimeUnit.SECONDS));
            assertTrue(ringing.cancelled());
        }
    }
}
