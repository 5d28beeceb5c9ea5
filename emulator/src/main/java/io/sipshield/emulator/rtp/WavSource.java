package io.sipshield.emulator.rtp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Audio from a WAV file (8 kHz, 16-bit, mono PCM), encoded once in G.711 and played frame by
 * frame. At the end of the file it starts over, or plays silence when built with
 * {@code loop(false)}; a last partial frame is padded with silence.
 *
 * <pre>{@code
 * MediaSource prompt = WavSource.builder(Path.of("hello.wav")).codec(G711.PCMA).build();
 * }</pre>
 */
public final class WavSource implements MediaSource {

    private final byte[] encoded;
    private final byte silence;
    private final boolean loop;
    private int position;

    private WavSource(byte[] encoded, G711 codec, boolean loop) {
        this.encoded = encoded;
        this.silence = codec.encode(0);
        this.loop = loop;
    }

    public static Builder builder(Path file) {
        return new Builder(file);
    }

    /** The file in µ-law, looping. */
    public static WavSource open(Path file) throws IOException {
        return builder(file).build();
    }

    /** Samples in the file. */
    public int samples() {
        return encoded.length;
    }

    @Override
    public byte[] nextFrame() {
        byte[] frame = new byte[SAMPLES_PER_FRAME];
        for (int i = 0; i < SAMPLES_PER_FRAME; i++) {
            if (position == encoded.length && loop && encoded.length > 0) {
                position = 0;
            }
            frame[i] = position < encoded.length ? encoded[position++] : silence;
        }
        return frame;
    }

    /** Where the audio comes from and how it is played. */
    public static final class Builder {
        private final Path file;
        private G711 codec = G711.PCMU;
        private boolean loop = true;

        private Builder(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        /** The law to encode with. Default PCMU. */
        public Builder codec(G711 codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** Whether to start over at the end (default) or to go on with silence. */
        public Builder loop(boolean loop) {
            this.loop = loop;
            return this;
        }

        /**
         * Reads and encodes the file.
         *
         * @throws IOException if it cannot be read or is not 8000 Hz 16-bit mono PCM (the message says which)
         */
        public WavSource build() throws IOException {
            short[] samples = WavFile.readTelephonyPcm(file);
            byte[] encoded = new byte[samples.length];
            codec.encode(samples, 0, samples.length, encoded, 0);
            return new WavSource(encoded, codec, loop);
        }
    }
}
