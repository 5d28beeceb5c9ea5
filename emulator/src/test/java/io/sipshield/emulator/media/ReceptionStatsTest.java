package io.sipshield.emulator.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sipshield.emulator.rtp.RtcpReportBlock;
import io.sipshield.emulator.rtp.RtpPacket;
import org.junit.jupiter.api.Test;

/** Loss, duplicates, reordering and jitter of an incoming stream (RFC 3550 A.1, A.3, A.8). */
class ReceptionStatsTest {

    private static final long MS = 1_000_000;

    private final ReceptionStats stats = new ReceptionStats(8000);

    /** Packet {@code seq} with the timestamp of a 20 ms stream, arriving at {@code arrivalMillis}. */
    private void receive(int seq, long arrivalMillis) {
        receive(0x1234, seq, arrivalMillis);
    }

    private void receive(long ssrc, int seq, long arrivalMillis) {
        long timestamp = (1000 + 160L * seq) & 0xFFFF_FFFFL;
        stats.received(new RtpPacket(0, false, seq & 0xFFFF, timestamp, ssrc, new byte[160]), arrivalMillis * MS);
    }

    @Test
    void anEvenStreamHasNoLossAndNoJitter() {
        for (int i = 0; i < 50; i++) {
            receive(100 + i, 20L * i);
        }
        ReceptionStats.Snapshot s = stats.snapshot();
        assertEquals(50, s.received());
        assertEquals(50, s.expected());
        assertEquals(0, s.lost());
        assertEquals(0, s.duplicates());
        assertEquals(0, s.reordered());
        assertEquals(0.0, s.jitterMillis(), 1e-9);
    }

    @Test
    void lossDuplicatesAndReorderingAreTold() {
        receive(1, 0);
        receive(2, 20);
        receive(4, 60); // 3 is late
        receive(3, 61);
        receive(4, 62); // again
        receive(7, 120); // 5 and 6 lost
        ReceptionStats.Snapshot s = stats.snapshot();
        assertEquals(7, s.expected());
        assertEquals(5, s.received());
        assertEquals(2, s.lost());
        assertEquals(1, s.duplicates());
        assertEquals(1, s.reordered());
    }

    @Test
    void sequenceNumbersWrapIntoTheNextCycle() {
        for (int seq = 65530; seq < 65530 + 12; seq++) {
            receive(seq, seq - 65530);
        }
        ReceptionStats.Snapshot s = stats.snapshot();
        assertEquals(12, s.expected());
        assertEquals(0, s.lost());
        assertEquals(0x1_0005L, stats.reportBlock(0, 0).highestSequence(), "one cycle, sequence 5");
    }

    @Test
    void jitterFollowsTheRfc3550Estimator() {
        // packets 20 ms apart in RTP time, arriving alternately 0 and 10 ms late: |D| = 80 units each time
        double expected = 0;
        for (int i = 0; i < 20; i++) {
            receive(i, 20L * i + (i % 2 == 1 ? 10 : 0));
            if (i > 0) {
                expected += (80 - expected) / 16;
            }
        }
        assertEquals(expected / 8.0, stats.snapshot().jitterMillis(), 1e-6);
        assertEquals((long) expected, stats.reportBlock(0, 0).jitter());
    }

    @Test
    void reportBlocksCountFractionLostPerInterval() {
        assertNull(stats.reportBlock(0, 0), "nothing received yet");
        for (int i = 0; i < 8; i++) {
            if (i != 3 && i != 5) {
                receive(i, 20L * i);
            }
        }
        RtcpReportBlock first = stats.reportBlock(0x11223344L, 65536);
        assertEquals(0x1234, first.ssrc());
        assertEquals(2 * 256 / 8, first.fractionLost());
        assertEquals(2, first.cumulativeLost());
        assertEquals(7, first.highestSequence());
        assertEquals(0x11223344L, first.lastSr());
        assertEquals(65536, first.delaySinceLastSr());
        for (int i = 8; i < 16; i++) {
            receive(i, 20L * i);
        }
        RtcpReportBlock second = stats.reportBlock(0, 0);
        assertEquals(0, second.fractionLost(), "nothing lost since the last block");
        assertEquals(2, second.cumulativeLost());
    }

    @Test
    void aNewSsrcStartsOver() {
        receive(1, 0);
        receive(3, 40);
        receive(0x9999, 500, 60);
        ReceptionStats.Snapshot s = stats.snapshot();
        assertEquals(0x9999, s.ssrc());
        assertEquals(1, s.received());
        assertEquals(0, s.lost());
        assertEquals(1, s.ssrcChanges());
    }
}
