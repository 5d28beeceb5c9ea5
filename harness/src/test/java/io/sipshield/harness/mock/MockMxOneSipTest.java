package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.ua.SipTrace;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MX-ONE only answers requests addressed to one of its names (seed 004): the [GUESS] Request-URI check. */
@Timeout(60)
class MockMxOneSipTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static MockAsterisk mxOne(UnaryOperator<MockAsterisk.Builder> options) {
        return options.apply(MockAsterisk.builder().personality(ServerPersonality.MX_ONE)
                .certificate(PKI.get(FixtureName.MX_ONE_SERVER))
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .port(0).eventLoopGroup(LOOPS)).build().start();
    }

    /** A phone that does not check the server, so that it can dial any name over the same TLS connection. */
    private static Phone phone(MockAsterisk pbx, String host) {
        return Phone.create(DeviceProfiles.ALGO_8301_3_1_NO_VALIDATION, PhoneSettings.builder()
                .account("101", "pass101").serverHost(host).serverAddress(pbx.address()).build(), LOOPS);
    }

    @Test
    void aRegisterForAnotherDomainIsRefusedBeforeThePbx() throws Exception {
        try (MockAsterisk pbx = mxOne(b -> b); Phone phone = phone(pbx, "pbx.sip.test")) {
            assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
            assertEquals(404, phone.register().get(10, TimeUnit.SECONDS).status());
            assertNull(pbx.takeRequest(100, TimeUnit.MILLISECONDS), "the PBX never saw it");
            assertTrue(pbx.registrar().bindings().isEmpty());
            assertTrue(phone.trace().entries().stream().filter(e -> e.direction() == SipTrace.Direction.RECEIVED)
                    .anyMatch(e -> e.text().contains(ServerPersonality.MX_ONE.defaultUserAgent())));
        }
    }

    @Test
    void aLimNameUnderTheWildcardOrASanIpIsAccepted() throws Exception {
        for (String host : List.of("lim3.mx.sip.test", "other.mx.sip.test", "127.0.1.2")) {
            try (MockAsterisk pbx = mxOne(b -> b); Phone phone = phone(pbx, host)) {
                phone.connect().get(10, TimeUnit.SECONDS);
                assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status(), host);
            }
        }
    }

    @Test
    void theRefusalIsConfigurableAndTheCheckCanBeSwitchedOff() throws Exception {
        try (MockAsterisk pbx = mxOne(b -> b.mxOneRequestUriCheck(403)); Phone phone = phone(pbx, "pbx.sip.test")) {
            phone.connect().get(10, TimeUnit.SECONDS);
            assertEquals(403, phone.register().get(10, TimeUnit.SECONDS).status());
        }
        try (MockAsterisk pbx = mxOne(b -> b.mxOneRequestUriCheck(0)); Phone phone = phone(pbx, "pbx.sip.test")) {
            phone.connect().get(10, TimeUnit.SECONDS);
            assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void theCheckIsRefusedForAsteriskAndAStatusThatIsNoRefusal() {
        IllegalArgumentException asterisk = assertThrows(IllegalArgumentException.class, () -> MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER)).mxOneRequestUriCheck(404).build());
        assertTrue(asterisk.getMessage().startsWith("mxOneRequestUriCheck is MX-ONE's"), asterisk.getMessage());
        IllegalArgumentException status = assertThrows(IllegalArgumentException.class,
                () -> MockAsterisk.builder().mxOneRequestUriCheck(200));
        assertTrue(status.getMessage().contains("got 200"), status.getMessage());
    }
}
