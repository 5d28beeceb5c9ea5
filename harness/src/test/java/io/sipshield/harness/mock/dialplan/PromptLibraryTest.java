package io.sipshield.harness.mock.dialplan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.MediaSource;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prompts Playback() finds: built in, or name.wav from a sounds directory. */
class PromptLibraryTest {

    @TempDir
    Path sounds;

    @Test
    void builtInPromptsHaveTheirLength() {
        PromptLibrary library = new PromptLibrary(null);
        assertEquals(50 * 3, library.find("silence/3", G711.PCMU).orElseThrow().frames());
        assertEquals(500, library.find("silence/10", G711.PCMU).orElseThrow().frames());
        assertTrue(library.find("beep", G711.PCMA).orElseThrow().frames() > 0);
        assertTrue(library.find("silence/0", G711.PCMU).isEmpty());
        assertTrue(library.find("silence/11", G711.PCMU).isEmpty());
        assertTrue(library.find("tt-monkeys", G711.PCMU).isEmpty());
        assertFalse(library.knows("tt-monkeys"));
    }

    @Test
    void aWavInTheSoundsDirectoryIsFoundAndWinsOverABuiltIn() throws Exception {
        Files.createDirectories(sounds.resolve("custom"));
        Files.write(sounds.resolve("custom/hello.wav"), wav(400));
        Files.write(sounds.resolve("beep.wav"), wav(160));
        PromptLibrary library = new PromptLibrary(sounds);
        Optional<Prompt> hello = library.find("custom/hello", G711.PCMU);
        assertEquals(3, hello.orElseThrow().frames(), "400 samples: two frames and a padded third");
        assertEquals(1, library.find("beep", G711.PCMU).orElseThrow().frames());
        assertTrue(library.find("../escape", G711.PCMU).isEmpty());
        MediaSource source = hello.get().source();
        assertEquals(MediaSource.SAMPLES_PER_FRAME, source.nextFrame().length);
    }

    /** A mono 16-bit 8 kHz WAV of {@code samples} samples of a ramp. */
    private static byte[] wav(int samples) {
        ByteBuffer data = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            data.putShort((short) (i * 50));
        }
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(samples * 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(data.array());
        return out.toByteArray();
    }
}
