package io.sipshield.emulator.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtpPacketTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesTheFixedHeaderBitForBit() {
        RtpPacket packet = new RtpPacket(8, true, 0xBEEF, 0xFEDCBA98L, 0xCAFEBABEL, new byte[] {1, 2, 3});
        assertEquals("80" + "88" + "beef" + "fedcba98" + "cafebabe" + "010203", HEX.formatHex(packet.encode()));
    }

    @Test
    void decodeReversesEncode() {
        RtpPacket packet = new RtpPacket(0, false, 65535, 4_294_967_295L, 0, new byte[160]);
        assertEquals(packet, RtpPacket.decode(packet.encode()));
    }

    @Test
    void decodeSkipsCsrcsAndExtensionAndDropsPadding() {
        byte[] wire = HEX.parseHex("b2" + "e0" + "0007" + "00000100" + "01020304" // V=2 P=1 X=1 CC=2, M, PT 96
                + "aaaaaaaa" + "bbbbbbbb" + "bede0001" + "10111213" + "c0ffee" + "000003");
        RtpPacket packet = RtpPacket.decode(wire);
        assertEquals(96, packet.payloadType());
        assertTrue(packet.marker());
        assertEquals(7, packet.sequenceNumber());
        assertEquals(256, packet.timestamp());
        assertEquals(0x01020304L, packet.ssrc());
        assertArrayEquals(HEX.parseHex("c0ffee"), packet.payload());
    }

    @Test
    void decodeReadsFromAnOffset() {
        byte[] wire = new RtpPacket(0, false, 1, 2, 3, new byte[] {9}).encode();
        byte[] framed = new byte[wire.length + 4];
        System.arraycopy(wire, 0, framed, 2, wire.length);
        assertEquals(RtpPacket.decode(wire), RtpPacket.decode(framed, 2, wire.length));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "8000000100000000000000, shorter than the 12-byte header",
        "400000010000000000000000, version 1",
        "830000010000000000000000aaaaaaaa, 3 CSRCs need 24 bytes",
        "900000010000000000000000, no room for the extension header",
        "900000010000000000000000bede0002aaaaaaaa, header extension of 2 words runs past the end",
        "a00000010000000000000000cc00, padding count 0",
        "a00000010000000000000000cc05, padding count 5 does not fit",
    })
    void malformedPacketsSayWhy(String hex, String reason) {
        byte[] wire = HEX.parseHex(hex);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RtpPacket.decode(wire));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void constructorRejectsOutOfRangeFields() {
        byte[] p = new byte[0];
        assertThrows(IllegalArgumentException.class, () -> new RtpPacket(128, false, 0, 0, 0, p));
        assertThrows(IllegalArgumentException.class, () -> new RtpPacket(0, false, 65536, 0, 0, p));
        assertThrows(IllegalArgumentException.class, () -> new RtpPacket(0, false, 0, 1L << 32, 0, p));
        assertThrows(IllegalArgumentException.class, () -> new RtpPacket(0, false, 0, 0, -1, p));
        assertThrows(NullPointerException.class, () -> new RtpPacket(0, false, 0, 0, 0, null));
    }

    @Test
    void equalityComparesPayloadContent() {
        assertEquals(new RtpPacket(0, false, 1, 2, 3, new byte[] {4}), new RtpPacket(0, false, 1, 2, 3, new byte[] {4}));
        assertEquals(new RtpPacket(0, false, 1, 2, 3, new byte[] {4}).hashCode(),
                new RtpPacket(0, false, 1, 2, 3, new byte[] {4}).hashCode());
        assertFalse(new RtpPacket(0, false, 1, 2, 3, new byte[] {4}).equals(new RtpPacket(0, false, 1, 2, 3, new byte[] {5})));
    }
}
