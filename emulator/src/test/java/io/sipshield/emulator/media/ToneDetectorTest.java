package io.sipshield.emulator.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.MediaSource;
import io.sipshield.emulator.rtp.RtpPacket;
import io.sipshield.emulator.rtp.SilenceSource;
import io.sipshield.emulator.rtp.ToneSource;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Goertzel tone detection on decoded G.711. */
class ToneDetectorTest {

    private static ToneReport listen(ToneDetector detector, MediaSource source, G711 law, int frames) {
        for (int i = 0; i < frames; i++) {
            detector.received(new RtpPacket(law.payloadType(), false, i, 160L * i, 1, source.nextFrame()), 0);
        }
        return detector.report();
    }

    @ParameterizedTest
    @EnumSource(G711.class)
    void theDigitalMilliwattIsAOneKilohertzToneAtZeroDbm0(G711 law) {
        ToneReport report = listen(ToneDetector.builder().build(), ToneSource.milliwatt(law), law, 50);
        assertEquals(50, report.frames());
        assertEquals(50, report.toneFrames());
        assertEquals(50, report.longestRun());
        assertTrue(report.present());
        assertEquals(0.0, report.meanLevelDbm0(), 0.3);
    }

    @Test
    void aToneBetweenBinsIsFoundAtItsLevelAndNotByAnotherFrequency() {
        ToneSource tone = ToneSource.builder().frequency(440).levelDbm0(-10).build();
        ToneReport at440 = listen(ToneDetector.builder().frequency(440).build(), tone, G711.PCMU, 50);
        assertEquals(1.0, at440.fraction(), 1e-9);
        assertEquals(-10, at440.meanLevelDbm0(), 1.0);
        ToneReport at1000 = listen(ToneDetector.builder().frequency(1000).build(),
                ToneSource.builder().frequency(440).levelDbm0(-10).build(), G711.PCMU, 50);
        assertEquals(0, at1000.toneFrames());
        assertFalse(at1000.present());
        assertTrue(Double.isNaN(at1000.meanLevelDbm0()));
    }

    @Test
    void silenceNoiseAndQuietTonesAreNotTones() {
        assertEquals(0, listen(ToneDetector.builder().build(), new SilenceSource(G711.PCMU), G711.PCMU, 10).toneFrames());
        Random random = new Random(7);
        MediaSource noise = () -> {
            byte[] frame = new byte[160];
            for (int i = 0; i < frame.length; i++) {
                frame[i] = G711.PCMU.encode((int) (random.nextGaussian() * 3000));
            }
            return frame;
        };
        assertEquals(0, listen(ToneDetector.builder().build(), noise, G711.PCMU, 20).toneFrames());
        ToneSource quiet = ToneSource.builder().levelDbm0(-50).build();
        assertEquals(0, listen(ToneDetector.builder().build(), quiet, G711.PCMU, 10).toneFrames(), "below -40 dBm0");
        assertEquals(10, listen(ToneDetector.builder().minLevelDbm0(-55).build(),
                ToneSource.builder().levelDbm0(-50).build(), G711.PCMU, 10).toneFrames());
    }

    @Test
    void otherPayloadTypesAreCountedAsUndecodable() {
        ToneDetector detector = ToneDetector.builder().build();
        detector.received(new RtpPacket(18, false, 1, 0, 1, new byte[20]), 0);
        assertEquals(1, detector.report().undecodable());
        assertEquals(0, detector.report().frames());
        assertFalse(detector.report().present());
    }

    @Test
    void aPureSineHasPurityOne() {
        double[] samples = new double[160];
        for (int n = 0; n < samples.length; n++) {
            samples[n] = 1000 * Math.sin(2 * Math.PI * 1000 * n / 8000.0 + 0.3);
        }
        ToneDetector.Measurement m = ToneDetector.measure(samples, samples.length, 1000);
        assertEquals(1.0, m.purity(), 1e-9);
        assertEquals(1000, m.amplitude(), 1e-6);
    }

    @Test
    void settingsOutsideTheirRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ToneDetector.builder().frequency(4000));
        assertThrows(IllegalArgumentException.class, () -> ToneDetector.builder().minPurity(0));
        assertThrows(IllegalArgumentException.class, () -> ToneDetector.builder().minLevelDbm0(Double.NaN));
    }
}
