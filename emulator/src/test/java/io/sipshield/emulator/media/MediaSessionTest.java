package io.sipshield.emulator.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.emulator.sdp.CryptoAttribute;
import io.sipshield.emulator.sdp.SdesOutcome;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two media sessions on loopback sending to each other: SRTP and SRTCP, plain RTP, rtcp-mux. */
@Timeout(30)
class MediaSessionTest {

    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private static final SrtpCryptoSuite SUITE = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
    private static final SecureRandom RANDOM = new SecureRandom();

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static MediaSession open(boolean mux) throws Exception {
        MediaOptions options = MediaOptions.builder().rtcpInterval(Duration.ofMillis(100)).rtcpMux(mux).cname("t@127.0.0.1")
                .build();
        return MediaSession.open(LOOPS, "127.0.0.1", options).get(5, TimeUnit.SECONDS);
    }

    private static MediaDestination toward(MediaSession peer, boolean mux) {
        return mux ? new MediaDestination(peer.localAddress(), peer.localAddress(), true)
                : MediaDestination.of(peer.localAddress());
    }

    private static CryptoAttribute line(SrtpMasterKey key) {
        return CryptoAttribute.of(1, SUITE, key);
    }

    @ParameterizedTest(name = "rtcp-mux {0}")
    @ValueSource(booleans = {false, true})
    void srtpAndSrtcpBothWays(boolean mux) throws Exception {
        try (MediaSession alice = open(mux); MediaSession bob = open(mux)) {
            assertEquals(0, alice.localAddress().getPort() % 2, "RTP on an even port");
            assertEquals(alice.localAddress().getPort() + 1, alice.rtcpAddress().getPort());
            CryptoAttribute aliceLine = line(SrtpMasterKey.random(SUITE, RANDOM));
            CryptoAttribute bobLine = line(SrtpMasterKey.random(SUITE, RANDOM));
            alice.start(toward(bob, mux), new SdesOutcome.Srtp("RTP/SAVP", aliceLine, bobLine));
            bob.start(toward(alice, mux), new SdesOutcome.Srtp("RTP/SAVP", bobLine, aliceLine));
            ToneDetector bobHearsTone = ToneDetector.builder().frequency(1000).build();
            WavRecorder bobRecords = new WavRecorder();
            bob.addSink(bobHearsTone);
            bob.addSink(bobRecords);

            CompletableFuture<MediaStats> fromAlice = alice.send(ToneSource.milliwatt(G711.PCMU), Duration.ofMillis(600),
                    Duration.ofMillis(300));
            CompletableFuture<MediaStats> fromBob = bob.send(ToneSource.builder().frequency(440).build(),
                    Duration.ofMillis(600), Duration.ofMillis(300));
            fromAlice.get(10, TimeUnit.SECONDS);
            fromBob.get(10, TimeUnit.SECONDS);
            awaitRtcp(alice, bob);

            MediaStats atBob = bob.stats();
            assertEquals(30, atBob.received());
            assertEquals(0, atBob.authFailures() + atBob.malformed() + atBob.replays());
            assertEquals(0, atBob.lost());
            assertEquals(0, atBob.duplicates());
            assertTrue(atBob.jitterMillis() < 20, "loopback jitter " + atBob.jitterMillis());
            assertTrue(bobHearsTone.report().present(), bobHearsTone.report().toString());
            assertEquals(30 * 160, bobRecords.samples().length);

            RtcpStats aliceRtcp = alice.stats().rtcp();
            assertTrue(aliceRtcp.sent() > 0 && aliceRtcp.received() > 0, aliceRtcp.toString());
            assertEquals(0, aliceRtcp.rejected());
            assertNotNull(aliceRtcp.peerReport(), "bob reports on alice's stream");
            assertEquals(alice.ssrc(), aliceRtcp.peerReport().ssrc());
        }
    }

