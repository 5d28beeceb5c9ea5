package io.sipshield.emulator.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class G711Test {

    @Test
    void muLawKnownCodes() {
        assertEquals((byte) 0xFF, G711.PCMU.encode(0));
        assertEquals((byte) 0x80, G711.PCMU.encode(32767));
        assertEquals((byte) 0x00, G711.PCMU.encode(-32768));
        assertEquals((byte) 0x7F, G711.PCMU.encode(-1));
        assertEquals(32124, G711.PCMU.decode((byte) 0x80));
        assertEquals(-32124, G711.PCMU.decode((byte) 0x00));
        assertEquals(0, G711.PCMU.decode((byte) 0xFF));
        assertEquals(0, G711.PCMU.decode((byte) 0x7F));
        assertEquals(-8828, G711.PCMU.decode((byte) 0x1E)); // digital milliwatt codes
        assertEquals(20860, G711.PCMU.decode((byte) 0x8B));
    }

    @Test
    void aLawKnownCodes() {
        assertEquals((byte) 0xD5, G711.PCMA.encode(0));
        assertEquals((byte) 0x55, G711.PCMA.encode(-1));
        assertEquals((byte) 0xAA, G711.PCMA.encode(32767));
        assertEquals((byte) 0x2A, G711.PCMA.encode(-32768));
        assertEquals(8, G711.PCMA.decode((byte) 0xD5));
        assertEquals(-8, G711.PCMA.decode((byte) 0x55));
        assertEquals(32256, G711.PCMA.decode((byte) 0xAA));
        assertEquals(-32256, G711.PCMA.decode((byte) 0x2A));
    }

    @Test
    void outOfRangeSamplesAreClamped() {
        assertEquals(G711.PCMU.encode(32767), G711.PCMU.encode(100_000));
        assertEquals(G711.PCMA.encode(-32768), G711.PCMA.encode(-100_000));
    }

    @ParameterizedTest
    @EnumSource(G711.class)
    void everyCodeDecodesToAValueThatEncodesBackToIt(G711 law) {
        for (int code = 0; code < 256; code++) {
            if (law == G711.PCMU && code == 0x7F) {
                continue; // µ-law has two zeros; 0 encodes as 0xFF
            }
            assertEquals((byte) code, law.encode(law.decode((byte) code)), "code " + Integer.toHexString(code));
        }
    }

    @ParameterizedTest
    @EnumSource(G711.class)
    void roundTripErrorStaysWithinHalfAStep(G711 law) {
        int previous = Integer.MIN_VALUE;
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            int decoded = law.decode(law.encode(x));
            // Steps double per segment, so half a step is at most ~1/32 of the magnitude,
            // plus the size of the smallest steps.
            int bound = law == G711.PCMU ? (Math.abs(x) + 132) / 32 + 1 : Math.abs(x) / 32 + 16;
            assertTrue(Math.abs(decoded - x) <= bound, "x=" + x + " decoded=" + decoded + " bound=" + bound);
            assertTrue(decoded >= previous, "monotonic at " + x);
            previous = decoded;
        }
    }

    @Test
    void payloadTypesAndNames() {
        assertEquals(0, G711.PCMU.payloadType());
        assertEquals(8, G711.PCMA.payloadType());
        assertEquals("PCMA", G711.PCMA.encodingName());
        assertEquals(Optional.of(G711.PCMA), G711.forPayloadType(8));
        assertEquals(Optional.empty(), G711.forPayloadType(18));
    }

    @Test
    void bulkEncodeMatchesOneByOne() {
        short[] samples = {0, 1000, -1000, 32767, -32768};
        byte[] out = new byte[7];
        G711.PCMA.encode(samples, 1, 3, out, 2);
        assertEquals(0, out[1]);
        assertEquals(G711.PCMA.encode(1000), out[2]);
        assertEquals(G711.PCMA.encode(-1000), out[3]);
        assertEquals(G711.PCMA.encode(32767), out[4]);
        assertEquals(0, out[5]);
    }
}
