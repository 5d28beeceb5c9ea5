package io.sipshield.harness.mock;

import static io.sipshield.harness.mock.TestPbx.eventually;
import static io.sipshield.harness.mock.TestPbx.incomingCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.sdp.SdesOutcome;
import io.sipshield.emulator.ua.SipTrace;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Dial(PJSIP/...) between two emulated phones, SRTP keyed per leg, media checked both ways. */
@Timeout(60)
class MockAsteriskDialTest {

    @RegisterExtension
    static final TestPbx PBX = TestPbx.with(mock -> mock
            .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
            .endpoint(new MockEndpoint("102", "pass102", MediaEncryption.SDES))
            .endpoint(new MockEndpoint("103", "pass103", MediaEncryption.SDES))
            .dial("102", "102")
            .dial("103", "103"));

    @Test
    void dialBridgesTwoPhonesWithTheirOwnKeysAndMediaFlowsBothWays() throws Exception {
        try (Phone alice = PBX.phone("101"); Phone bob = PBX.registered("102")) {
            Call outgoing = alice.call("102").get(10, TimeUnit.SECONDS);
            assertEquals(200, outgoing.status());
            assertEquals("RTP/SAVP", outgoing.mediaProfile());
            Call incoming = incomingCall(bob, "bob was called down his own connection");
            assertEquals("RTP/SAVP", incoming.mediaProfile());

            SdesOutcome.Srtp aliceLeg = (SdesOutcome.Srtp) outgoing.negotiation();
            SdesOutcome.Srtp bobLeg = (SdesOutcome.Srtp) incoming.negotiation();
            assertNotEquals(aliceLeg.remote().toSdpValue(), bobLeg.remote().toSdpValue(),
                    "the mock keys each leg with its own key");
            assertNotEquals(aliceLeg.local().toSdpValue(), bobLeg.remote().toSdpValue(),
                    "alice's key is not handed to bob");

            TwoWayTones.assertHeardBothWays(outgoing, "alice", incoming, "bob");

            assertEquals(200, outgoing.hangup().get(10, TimeUnit.SECONDS));
            eventually(() -> bob.trace().entries().stream().anyMatch(e -> e.direction() == SipTrace.Direction.RECEIVED
                    && e.text().startsWith("BYE ")), "the mock hangs up bob's leg");
        }
    }

    @Test
    void whenTheCalleeHangsUpTheCallerGetsABye() throws Exception {
        try (Phone alice = PBX.phone("101"); Phone bob = PBX.registered("102")) {
            Call outgoing = alice.call("102").get(10, TimeUnit.SECONDS);
            assertEquals(200, outgoing.status());
            Call incoming = incomingCall(bob, "bob was called");
            assertEquals(200, incoming.hangup().get(10, TimeUnit.SECONDS));
            eventually(() -> alice.trace().entries().stream().anyMatch(e -> e.direction() == SipTrace.Direction.RECEIVED
                    && e.text().startsWith("BYE ")), "the mock hangs up alice's leg");
            assertEquals(481, outgoing.hangup().get(10, TimeUnit.SECONDS), "alice's call is already over");
        }
    }

    @Test
    void dialingAnEndpointWithNoContactIs480() throws Exception {
        try (Phone alice = PBX.phone("101")) {
            Call call = alice.call("103").get(10, TimeUnit.SECONDS);
            assertEquals(480, call.status());
        }
    }
}
