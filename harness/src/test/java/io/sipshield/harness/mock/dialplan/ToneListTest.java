package io.sipshield.harness.mock.dialplan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.media.ToneDetector;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.RtpPacket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** indications.conf tone lists, read and played as main/indications.c does. */
class ToneListTest {

    @Test
    void readsEveryPartForm() {
        ToneList tones = ToneList.parse("!350+440/100, !0/100,440/1000,480");
        assertEquals(List.of(new ToneList.Part(350, 440, 100), new ToneList.Part(0, 0, 100),
                new ToneList.Part(440, 0, 1000), new ToneList.Part(480, 0, 0)), tones.parts());
        assertEquals(2, tones.repeatFrom(), "playback starts over at the first part without '!'");
    }

    @Test
    void aListOfOnlyPlayOncePartsDoesNotRepeat() {
        assertEquals(-1, ToneList.parse("!1000/250").repeatFrom());
        assertEquals(0, ToneList.US_BUSY.repeatFrom());
    }

    @Test
    void aPipeSeparatesWhenTheListHoldsOne() {
        assertEquals(2, ToneList.parse("440/100|0/100").parts().size());
    }

    @Test
    void refusesWhatTheMockDoesNotGenerate() {
        IllegalArgumentException modulated = assertThrows(IllegalArgumentException.class, () -> ToneList.parse("425*50/400"));
        assertTrue(modulated.getMessage().contains("'425*50/400' is not [!]f1[+f2][/ms]"), modulated.getMessage());
        assertTrue(modulated.getMessage().contains("modulated"), modulated.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ToneList.parse("M69"));
        assertThrows(IllegalArgumentException.class, () -> ToneList.parse("abc"));
        assertThrows(IllegalArgumentException.class, () -> ToneList.parse(""));
        IllegalArgumentException tooHigh = assertThrows(IllegalArgumentException.class, () -> ToneList.parse("5000/100"));
        assertTrue(tooHigh.getMessage().contains("5000 Hz"), tooHigh.getMessage());
    }

    @Test
    void theGeneratorPlaysEachPartForItsDurationAndRepeats() {
        ToneGenerator generator = new ToneGenerator(ToneList.parse("440/100,0/100"), ToneGenerator.DEFAULT_VOLUME, G711.PCMU);
        ToneDetector tone = ToneDetector.builder().frequency(440).build();
        for (int frame = 0; frame < 40; frame++) {
            tone.received(new RtpPacket(0, false, frame, frame * 160L, 1, generator.nextFrame()), 0);
        }
        // 5 frames of tone, 5 of silence, four times over
        assertEquals(20, tone.report().toneFrames(), tone.report().toString());
        assertEquals(5, tone.report().longestRun());
    }

    @Test
    void aPlayOnceListEndsInSilence() {
        ToneGenerator generator = new ToneGenerator(ToneList.parse("!1000/40"), ToneGenerator.DEFAULT_VOLUME, G711.PCMA);
        generator.nextFrame();
        generator.nextFrame();
        assertTrue(generator.finished());
        byte silence = G711.PCMA.encode(0);
        for (byte b : generator.nextFrame()) {
            assertEquals(silence, b);
        }
    }
}
