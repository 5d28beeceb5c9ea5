package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfiles;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Busy() and Congestion() before Answer(), as chan_pjsip reports them. */
@Timeout(30)
class MockAsteriskBusyCongestionTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void busyIs486AndCongestionIs503() throws Exception {
        try (MockAsterisk pbx = MockAsterisk.builder().certificate(PKI.get(FixtureName.PBX_SERVER)).port(0)
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .extension("604", DialplanApp.BUSY).extension("605", DialplanApp.CONGESTION)
                .eventLoopGroup(LOOPS).build().start();
             Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                     .account("101", "pass101").serverHost("pbx.sip.test").serverAddress(pbx.address())
                     .trust(PKI.get(FixtureName.TEST_ROOT).certificate()).build(), LOOPS)) {
            phone.connect().get(10, TimeUnit.SECONDS);
            assertEquals(486, phone.call("604").get(10, TimeUnit.SECONDS).status());
            assertEquals(503, phone.call("605").get(10, TimeUnit.SECONDS).status());
        }
    }
}
