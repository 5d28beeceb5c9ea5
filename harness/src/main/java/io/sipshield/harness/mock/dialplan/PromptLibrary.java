package io.sipshield.harness.mock.dialplan;

import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.MediaSource;
import io.sipshield.emulator.rtp.WavSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompts {@code Playback()} finds. Asterisk's own sound files are licensed separately and not
 * shipped, so the built-in ones are synthesised: {@code beep} and {@code silence/1} to
 * {@code silence/10} (Asterisk's core sounds hold silence/1..10, N seconds of silence). A sounds
 * directory, when given, is searched first for {@code name.wav} (8 kHz mono 16-bit PCM, read with
 * the emulator's {@link WavSource}), so a real recording can stand in for any name, beep included.
 */
public final class PromptLibrary {

    /** [GUESS] beep: Asterisk's beep.gsm is a short beep; taken as 1000 Hz for 250 ms at playtones' default volume. */
    public static final String BEEP_TONES = "!1000/250";

    private static final Pattern SILENCE = Pattern.compile("silence/(\\d+)");

    private final Path soundsDirectory;

    /** @param soundsDirectory where {@code name.wav} files are looked for, or null for the built-in prompts only */
    public PromptLibrary(Path soundsDirectory) {
        this.soundsDirectory = soundsDirectory;
    }

    /** Whether {@code name} names a prompt (without opening it). */
    public boolean knows(String name) {
        return wav(name).isPresent() || builtIn(name);
    }

    /**
     * The prompt, in the call's law; empty for a name that is neither built in nor a file of the sounds directory.
     *
     * @throws UncheckedIOException when the file exists but cannot be read as 8 kHz mono 16-bit WAV
     */
    public Optional<Prompt> find(String name, G711 codec) {
        Optional<Path> wav = wav(name);
        if (wav.isPresent()) {
            try {
                WavSource source = WavSource.builder(wav.get()).codec(codec).loop(false).build();
                return Optional.of(new Prompt(name, source, frames(source.samples())));
            } catch (IOException e) {
                throw new UncheckedIOException("prompt '" + name + "': " + wav.get() + ": " + e.getMessage(), e);
            }
        }
        if (name.equals("beep")) {
            return Optional.of(new Prompt(name, new ToneGenerator(ToneList.parse(BEEP_TONES),
                    ToneGenerator.DEFAULT_VOLUME, codec), 250 / 20));
        }
        Matcher silence = SILENCE.matcher(name);
        if (silence.matches() && builtIn(name)) {
            int seconds = Integer.parseInt(silence.group(1));
            MediaSource quiet = () -> {
                byte[] frame = new byte[MediaSource.SAMPLES_PER_FRAME];
                Arrays.fill(frame, codec.encode(0));
                return frame;
            };
            return Optional.of(new Prompt(name, quiet, seconds * 50));
        }
        return Optional.empty();
    }

    private static boolean builtIn(String name) {
        if (name.equals("beep")) {
            return true;
        }
        Matcher silence = SILENCE.matcher(name);
        if (!silence.matches() || silence.group(1).length() > 2) {
            return false;
        }
        int seconds = Integer.parseInt(silence.group(1));
        return seconds >= 1 && seconds <= 10;
    }

    private Optional<Path> wav(String name) {
        if (soundsDirectory == null || name.contains("..") || name.startsWith("/")) {
            return Optional.empty();
        }
        Path file = soundsDirectory.resolve(name + ".wav");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private static int frames(int samples) {
        return (samples + MediaSource.SAMPLES_PER_FRAME - 1) / MediaSource.SAMPLES_PER_FRAME;
    }
}
