package io.sipshield.emulator.rtp;

import java.util.Arrays;
import java.util.Objects;

/** Digital silence: every sample is the code for 0 (0xFF in µ-law, 0xD5 in A-law). */
public final class SilenceSource implements MediaSource {

    private final byte silence;

    public SilenceSource(G711 codec) {
        this.silence = Objects.requireNonNull(codec, "codec").encode(0);
    }

    @Override
    public byte[] nextFrame() {
        byte[] frame = new byte[SAMPLES_PER_FRAME];
        Arrays.fill(frame, silence);
        return frame;
    }
}
