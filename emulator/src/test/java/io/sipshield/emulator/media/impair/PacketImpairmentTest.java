package io.sipshield.emulator.media.impair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.fault.Duplicate;
import io.sipshield.emulator.fault.PacketLoss;
import io.sipshield.emulator.fault.Reorder;
import io.sipshield.emulator.fault.ReplaySrtp;
import io.sipshield.emulator.fault.RocWrap;
import io.sipshield.emulator.fault.TamperSrtp;
import io.sipshield.emulator.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The impairment alone, without sockets: what it delivers, in which order, and its tally. */
class PacketImpairmentTest {

    private static byte[] rtp(int sequence) {
        return new RtpPacket(0, false, sequence, sequence * 160L, 0x1234, new byte[] {(byte) sequence, 1, 2, 3}).encode();
    }

    private static int sequence(byte[] datagram) {
        return RtpPacket.decode(datagram).sequenceNumber();
    }

    /** Feeds {@code count} packets with sequence numbers 0.. and flushes; returns the sequence numbers delivered. */
    private static List<byte[]> run(PacketImpairment impairment, int count) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            impairment.arrive(rtp(i), out::add);
        }
        impairment.flush(out::add);
        assertFalse(impairment.holding());
        return out;
    }

    /** The receiver's view (RFC 3550 A.1/A.3 on one stream, no wrap): counts it would make. */
    private record Seen(long received, long late, long copies, long lost) {
        static Seen of(List<byte[]> delivered) {
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            int highest = -1;
            long late = 0;
            long copies = 0;
            for (byte[] datagram : delivered) {
                int seq = sequence(datagram);
                if (!seen.add(seq)) {
                    copies++;
                } else if (seq < highest) {
                    late++;
                } else {
                    highest = seq;
                }
            }
            return new Seen(seen.size(), late, copies, highest + 1L - seen.size());
        }
    }

    @Test
    void lossReorderAndDuplicationAreCountedAsAReceiverCountsThem() {
        PacketImpairment impairment = new PacketImpairment(MediaFaults.of(new PacketLoss(5, 11), new Reorder(5, 3, 12),
                new Duplicate(5, 13)));
        List<byte[]> delivered = run(impairment, 2000);
        ImpairmentTally tally = impairment.tally();
        Seen seen = Seen.of(delivered);
        assertEquals(2000, tally.arrived());
        assertEquals(seen.received(), tally.forwarded());
        assertEquals(seen.late(), tally.late());
        assertEquals(seen.copies(), tally.duplicated());
        assertEquals(seen.lost(), tally.lost());
        assertEquals(tally.arrived(), tally.forwarded() + tally.dropped());
        // 5 % of 2000 with a fixed seed: about 100 each, never none
        assertTrue(tally.dropped() > 50 && tally.dropped() < 150, tally.describe());
        assertTrue(tally.late() > 50 && tally.late() < 150, tally.describe());
        assertTrue(tally.duplicated() > 50 && tally.duplicated() < 150, tally.describe());
    }

    @Test
    void theSameSeedsMakeTheSameDecisions() {
        MediaFaults faults = MediaFaults.of(new PacketLoss(5, 1), new Reorder(10, 4, 2), new Duplicate(5, 3));
        List<byte[]> first = run(new PacketImpairment(faults), 500);
        List<byte[]> second = run(new PacketImpairment(faults), 500);
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), second.get(i));
        }
        List<Integer> seedOne = run(new PacketImpairment(MediaFaults.of(new PacketLoss(5, 1))), 500).stream()
                .map(PacketImpairmentTest::sequence).toList();
        List<Integer> seedTwo = run(new PacketImpairment(MediaFaults.of(new PacketLoss(5, 2))), 500).stream()
                .map(PacketImpairmentTest::sequence).toList();
        assertNotEquals(seedOne, seedTwo, "another seed drops other packets");
    }

    @Test
    void aHeldPacketIsOvertakenByAtMostDepthPackets() {
        PacketImpairment impairment = new PacketImpairment(MediaFaults.of(new Reorder(30, 2, 5)));
        List<byte[]> delivered = run(impairment, 300);
        for (int position = 0; position < delivered.size(); position++) {
            int seq = sequence(delivered.get(position));
            int overtaken = 0;
            for (int before = 0; before < position; before++) {
                if (sequence(delivered.get(before)) > seq) {
                    overtaken++;
                }
            }
            assertTrue(overtaken <= 2 * 2, "packet " + seq + " overtaken by " + overtaken);
        }
        assertEquals(300, delivered.size(), "reordering loses nothing");
    }

    @Test
    void theFirstPacketAlwaysPassesUntouched() {
        PacketImpairment impairment = new PacketImpairment(MediaFaults.of(new PacketLoss(100, 1), new TamperSrtp(1)));
        List<byte[]> delivered = run(impairment, 10);
        assertEquals(1, delivered.size());
        assertArrayEquals(rtp(0), delivered.get(0));
        assertEquals(9, impairment.tally().dropped());
        assertEquals(0, impairment.tally().lost(), "a receiver cannot see loss after its last packet");
    }

    @Test
    void tamperingFlipsOnePayloadBitOfEveryNthPacket() {
        PacketImpairment impairment = new PacketImpairment(MediaFaults.of(new TamperSrtp(4)));
        List<byte[]> delivered = run(impairment, 12);
        assertEquals(12, delivered.size());
        for (int i = 0; i < 12; i++) {
            byte[] original = rtp(i);
            boolean tampered = i > 0 && i % 4 == 0;
            assertEquals(tampered, !java.util.Arrays.equals(original, delivered.get(i)), "packet " + i);
            if (tampered) {
                assertEquals(original[12] ^ 1, delivered.get(i)[12], "the first payload byte's lowest bit");
            }
        }
        ImpairmentTally tally = impairment.tally();
        assertEquals(2, tally.tampered());
        assertEquals(2, tally.lost(), "a tampered packet is lost to the receiver");
    }

    @Test
    void replaysComeLagPacketsLaterAndNeverOfATamperedPacket() {
        PacketImpairment impairment = new PacketImpairment(MediaFaults.of(new ReplaySrtp(5, 3), new TamperSrtp(10)));
        List<byte[]> delivered = run(impairment, 20);
        List<Integer> order = delivered.stream().map(PacketImpairmentTest::sequence).toList();
        // packet 5 is replayed after 6, 7, 8; 10 is tampered, so not replayed; 15 after 16, 17, 18
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 5, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 15, 19), order);
        assertEquals(2, impairment.tally().replayed());
        assertEquals(1, impairment.tally().tampered());
    }

    @Test
    void rtcpAndNonRtpPassUncounted() {
        PacketImpairment impairment = new PacketImpairment(MediaFaults.of(new PacketLoss(100, 1)));
        byte[] rtcp = {(byte) 0x80, (byte) 200, 0, 6, 0, 0, 0, 1, 0, 0, 0, 0};
        byte[] stun = new byte[20];
        List<byte[]> out = new ArrayList<>();
        impairment.arrive(rtcp, out::add);
        impairment.arrive(stun, out::add);
        assertEquals(List.of(rtcp, stun), out);
        assertEquals(ImpairmentTally.NONE, impairment.tally());
        assertFalse(PacketImpairment.isRtp(rtcp));
        assertTrue(PacketImpairment.isRtp(rtp(1)));
    }

    @Test
    void eachMediaFaultIsGivenAtMostOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MediaFaults.of(new PacketLoss(5, 1), new PacketLoss(10, 2)));
        assertEquals("media faults: packet-loss is given twice; give each media fault at most once", e.getMessage());
        assertFalse(MediaFaults.of(new RocWrap(10)).impairsDelivery(), "a wrap is the sender's, not the network's");
        assertTrue(MediaFaults.of(new RocWrap(10), new Duplicate(1, 1)).impairsDelivery());
        assertTrue(MediaFaults.NONE.none());
    }
}
