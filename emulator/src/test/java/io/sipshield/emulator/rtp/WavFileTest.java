package io.sipshield.emulator.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WAV reading and writing, and the WAV media source. */
class WavFileTest {

    @TempDir
    Path dir;

    /** A WAV header by hand: format, channels, rate, bits; then extra chunks and the data. */
    private static byte[] wav(int format, int channels, int rate, int bits, byte[] extraChunk, short... samples) {
        ByteBuffer b = ByteBuffer.allocate(1000).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(0).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) format).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        b.put(extraChunk);
        b.put("data".getBytes()).putInt(samples.length * 2);
        for (short s : samples) {
            b.putShort(s);
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void writtenFileReadsBack() throws IOException {
        short[] samples = {0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE, 1234};
        Path file = dir.resolve("x.wav");
        WavFile.write(file, samples);
        assertEquals(44 + 12, Files.size(file));
        assertArrayEquals(samples, WavFile.readTelephonyPcm(file));
    }

    @Test
    void unknownChunksAreSkippedIncludingAnOddOne() throws IOException {
        byte[] list = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).put("LIST".getBytes()).putInt(3)
                .put(new byte[] {1, 2, 3, 0}).array();
        assertArrayEquals(new short[] {7, -7}, WavFile.decodeTelephonyPcm(wav(1, 1, 8000, 16, list, (short) 7, (short) -7), "t"));
    }

    @Test
    void extensibleFormatWithThePcmSubformatIsPcm() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(72).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(40).putShort((short) 0xFFFE).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16).putShort((short) 22).putShort((short) 16).putInt(4)
                .putShort((short) 1).put(new byte[14]);
        b.put("data".getBytes()).putInt(4).putShort((short) 5).putShort((short) -5);
        assertArrayEquals(new short[] {5, -5}, WavFile.decodeTelephonyPcm(Arrays.copyOf(b.array(), b.position()), "t"));
    }

    @ParameterizedTest(name = "{4}")
    @CsvSource(delimiter = '!', value = {
        "1!1!16000!16!t: sample rate 16000 Hz; a phone plays 8000 Hz 16-bit mono PCM (resample it first)",
        "1!2!8000!16!t: 2 channels; a phone plays 8000 Hz 16-bit mono PCM (mix it down first)",
        "1!1!8000!8!t: 8 bits per sample; a phone plays 8000 Hz 16-bit mono PCM",
        "3!1!8000!32!t: encoding IEEE float (format 3); a phone plays 8000 Hz 16-bit mono PCM",
        "7!1!8000!8!t: encoding µ-law (format 7); a phone plays 8000 Hz 16-bit mono PCM",
    })
    void otherFormatsAreRefusedSayingWhatDiffers(int format, int channels, int rate, int bits, String message) {
        IOException e = assertThrows(IOException.class,
                () -> WavFile.decodeTelephonyPcm(wav(format, channels, rate, bits, new byte[0], (short) 0), "t"));
        assertEquals(message, e.getMessage());
    }

    @Test
    void notAWavFileAtAll() {
        assertEquals("t: not a WAV file (no RIFF/WAVE header)", assertThrows(IOException.class,
                () -> WavFile.decodeTelephonyPcm("hello".getBytes(), "t")).getMessage());
        byte[] noData = Arrays.copyOf(wav(1, 1, 8000, 16, new byte[0]), 36);
        assertEquals("t: no data chunk", assertThrows(IOException.class,
                () -> WavFile.decodeTelephonyPcm(noData, "t")).getMessage());
    }

    @Test
    void sourceEncodesTheFileAndLoopsOrEndsInSilence() throws IOException {
        short[] samples = new short[200];
        Arrays.fill(samples, (short) 1000);
        Path file = dir.resolve("tone.wav");
        WavFile.write(file, samples);
        byte code = G711.PCMA.encode(1000);
        byte silence = G711.PCMA.encode(0);

        WavSource looping = WavSource.builder(file).codec(G711.PCMA).build();
        assertEquals(200, looping.samples());
        looping.nextFrame();
        byte[] second = looping.nextFrame();
        for (byte b : second) {
            assertEquals(code, b, "loops back to the start");
        }

        WavSource once = WavSource.builder(file).codec(G711.PCMA).loop(false).build();
        once.nextFrame();
        byte[] end = once.nextFrame();
        assertEquals(code, end[39]);
        assertEquals(silence, end[40], "after the last sample comes silence");
    }

    @Test
    void sourceOfAMissingFileSaysSo() {
        assertThrows(IOException.class, () -> WavSource.open(dir.resolve("missing.wav")));
    }
}
