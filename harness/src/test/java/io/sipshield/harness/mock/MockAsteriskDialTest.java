package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.media.ToneDetector;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.emulator.sdp.SdesOutcome;
import io.sipshield.emulator.ua.SipTrace;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Dial(PJSIP/...) between two emulated phones, SRTP keyed per leg, media checked both ways. */
@Timeout(60)
class MockAsteriskDialTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private static MockAsterisk pbx;

    @BeforeAll
    static void start() {
        pbx = MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER))
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .endpoint(new MockEndpoint("102", "pass102", MediaEncryption.SDES))
                .endpoint(new MockEndpoint("103", "pass103", MediaEncryption.SDES))
                .dial("102", "102")
                .dial("103", "103")
                .port(0)
                .eventLoopGroup(LOOPS)
                .build().start();
    }

    @AfterAll
    static void shutdown() {
        pbx.close();
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static Phone phone(String user) throws Exception {
        Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
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

    @Test
    void dialBridgesTwoPhonesWithTheirOwnKeysAndMediaFlowsBothWays() throws Exception {
        try (Phone alice = phone("101"); Phone bob = phone("102")) {
            assertEquals(200, bob.register().get(10, TimeUnit.SECONDS).status());
            Call outgoing = alice.call("102").get(10, TimeUnit.SECONDS);
            assertEquals(200, outgoing.status());
            assertEquals("RTP/SAVP", outgoing.mediaProfile());
            eventually(() -> bob.incomingCalls().size() == 1, "bob was called down his own connection");
            Call incoming = bob.incomingCalls().values().iterator().next();
            assertEquals("RTP/SAVP", incoming.mediaProfile());

            SdesOutcome.Srtp aliceLeg = (SdesOutcome.Srtp) outgoing.negotiation();
            SdesOutcome.Srtp bobLeg = (SdesOutcome.Srtp) incoming.negotiation();
            assertNotEquals(aliceLeg.remote().toSdpValue(), bobLeg.remote().toSdpValue(),
                    "the mock keys each leg with its own key");
            assertNotEquals(aliceLeg.local().toSdpValue(), bobLeg.remote().toSdpValue(),
                    "alice's key is not handed to bob");

            ToneDetector bobHears = ToneDetector.builder().frequency(1000).build();
            ToneDetector aliceHears = ToneDetector.builder().frequency(2000).build();
            incoming.addSink(bobHears);
            outgoing.addSink(aliceHears);
            CompletableFuture<?> fromAlice = outgoing.sendMedia(ToneSource.milliwatt(G711.PCMU), Duration.ofMillis(600));
            CompletableFuture<?> fromBob = incoming.sendMedia(ToneSource.builder().frequency(2000).build(),
                    Duration.ofMillis(600));
            fromAlice.get(10, TimeUnit.SECONDS);
            fromBob.get(10, TimeUnit.SECONDS);
            assertTrue(bobHears.report().present(), "bob hears alice's 1 kHz: " + bobHears.report());
            assertTrue(aliceHears.report().present(), "alice hears bob's 2 kHz: " + aliceHears.report());
            assertEquals(0, outgoing.mediaStats().authFailures() + incoming.mediaStats().authFailures());

            assertEquals(200, outgoing.hangup().get(10, TimeUnit.SECONDS));
            eventually(() -> bob.trace().entries().stream().anyMatch(e -> e.direction() == SipTrace.Direction.RECEIVED
                    && e.text().startsWith("BYE ")), "the mock hangs up bob's leg");
        }
    }

    @Test
    void whenTheCalleeHangsUpTheCallerGetsABye() throws Exception {
        try (Phone alice = phone("101"); Phone bob = phone("102")) {
            assertEquals(200, bob.register().get(10, TimeUnit.SECONDS).status());
            Call outgoing = alice.call("102").get(10, TimeUnit.SECONDS);
            assertEquals(200, outgoing.status());
            eventually(() -> bob.incomingCalls().size() == 1, "bob was called");
            Call incoming = bob.incomingCalls().values().iterator().next();
            assertEquals(200, incoming.hangup().get(10, TimeUnit.SECONDS));
            eventually(() -> alice.trace().entries().stream().anyMatch(e -> e.direction() == SipTrace.Direction.RECEIVED
                    && e.text().startsWith("BYE ")), "the mock hangs up alice's leg");
            assertEquals(481, outgoing.hangup().get(10, TimeUnit.SECONDS), "alice's call is already over");
        }
    }

    @Test
    void dialingAnEndpointWithNoContactIs480() throws Exception {
        try (Phone alice = phone("101")) {
            Call call = alice.call("103").get(10, TimeUnit.SECONDS);
            assertEquals(480, call.status());
        }
    }
}