    /** Waits (up to 3 s) until both sides have received a report block about their own stream. */
    private static void awaitRtcp(MediaSession... sessions) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (MediaSession session : sessions) {
            while (session.stats().rtcp().peerReport() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
    }

    @Test
    void sessionsOnSharedFrameClocksRunOnOneClockPerLoopAndEachSendsEveryFrame() throws Exception {
        FrameClocks clocks = new FrameClocks();
        EventLoopGroup oneLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            MediaOptions options = MediaOptions.builder().cname("t@127.0.0.1").frameClocks(clocks).build();
            List<MediaSession> sessions = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sessions.add(MediaSession.open(oneLoop, "127.0.0.1", options).get(5, TimeUnit.SECONDS));
            }
            try (MediaSession sink = open(false)) {
                sink.startPlain(MediaDestination.of(sessions.get(0).localAddress()));
                List<CompletableFuture<MediaStats>> sends = new ArrayList<>();
                for (MediaSession session : sessions) {
                    session.startPlain(MediaDestination.of(sink.localAddress()));
                    sends.add(session.send(ToneSource.milliwatt(G711.PCMU), Duration.ofMillis(400), Duration.ZERO));
                }
                for (CompletableFuture<MediaStats> send : sends) {
                    assertEquals(20, send.get(10, TimeUnit.SECONDS).sent(), "20 frames of 20 ms each");
                }
                assertEquals(1, clocks.size(), "four sessions on one event loop share one clock");
                FrameClock clock = clocks.on(oneLoop.next());
                long ticks = oneLoop.next().submit(clock::ticks).get(5, TimeUnit.SECONDS);
                // one timer for all four: about 21 ticks (20 frames and the drain check), not 4 x 21
                assertTrue(ticks >= 20 && ticks < 40, "ticks " + ticks);
            } finally {
                sessions.forEach(MediaSession::close);
            }
        } finally {
            oneLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void plainRtpAndRtcp() throws Exception {
        try (MediaSession alice = open(false); MediaSession bob = open(false)) {
            alice.startPlain(toward(bob, false));
            bob.startPlain(toward(alice, false));
            assertThrows(IllegalStateException.class, () -> bob.startPlain(toward(alice, false)), "started once");
            alice.send(ToneSource.milliwatt(G711.PCMU), Duration.ofMillis(400), Duration.ofMillis(200)).get(10, TimeUnit.SECONDS);
            awaitRtcp(alice);
            assertEquals(20, bob.stats().received());
            MediaTimeline sentByAlice = alice.timeline();
            MediaTimeline atBob = bob.timeline();
            assertEquals(20, sentByAlice.sent(), "every packet alice sent is in a bucket");
            assertEquals(20, atBob.received());
            assertTrue(sentByAlice.buckets().size() >= 4, "400 ms of media in 100 ms buckets: " + sentByAlice);
            assertEquals(0, atBob.buckets().stream().mapToLong(MediaTimeline.Bucket::lost).sum());
            assertTrue(bob.stats().rtcp().received() > 0, "alice's sender reports");
            assertEquals(alice.ssrc(), alice.stats().rtcp().peerReport().ssrc(), "bob's receiver report on alice's stream");
            assertEquals(0, alice.stats().rtcp().peerReport().cumulativeLost());
        }
    }

    @Test
    void aSessionWhoseOptionsKeepNoBucketsRecordsNoTimeline() throws Exception {
        MediaOptions off = MediaOptions.builder().cname("t@127.0.0.1").timeline(Duration.ofMillis(100), 0).build();
        try (MediaSession alice = MediaSession.open(LOOPS, "127.0.0.1", off).get(5, TimeUnit.SECONDS);
             MediaSession bob = open(false)) {
            alice.startPlain(toward(bob, false));
            bob.startPlain(toward(alice, false));
            alice.send(ToneSource.milliwatt(G711.PCMU), Duration.ofMillis(100), Duration.ofMillis(100)).get(10, TimeUnit.SECONDS);
            assertEquals(5, alice.stats().sent());
            assertTrue(alice.timeline().isEmpty());
            assertTrue(alice.timeline().truncated(), "the packets were left out, not absent");
        }
    }

    @Test
    void aWrongKeyIsCountedAsAuthenticationFailuresForRtpAndRtcp() throws Exception {
        try (MediaSession alice = open(false); MediaSession bob = open(false)) {
            CryptoAttribute aliceLine = line(SrtpMasterKey.random(SUITE, RANDOM));
            CryptoAttribute bobLine = line(SrtpMasterKey.random(SUITE, RANDOM));
            CryptoAttribute wrong = line(SrtpMasterKey.random(SUITE, RANDOM));
            alice.start(toward(bob, false), new SdesOutcome.Srtp("RTP/SAVP", aliceLine, bobLine));
            bob.start(toward(alice, false), new SdesOutcome.Srtp("RTP/SAVP", bobLine, wrong));
            alice.send(ToneSource.milliwatt(G711.PCMU), Duration.ofMillis(400), Duration.ofMillis(200)).get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (bob.stats().rtcp().rejected() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            MediaStats atBob = bob.stats();
            assertEquals(20, atBob.authFailures());
            assertEquals(20, bob.timeline().buckets().stream().mapToLong(MediaTimeline.Bucket::authFailures).sum());
            assertEquals(0, atBob.verified() + atBob.mismatched());
            assertTrue(atBob.rtcp().rejected() > 0, atBob.rtcp().toString());
            assertEquals(0, atBob.rtcp().received());
        }
    }
}
