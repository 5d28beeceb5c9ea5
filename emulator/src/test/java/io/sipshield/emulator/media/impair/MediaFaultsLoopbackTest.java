package io.sipshield.emulator.media.impair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.emulator.fault.Duplicate;
import io.sipshield.emulator.fault.MediaFault;
import io.sipshield.emulator.fault.PacketLoss;
import io.sipshield.emulator.fault.Reorder;
import io.sipshield.emulator.fault.ReplaySrtp;
import io.sipshield.emulator.fault.RocWrap;
import io.sipshield.emulator.fault.TamperSrtp;
import io.sipshield.emulator.media.MediaDestination;
import io.sipshield.emulator.media.MediaOptions;
import io.sipshield.emulator.media.MediaSession;
import io.sipshield.emulator.media.MediaSink;
import io.sipshield.emulator.media.MediaStats;
import io.sipshield.emulator.rtp.MediaSource;
import io.sipshield.emulator.rtp.RtpPacket;
import io.sipshield.emulator.sdp.CryptoAttribute;
import io.sipshield.emulator.sdp.SdesOutcome;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Media faults between two media sessions on loopback UDP with real SRTP (AES_CM_128_HMAC_SHA1_80):
 * the receiver's counts equal the impairment's own tally, exactly, and nothing is played twice or
 * played tampered (issue 11).
 */
@Timeout(60)
class MediaFaultsLoopbackTest {

    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private static final SrtpCryptoSuite SUITE = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
    private static final SecureRandom RANDOM = new SecureRandom();

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Frames numbered 0, 1, 2... in their first four bytes, so each played frame names itself. */
    private static final class NumberedFrames implements MediaSource {
        private int next;

        @Override
        public byte[] nextFrame() {
            byte[] frame = new byte[SAMPLES_PER_FRAME];
            java.util.Arrays.fill(frame, (byte) 0x55);
            ByteBuffer.wrap(frame).putInt(next++);
            return frame;
        }
    }

    /** Every frame played, by number, and the sequence numbers in arrival order. */
    private static final class Played implements MediaSink {
        final List<Integer> frames = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> sequences = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void received(RtpPacket packet, long arrivalNanos) {
            frames.add(ByteBuffer.wrap(packet.payload()).getInt());
            sequences.add(packet.sequenceNumber());
        }

        Set<Integer> distinct() {
            synchronized (frames) {
                return new HashSet<>(frames);
            }
        }
    }

    private static MediaSession open(MediaFault... faults) throws Exception {
        MediaOptions options = MediaOptions.builder().rtcpInterval(Duration.ofSeconds(5)).cname("t@127.0.0.1")
                .faults(MediaFaults.of(faults)).build();
        return MediaSession.open(LOOPS, "127.0.0.1", options).get(5, TimeUnit.SECONDS);
    }

    private static void connect(MediaSession alice, MediaSession bob) {
        CryptoAttribute aliceLine = CryptoAttribute.of(1, SUITE, SrtpMasterKey.random(SUITE, RANDOM));
        CryptoAttribute bobLine = CryptoAttribute.of(1, SUITE, SrtpMasterKey.random(SUITE, RANDOM));
        alice.start(MediaDestination.of(bob.localAddress()), new SdesOutcome.Srtp("RTP/SAVP", aliceLine, bobLine));
        bob.start(MediaDestination.of(alice.localAddress()), new SdesOutcome.Srtp("RTP/SAVP", bobLine, aliceLine));
    }

    private static MediaStats send(MediaSession from, int frames) throws Exception {
        return from.send(new NumberedFrames(), Duration.ofMillis(20L * frames), Duration.ofMillis(50))
                .get(20, TimeUnit.SECONDS);
    }

