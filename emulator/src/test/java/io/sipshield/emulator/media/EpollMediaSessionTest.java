package io.sipshield.emulator.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.sipshield.emulator.net.IoTransport;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.emulator.sdp.CryptoAttribute;
import io.sipshield.emulator.sdp.SdesOutcome;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RTP ports and an SRTP media session pair on a native epoll group: the UDP sockets are
 * {@link EpollDatagramChannel}s (unconnected, each datagram addressed), and SRTP flows both ways on loopback.
 * Skipped where epoll cannot load; on Linux x86_64 it runs.
 */
@Timeout(30)
class EpollMediaSessionTest {

    private static final SrtpCryptoSuite SUITE = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EventLoopGroup loops;

    @BeforeEach
    void epollGroup() {
        assumeTrue(Epoll.isAvailable(), () -> "epoll unavailable: " + Epoll.unavailabilityCause());
        loops = IoTransport.EPOLL.newGroup(2);
    }

    @AfterEach
    void shutdown() {
        if (loops != null) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void rtpPortsBindEpollDatagramChannelsOnAnEvenPairOnAnEpollGroup() throws Exception {
        try (RtpPorts ports = RtpPorts.bind(loops, "127.0.0.1").get(5, TimeUnit.SECONDS)) {
            assertInstanceOf(EpollDatagramChannel.class, ports.rtp());
            assertInstanceOf(EpollDatagramChannel.class, ports.rtcp());
            int rtp = ((InetSocketAddress) ports.rtp().localAddress()).getPort();
            assertEquals(0, rtp % 2);
            assertEquals(rtp + 1, ((InetSocketAddress) ports.rtcp().localAddress()).getPort());
        }
    }

    @Test
    void srtpFlowsBothWaysBetweenSessionsOnEpoll() throws Exception {
        MediaOptions options = MediaOptions.builder().rtcpInterval(Duration.ofMillis(100)).cname("t@127.0.0.1")
                .build();
        try (MediaSession alice = MediaSession.open(loops, "127.0.0.1", options).get(5, TimeUnit.SECONDS);
             MediaSession bob = MediaSession.open(loops, "127.0.0.1", options).get(5, TimeUnit.SECONDS)) {
            CryptoAttribute aliceLine = CryptoAttribute.of(1, SUITE, SrtpMasterKey.random(SUITE, RANDOM));
            CryptoAttribute bobLine = CryptoAttribute.of(1, SUITE, SrtpMasterKey.random(SUITE, RANDOM));
            alice.start(MediaDestination.of(bob.localAddress()), new SdesOutcome.Srtp("RTP/SAVP", aliceLine, bobLine));
            bob.start(MediaDestination.of(alice.localAddress()), new SdesOutcome.Srtp("RTP/SAVP", bobLine, aliceLine));
            ToneDetector bobHearsTone = ToneDetector.builder().frequency(1000).build();
            bob.addSink(bobHearsTone);

            alice.send(ToneSource.milliwatt(G711.PCMU), Duration.ofMillis(600), Duration.ofMillis(300))
                    .get(10, TimeUnit.SECONDS);
            bob.send(ToneSource.builder().frequency(440).build(), Duration.ofMillis(600), Duration.ofMillis(300))
                    .get(10, TimeUnit.SECONDS);

            MediaStats atBob = bob.stats();
            MediaStats atAlice = alice.stats();
            assertEquals(30, atBob.received());
            assertEquals(30, atAlice.received());
            assertEquals(0, atBob.authFailures() + atBob.malformed() + atBob.replays());
            assertEquals(0, atAlice.authFailures() + atAlice.malformed() + atAlice.replays());
            assertTrue(bobHearsTone.report().present(), bobHearsTone.report().toString());
        }
    }
}
