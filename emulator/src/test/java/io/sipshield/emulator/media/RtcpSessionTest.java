package io.sipshield.emulator.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.rtp.RtcpCompound;
import io.sipshield.emulator.rtp.RtcpReportBlock;
import io.sipshield.emulator.rtp.RtpPacket;
import io.sipshield.emulator.srtp.SrtcpContext;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Reports both ways between two RTCP sessions, plain and as SRTCP (RFC 3550 §6.4, RFC 3711 §3.4). */
class RtcpSessionTest {

    private static final long MS = 1_000_000;
    private static final SrtpCryptoSuite SUITE = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final ReceptionStats aliceHears = new ReceptionStats(8000);
    private final ReceptionStats bobHears = new ReceptionStats(8000);

    private static void stream(ReceptionStats stats, long ssrc, int packets) {
        for (int i = 0; i < packets; i++) {
            stats.received(new RtpPacket(0, false, i, 160L * i, ssrc, new byte[160]), 20L * i * MS);
        }
    }

    @Test
    void senderReportsBothWaysGiveEachSideThePeersViewAndTheRoundTrip() {
        RtcpSession alice = new RtcpSession(0xA, "alice@test", aliceHears, null, null, clock, 8000);
        RtcpSession bob = new RtcpSession(0xB, "bob@test", bobHears, null, null, clock, 8000);
        for (int i = 0; i < 50; i++) {
            alice.rtpSent(1000 + 160L * i, 160, 20L * i * MS);
            bob.rtpSent(5000 + 160L * i, 160, 20L * i * MS);
        }
        stream(aliceHears, 0xB, 50);
        stream(bobHears, 0xA, 48); // two of alice's packets never arrive

        byte[] fromAlice = alice.nextReport(1000 * MS, false);
        RtcpCompound sr = RtcpCompound.decode(fromAlice);
        assertTrue(sr.isSenderReport());
        assertEquals(50, sr.senderInfo().packetCount());
        assertEquals(8000, sr.senderInfo().octetCount());
        assertEquals(1000 + 160L * 49 + 160, sr.senderInfo().rtpTimestamp(), "RTP time at sending: 20 ms after the last packet");
        assertEquals("alice@test", sr.cname());
        bob.received(fromAlice, 1010 * MS);

        clock.now = clock.now.plusMillis(50); // 10 ms there, 30 ms at bob, 10 ms back
        byte[] fromBob = bob.nextReport(1040 * MS, false);
        RtcpReportBlock aboutAlice = RtcpCompound.decode(fromBob).reportAbout(0xA).orElseThrow();
        assertEquals(0, aboutAlice.cumulativeLost(), "bob received 48 of 48 expected (the last two are beyond his highest)");
        assertEquals(30 * 65536 / 1000, aboutAlice.delaySinceLastSr());
        alice.received(fromBob, 1050 * MS);

        RtcpStats aliceStats = alice.stats();
        assertEquals(1, aliceStats.sent());
        assertEquals(1, aliceStats.received());
        assertEquals(aboutAlice, aliceStats.peerReport());
        assertNotNull(aliceStats.roundTrip());
        assertEquals(20, aliceStats.roundTrip().toMillis(), 1, "50 ms since the SR minus 30 ms held at bob");
        assertNull(bob.stats().roundTrip(), "bob has no report about his stream yet");
        assertFalse(aliceStats.peerLeft());
    }

    @Test
    void aSideThatHasStoppedSendingReportsWithAnRr() {
        RtcpSession alice = new RtcpSession(0xA, "alice", aliceHears, null, null, clock, 8000);
        alice.rtpSent(0, 160, 0);
        assertTrue(RtcpCompound.decode(alice.nextReport(MS, false)).isSenderReport());
        assertTrue(RtcpCompound.decode(alice.nextReport(2 * MS, false)).isSenderReport(), "a sender in the last two intervals");
        assertFalse(RtcpCompound.decode(alice.nextReport(3 * MS, false)).isSenderReport());
        assertTrue(RtcpCompound.decode(alice.nextReport(4 * MS, true)).bye());
    }

    @Test
    void srtcpBothWaysAndAWrongKeyIsRejected() {
        SecureRandom random = new SecureRandom();
        SrtpMasterKey aliceKey = SrtpMasterKey.random(SUITE, random);
        SrtpMasterKey bobKey = SrtpMasterKey.random(SUITE, random);
        RtcpSession alice = new RtcpSession(0xA, "alice", aliceHears, SrtcpContext.create(SUITE, aliceKey),
                SrtcpContext.create(SUITE, bobKey), clock, 8000);
        RtcpSession bob = new RtcpSession(0xB, "bob", bobHears, SrtcpContext.create(SUITE, bobKey),
                SrtcpContext.create(SUITE, aliceKey), clock, 8000);
        RtcpSession eve = new RtcpSession(0xE, "eve", new ReceptionStats(8000), SrtcpContext.create(SUITE, bobKey),
                SrtcpContext.create(SUITE, SrtpMasterKey.random(SUITE, random)), clock, 8000);

        byte[] srtcp = alice.nextReport(MS, true);
        assertThrows(IllegalArgumentException.class, () -> RtcpCompound.decode(srtcp), "encrypted on the wire");
        bob.received(srtcp, MS);
        assertEquals(1, bob.stats().received());
        assertTrue(bob.stats().peerLeft());

        eve.received(srtcp, MS);
        assertEquals(0, eve.stats().received());
        assertEquals(1, eve.stats().rejected());

        bob.received(new byte[] {(byte) 0x80, (byte) 0xC9, 0, 1}, MS);
        assertEquals(1, bob.stats().rejected(), "too short for SRTCP");
    }

    @Test
    void plainRtcpThatIsNotRtcpIsRejected() {
        RtcpSession alice = new RtcpSession(0xA, "alice", aliceHears, null, null, clock, 8000);
        alice.received(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, 0);
        assertEquals(1, alice.stats().rejected());
        assertNull(alice.stats().roundTrip());
    }

    @Test
    void srtcpOneWayOnlyIsRefused() {
        SrtcpContext one = SrtcpContext.create(SUITE, SrtpMasterKey.random(SUITE, new SecureRandom()));
        assertThrows(IllegalArgumentException.class,
                () -> new RtcpSession(1, "x", aliceHears, one, null, clock, 8000));
    }
}
