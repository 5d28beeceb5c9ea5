package io.sipshield.harness.mock.dialplan;

import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.MediaSource;

/**
 * Plays a {@link ToneList} as Asterisk's playtones generator does (main/indications.c): each
 * frequency a sine of peak {@code volume} (16-bit), two frequencies summed, part after part for
 * its duration, then from the repeat point again. A list that plays once ends in silence
 * ({@link #finished()}).
 */
public final class ToneGenerator implements MediaSource {

    /** {@code ast_playtones_start}'s volume when Playtones() gives none: 7219, "-8db". */
    public static final int DEFAULT_VOLUME = 7219;

    /** Milliwatt()'s volume: app_milliwatt.c starts its tones at 23255 (0 dBm). */
    public static final int MILLIWATT_VOLUME = 23255;

    private final ToneList tones;
    private final int volume;
    private final G711 codec;
    private int part;
    private long sampleInPart;
    private boolean finished;

    public ToneGenerator(ToneList tones, int volume, G711 codec) {
        this.tones = tones;
        this.volume = volume;
        this.codec = codec;
    }

    /** Whether a list without repeat has played to its end. */
    public boolean finished() {
        return finished;
    }

    @Override
    public byte[] nextFrame() {
        byte[] frame = new byte[SAMPLES_PER_FRAME];
        for (int i = 0; i < SAMPLES_PER_FRAME; i++) {
            frame[i] = codec.encode(finished ? 0 : nextSample());
        }
        return frame;
    }

    private int nextSample() {
        ToneList.Part current = tones.parts().get(part);
        double t = (double) sampleInPart / G711.CLOCK_RATE;
        double value = 0;
        if (current.frequency1() > 0) {
            value += Math.sin(2 * Math.PI * current.frequency1() * t);
        }
        if (current.frequency2() > 0) {
            value += Math.sin(2 * Math.PI * current.frequency2() * t);
        }
        sampleInPart++;
        if (current.millis() > 0 && sampleInPart >= (long) current.millis() * G711.CLOCK_RATE / 1000) {
            sampleInPart = 0;
            part++;
            if (part >= tones.parts().size()) {
                if (tones.repeatFrom() < 0) {
                    finished = true;
                    part = tones.parts().size() - 1;
                } else {
                    part = tones.repeatFrom();
                }
            }
        }
        return (int) Math.round(Math.max(-32767, Math.min(32767, value * volume)));
    }
}
