package io.sipshield.emulator.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RtpPacketizerTest {

    @Test
    void successivePacketsAddOneToSequenceAnd160ToTimestamp() {
        RtpPacketizer packetizer = RtpPacketizer.builder().ssrc(0xDEADBEEFL).payloadType(8)
                .initialSequenceNumber(100).initialTimestamp(5000).build();
        byte[] payload = new byte[160];
        RtpPacket first = packetizer.next(payload);
        RtpPacket second = packetizer.next(payload, true);
        assertEquals(new RtpPacket(8, false, 100, 5000, 0xDEADBEEFL, payload), first);
        assertEquals(new RtpPacket(8, true, 101, 5160, 0xDEADBEEFL, payload), second);
        assertSame(payload, second.payload());
        assertEquals(102, packetizer.nextSequenceNumber());
        assertEquals(5320, packetizer.nextTimestamp());
    }

    @Test
    void sequenceAndTimestampWrap() {
        RtpPacketizer packetizer = RtpPacketizer.builder().ssrc(1).initialSequenceNumber(65535)
                .initialTimestamp(0xFFFF_FFFFL - 100).build();
        packetizer.next(new byte[0]);
        RtpPacket wrapped = packetizer.next(new byte[0]);
        assertEquals(0, wrapped.sequenceNumber());
        assertEquals(59, wrapped.timestamp());
    }

    @Test
    void unsetFieldsComeFromTheRandomSource() {
        RtpPacket a = RtpPacketizer.builder().random(new Random(7)).build().next(new byte[0]);
        RtpPacket b = RtpPacketizer.builder().random(new Random(7)).build().next(new byte[0]);
        RtpPacket c = RtpPacketizer.builder().random(new Random(8)).build().next(new byte[0]);
        assertEquals(a, b, "same seed, same stream");
        assertFalse(a.ssrc() == c.ssrc() && a.sequenceNumber() == c.sequenceNumber());
        assertEquals(0, a.payloadType(), "PCMU by default");
    }

    @Test
    void constructorTakesSsrcPayloadTypeAndRandomStart() {
        RtpPacketizer packetizer = new RtpPacketizer(42, 8, new Random(3));
        assertEquals(42, packetizer.ssrc());
        assertEquals(8, packetizer.payloadType());
        assertTrue(packetizer.nextSequenceNumber() >= 0 && packetizer.nextSequenceNumber() <= 65535);
    }

    @Test
    void badSettingsAreRejectedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RtpPacketizer.builder().ssrc(1L << 32))
                .getMessage().startsWith("ssrc:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RtpPacketizer.builder().payloadType(128))
                .getMessage().startsWith("payloadType:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RtpPacketizer.builder().initialSequenceNumber(70_000)).getMessage()
                .startsWith("initialSequenceNumber:"));
    }
}