    /** Waits until every datagram the impairment delivered has been counted by the receiver. */
    private static void settle(MediaSession receiver, long sent) throws InterruptedException {
        await(() -> {
            ImpairmentTally tally = receiver.impairment();
            return tally.arrived() == sent && tally.inFlight() == 0
                    && receiver.stats().received() == tally.forwarded() + tally.tampered() + tally.copies();
        });
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void lossReorderingAndDuplicationAreCountedExactlyWithoutAuthenticationFailures() throws Exception {
        try (MediaSession alice = open();
             MediaSession bob = open(new PacketLoss(5, 7), new Reorder(5, 3, 8), new Duplicate(5, 9))) {
            connect(alice, bob);
            Played played = new Played();
            bob.addSink(played);
            assertEquals(150, send(alice, 150).sent());
            settle(bob, 150);

            ImpairmentTally tally = bob.impairment();
            MediaStats atBob = bob.stats();
            assertTrue(tally.dropped() > 0 && tally.late() > 0 && tally.duplicated() > 0,
                    "the seeds make every fault happen: " + tally.describe());
            assertEquals(0, atBob.authFailures(), "loss, reordering and copies are no authentication failures");
            assertEquals(0, atBob.malformed());
            assertEquals(tally.lost(), atBob.lost(), "lost");
            assertEquals(tally.late(), atBob.reordered(), "reordered");
            assertEquals(tally.copies(), atBob.replays(), "SRTP refuses each copy as a replay (RFC 3711 §3.3.2)");
            assertEquals(0, atBob.duplicates(), "no copy gets past SRTP to be counted or played");
            assertEquals(tally.forwarded(), played.frames.size(), "every frame that got through is played");
            assertEquals(played.frames.size(), played.distinct().size(), "and none twice");
        }
    }

    @Test
    void tamperedPacketsAreAuthenticationFailuresAndNeverPlayed() throws Exception {
        try (MediaSession alice = open(); MediaSession bob = open(new TamperSrtp(10))) {
            connect(alice, bob);
            Played played = new Played();
            bob.addSink(played);
            send(alice, 50);
            settle(bob, 50);

            assertEquals(4, bob.impairment().tampered(), "packets 10, 20, 30, 40");
            assertEquals(4, bob.stats().authFailures());
            assertEquals(46, played.frames.size());
            for (int tampered : List.of(10, 20, 30, 40)) {
                assertTrue(!played.frames.contains(tampered), "frame " + tampered + " is never played");
            }
            assertEquals(4, bob.stats().lost(), "a refused packet is missing from the stream");
        }
    }

    @ParameterizedTest(name = "copy {0} packets later")
    @ValueSource(ints = {5, 70})
    void replayedPacketsAreCountedAndNeverPlayedTwice(int lag) throws Exception {
        try (MediaSession alice = open(); MediaSession bob = open(new ReplaySrtp(10, lag))) {
            connect(alice, bob);
            Played played = new Played();
            bob.addSink(played);
            send(alice, 100);
            settle(bob, 100);

            assertEquals(9, bob.impairment().replayed(), "copies of packets 10, 20, ... 90");
            assertEquals(9, bob.stats().replays(), "in the window a replay, behind it too old: both refused");
            assertEquals(0, bob.stats().authFailures());
            assertEquals(100, played.frames.size());
            assertEquals(100, played.distinct().size(), "each frame played once");
        }
    }

    @Test
    void theRolloverCounterFollowsTheSequenceWrapInBothDirections() throws Exception {
        try (MediaSession alice = open(new RocWrap(50)); MediaSession bob = open(new RocWrap(50))) {
            connect(alice, bob);
            Played atAlice = new Played();
            Played atBob = new Played();
            alice.addSink(atAlice);
            bob.addSink(atBob);
            var fromAlice = alice.send(new NumberedFrames(), Duration.ofMillis(2000), Duration.ofMillis(300));
            var fromBob = bob.send(new NumberedFrames(), Duration.ofMillis(2000), Duration.ofMillis(300));
            fromAlice.get(20, TimeUnit.SECONDS);
            fromBob.get(20, TimeUnit.SECONDS);
            await(() -> alice.stats().received() == 100 && bob.stats().received() == 100);

            for (Played played : List.of(atAlice, atBob)) {
                assertEquals(65_486, played.sequences.get(0), "the sender starts 50 below the wrap");
                assertEquals(0, played.sequences.get(50), "packet 51 carries sequence 0: ROC 1");
                assertEquals(49, played.sequences.get(99));
                assertEquals(100, played.distinct().size(), "all 100 packets decrypt, 50 of them after the wrap");
            }
            for (MediaSession side : List.of(alice, bob)) {
                MediaStats stats = side.stats();
                assertEquals(0, stats.authFailures() + stats.replays() + stats.malformed(), stats.toString());
                assertEquals(0, stats.lost(), "the receiver extends the sequence across the wrap (RFC 3550 A.1)");
                assertEquals(0, stats.reordered());
            }
        }
    }
}
