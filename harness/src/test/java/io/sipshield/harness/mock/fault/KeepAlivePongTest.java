package io.sipshield.harness.mock.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.fault.FaultMoment;
import io.sipshield.emulator.fault.ServerFault;
import io.sipshield.emulator.fault.Stall;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.ua.FlowInterruption;
import io.sipshield.emulator.ua.PongWatch;
import io.sipshield.emulator.ua.ReconnectPolicy;
import io.sipshield.harness.mock.MediaEncryption;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.MockEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 5626 §4.4.1 keep-alives against the mock on TLS loopback: the mock answers each CRLFCRLF ping with
 * a CRLF pong (as PJSIP's transport does), so the flow stays up; a mock that stalls after the REGISTER
 * 200 OK sends no pong, so the phone finds the flow dead once the pong timeout passes, closes it,
 * reconnects and registers again.
 */
@Timeout(60)
class KeepAlivePongTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private static final ReconnectPolicy FAST = ReconnectPolicy.of(Duration.ofMillis(100), Duration.ofSeconds(1));
    /** Short, so the test does not wait the RFC's 10 s. */
    private static final Duration PONG_TIMEOUT = Duration.ofMillis(400);
    /** Well past {@link #PONG_TIMEOUT}: a pong that was going to come has come. */
    private static final Duration PAST_TIMEOUT = Duration.ofMillis(1200);

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static MockAsterisk mock(ServerFault... faults) {
        return MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER))
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.NO))
                .faults(List.of(faults))
                .port(0)
                .eventLoopGroup(LOOPS)
                .build().start();
    }

    private static Phone registered(MockAsterisk pbx, Duration pongTimeout) throws Exception {
        Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                .account("101", "pass101")
                .serverHost("pbx.sip.test")
                .serverAddress(pbx.address())
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate())
                .reconnect(FAST)
                .transactionTimeout(Duration.ofSeconds(5))
                .pongTimeout(pongTimeout)
                .build(), LOOPS);
        assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
        assertTrue(phone.register().get(10, TimeUnit.SECONDS).registered());
        return phone;
    }

    @Test
    void theRfcWaitsTenSecondsForAPong() {
        assertEquals(Duration.ofSeconds(10), PhoneSettings.DEFAULT_PONG_TIMEOUT);
        assertEquals(PhoneSettings.DEFAULT_PONG_TIMEOUT, PhoneSettings.builder().account("101", "x")
                .serverAddress(new java.net.InetSocketAddress("127.0.0.1", 5061)).build().pongTimeout());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> PhoneSettings.builder()
                .account("101", "x").serverAddress(new java.net.InetSocketAddress("127.0.0.1", 5061))
                .pongTimeout(Duration.ofMillis(-1)).build());
        assertTrue(negative.getMessage().contains("pongTimeout"), negative.getMessage());
    }

    @Test
    void theMockAnswersEveryPingWithAPongSoTheFlowStaysUp() throws Exception {
        try (MockAsterisk pbx = mock(); Phone phone = registered(pbx, PONG_TIMEOUT)) {
            for (int i = 0; i < 3; i++) {
                phone.sendKeepAlive().get(5, TimeUnit.SECONDS);
                Thread.sleep(PAST_TIMEOUT.toMillis() / 2);
            }
            Thread.sleep(PAST_TIMEOUT.toMillis());
            assertEquals(List.of(), phone.flowInterruptions());
            assertTrue(phone.connected());
            assertEquals(1, pbx.tlsConnections().size(), "still the first connection");
        }
    }

    @Test
    void aServerThatSendsNoPongFailsTheFlowAndThePhoneReconnectsAndRegistersAgain() throws Exception {
        try (MockAsterisk pbx = mock(new Stall(FaultMoment.AFTER_REGISTER, Duration.ZERO));
             Phone phone = registered(pbx, PONG_TIMEOUT)) {
            phone.sendKeepAlive().get(5, TimeUnit.SECONDS);

            FlowInterruption recovery = phone.awaitRecovery(Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
            assertTrue(recovery.recovered(), recovery.toString());
            assertEquals(PongWatch.cause(PONG_TIMEOUT), recovery.cause());
            assertTrue(recovery.cause().contains("no CRLF pong within 400 ms"), recovery.cause());
            assertEquals(1, recovery.attempts());
            assertTrue(phone.connected());
            assertEquals(2, pbx.tlsConnections().size(), "a second connection after the dead flow");
            assertTrue(pbx.registrar().lookup("101").isPresent(), "registered again over the new flow");
        }
    }

    @Test
    void withThePongTimeoutOffASilentServerIsNotNoticed() throws Exception {
        try (MockAsterisk pbx = mock(new Stall(FaultMoment.AFTER_REGISTER, Duration.ZERO));
             Phone phone = registered(pbx, Duration.ZERO)) {
            phone.sendKeepAlive().get(5, TimeUnit.SECONDS);
            Thread.sleep(PAST_TIMEOUT.toMillis());
            assertEquals(List.of(), phone.flowInterruptions());
            assertEquals(1, pbx.tlsConnections().size());
        }
    }
}
