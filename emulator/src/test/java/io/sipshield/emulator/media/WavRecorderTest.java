package io.sipshield.emulator.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.RtpPacket;
import io.sipshield.emulator.rtp.WavFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording received G.711 as PCM in timestamp order. */
class WavRecorderTest {

    @TempDir
    Path dir;

    private static RtpPacket packet(G711 law, long timestamp, int sample, int samples) {
        byte[] payload = new byte[samples];
        Arrays.fill(payload, law.encode(sample));
        return new RtpPacket(law.payloadType(), false, 1, timestamp, 5, payload);
    }

    @Test
    void packetsAreDecodedGapsBecomeSilenceAndLatePacketsAreDropped() throws IOException {
        WavRecorder recorder = new WavRecorder();
        recorder.received(packet(G711.PCMU, 0xFFFF_FF60L, 1000, 160), 0); // wraps at 2^32
        recorder.received(packet(G711.PCMA, 0, 2000, 160), 0);
        recorder.received(packet(G711.PCMU, 320, 3000, 160), 0); // 160 samples lost before it
        recorder.received(packet(G711.PCMU, 160, 3000, 160), 0); // late
        recorder.received(new RtpPacket(96, false, 1, 480, 5, new byte[10]), 0);
        short[] samples = recorder.samples();
        assertEquals(640, samples.length);
        assertEquals(G711.PCMU.decode(G711.PCMU.encode(1000)), samples[0]);
        assertEquals(G711.PCMA.decode(G711.PCMA.encode(2000)), samples[160]);
        assertEquals(0, samples[320], "the lost packet is silence");
        assertEquals(G711.PCMU.decode(G711.PCMU.encode(3000)), samples[639]);
        assertEquals(1, recorder.dropped());
        assertEquals(1, recorder.undecodable());
        assertEquals(Duration.ofMillis(80), recorder.duration());

        Path file = dir.resolve("call.wav");
        recorder.save(file);
        assertArrayEquals(samples, WavFile.readTelephonyPcm(file));
    }

    @Test
    void aJumpOfMoreThanFiveSecondsIsNotFilled() {
        WavRecorder recorder = new WavRecorder();
        recorder.received(packet(G711.PCMU, 0, 1000, 160), 0);
        recorder.received(packet(G711.PCMU, 160 + 8000 * 6, 1000, 160), 0);
        assertEquals(320, recorder.samples().length);
    }
}
