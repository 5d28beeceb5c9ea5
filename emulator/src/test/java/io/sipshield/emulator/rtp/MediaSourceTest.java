package io.sipshield.emulator.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MediaSourceTest {

    /** ITU-T G.711 Tables 5 and 6, as played by Asterisk's Milliwatt(). */
    private static final byte[] ULAW_MILLIWATT = {0x1E, 0x0B, 0x0B, 0x1E, (byte) 0x9E, (byte) 0x8B, (byte) 0x8B, (byte) 0x9E};
    private static final byte[] ALAW_MILLIWATT = {0x34, 0x21, 0x21, 0x34, (byte) 0xB4, (byte) 0xA1, (byte) 0xA1, (byte) 0xB4};

    private static void assertRepeats(byte[] period, byte[] frame) {
        for (int i = 0; i < frame.length; i++) {
            assertEquals(period[i % period.length], frame[i], "sample " + i);
        }
    }

    @Test
    void oneKilohertzAtZeroDbm0IsTheMuLawDigitalMilliwatt() {
        ToneSource tone = ToneSource.builder().codec(G711.PCMU).initialPhase(9 * Math.PI / 8).build();
        for (int i = 0; i < 3; i++) {
            byte[] frame = tone.nextFrame();
            assertEquals(160, frame.length);
            assertRepeats(ULAW_MILLIWATT, frame);
        }
    }

    @Test
    void oneKilohertzAtZeroDbm0IsTheALawDigitalMilliwatt() {
        ToneSource tone = ToneSource.builder().codec(G711.PCMA).frequency(1000).levelDbm0(0)
                .initialPhase(9 * Math.PI / 8).build();
        assertRepeats(ALAW_MILLIWATT, tone.nextFrame());
    }

    @ParameterizedTest
    @EnumSource(G711.class)
    void toneHasItsFrequencyAndLevel(G711 law) {
        ToneSource tone = ToneSource.builder().codec(law).frequency(440).levelDbm0(-10).build();
        double[] signal = new double[8000];
        for (int f = 0; f < 50; f++) {
            byte[] frame = tone.nextFrame();
            for (int i = 0; i < frame.length; i++) {
                signal[f * 160 + i] = law.decode(frame[i]);
            }
        }
        int crossings = 0;
        double power = 0;
        for (int n = 0; n < signal.length; n++) {
            power += signal[n] * signal[n];
            if (n > 0 && (signal[n - 1] < 0) != (signal[n] < 0)) {
                crossings++;
            }
        }
        assertTrue(Math.abs(crossings - 880) <= 2, "one second of 440 Hz crosses zero 880 times, got " + crossings);
        double rms = Math.sqrt(power / signal.length);
        double expected = law.peakAmplitude(-10) / Math.sqrt(2);
        assertTrue(Math.abs(rms - expected) / expected < 0.02, "rms " + rms + " expected " + expected);
    }

    @Test
    void toneRepeatsAfterItsCycleOfFrames() {
        ToneSource tone = ToneSource.builder().frequency(440).build(); // 440 Hz: 44 cycles in 5 frames
        byte[][] frames = new byte[10][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = tone.nextFrame();
        }
        assertArrayEquals(frames[0], frames[5]);
        assertArrayEquals(frames[4], frames[9]);
        assertTrue(!Arrays.equals(frames[0], frames[1]));
    }

    @Test
    void linearAmplitudeOverridesTheLevel() {
        ToneSource tone = ToneSource.builder().levelDbm0(-20).amplitude(1000).build();
        assertEquals(1000, tone.peakAmplitude());
        int max = 0;
        for (byte code : tone.nextFrame()) {
            max = Math.max(max, G711.PCMU.decode(code));
        }
        assertTrue(max >= 960 && max <= 1040, "peak " + max);
    }

    @Test
    void framesAreFreshArrays() {
        ToneSource tone = ToneSource.milliwatt(G711.PCMU); // 1 kHz: every frame is the same
        byte[] first = tone.nextFrame();
        byte original = first[0];
        first[0] ^= 0x55;
        byte[] second = tone.nextFrame();
        assertNotSame(first, second);
        assertEquals(original, second[0], "changing a returned frame does not change later ones");
    }

    @Test
    void badToneSettingsAreRejectedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ToneSource.builder().frequency(4000))
                .getMessage().startsWith("frequency:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ToneSource.builder().amplitude(40_000))
                .getMessage().startsWith("amplitude:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ToneSource.builder().levelDbm0(4).codec(G711.PCMU).build()).getMessage().startsWith("level:"));
    }

    @ParameterizedTest
    @EnumSource(G711.class)
    void silenceIsTheCodeForZero(G711 law) {
        SilenceSource silence = new SilenceSource(law);
        byte[] frame = silence.nextFrame();
        assertEquals(160, frame.length);
        for (byte code : frame) {
            assertEquals(law == G711.PCMU ? (byte) 0xFF : (byte) 0xD5, code);
        }
        assertNotSame(frame, silence.nextFrame());
    }
}
