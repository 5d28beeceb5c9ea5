package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.media.MediaStats;
import io.sipshield.emulator.net.ChannelTypes;
import io.sipshield.emulator.net.IoTransport;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.emulator.tls.TlsReport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The mock and a phone each on a native epoll group of its own: TLS through BoringSSL over epoll sockets, REGISTER
 * with digest, an SDES-SRTP call to Echo() whose UDP media runs on epoll datagram channels at both ends. Netty
 * refuses to register a NIO channel on an epoll loop, so the call getting through shows every bootstrap on the way
 * (listener, phone connection, RTP/RTCP ports at both ends) followed its group. Skipped where epoll cannot load.
 */
@Timeout(60)
class MockAsteriskEpollTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();

    private EventLoopGroup mockLoops;
    private EventLoopGroup phoneLoops;

    @BeforeEach
    void epollGroups() {
        assumeTrue(Epoll.isAvailable(), () -> "epoll unavailable: " + Epoll.unavailabilityCause());
        mockLoops = IoTransport.EPOLL.newGroup(1);
        phoneLoops = IoTransport.EPOLL.newGroup(2);
    }

    @AfterEach
    void shutdown() {
        for (EventLoopGroup group : new EventLoopGroup[] {phoneLoops, mockLoops}) {
            if (group != null) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }

    @Test
    void registersAndEchoesSrtpOverBoringSslWithBothEndsOnEpoll() throws Exception {
        assertEquals(IoTransport.EPOLL, ChannelTypes.transportOf(mockLoops));
        try (MockAsterisk pbx = MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER))
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .extension("600", DialplanApp.ECHO)
                .port(0)
                .eventLoopGroup(mockLoops)
                .build().start();
             Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                     .account("101", "pass101")
                     .serverHost("pbx.sip.test")
                     .serverAddress(pbx.address())
                     .trust(PKI.get(FixtureName.TEST_ROOT).certificate())
                     .tlsProvider(PhoneSettings.TlsProvider.BORINGSSL)
                     .build(), phoneLoops)) {
            TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
            assertTrue(tls.established(), () -> String.valueOf(tls.failure()));
            assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
            assertEquals(1, pbx.registrar().bindings().size());

            Call call = phone.call("600").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status());
            assertEquals("RTP/SAVP", call.mediaProfile());
            MediaStats media = call.sendMedia(ToneSource.milliwatt(G711.PCMU), Duration.ofSeconds(1))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(50, media.sent());
            assertEquals(50, media.verified());
            assertEquals(0, media.authFailures() + media.replays() + media.mismatched());
            assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
        }
    }
}
