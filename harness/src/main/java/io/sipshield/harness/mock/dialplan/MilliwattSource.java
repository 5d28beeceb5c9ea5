package io.sipshield.harness.mock.dialplan;

import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.MediaSource;

/**
 * What {@code Milliwatt([options])} plays, after apps/app_milliwatt.c: by default the tone list
 * {@code 1004/1000} at volume 23255 (a constant 1004 Hz at 0 dBm0); with {@code m}, 1004 Hz for
 * 9 s then 1 s of silence, repeated ({@code 1004/9000,0/1000}); with {@code o}, the old generator:
 * the 8-sample digital milliwatt of G.711 ({@code 1e 0b 0b 1e 9e 8b 8b 9e} in µ-law), 1000 Hz.
 */
public final class MilliwattSource {

    /** app_milliwatt.c's {@code digital_milliwatt[]}, µ-law. */
    private static final byte[] DIGITAL_MILLIWATT = {0x1e, 0x0b, 0x0b, 0x1e, (byte) 0x9e, (byte) 0x8b, (byte) 0x8b,
            (byte) 0x9e};

    private MilliwattSource() {
    }

    /**
     * @param options Milliwatt()'s options ({@code o} wins over {@code m}, as in app_milliwatt.c)
     * @param codec   the call's law; the old µ-law pattern is transcoded for A-law calls
     */
    public static MediaSource of(String options, G711 codec) {
        if (options.indexOf('o') >= 0) {
            return digitalMilliwatt(codec);
        }
        ToneList tones = ToneList.parse(options.indexOf('m') >= 0 ? "1004/9000,0/1000" : "1004/1000");
        return new ToneGenerator(tones, ToneGenerator.MILLIWATT_VOLUME, codec);
    }

    private static MediaSource digitalMilliwatt(G711 codec) {
        byte[] pattern = new byte[DIGITAL_MILLIWATT.length];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = codec == G711.PCMU ? DIGITAL_MILLIWATT[i] : codec.encode(G711.PCMU.decode(DIGITAL_MILLIWATT[i]));
        }
        return new MediaSource() {
            private int index;

            @Override
            public byte[] nextFrame() {
                byte[] frame = new byte[SAMPLES_PER_FRAME];
                for (int i = 0; i < frame.length; i++) {
                    frame[i] = pattern[index];
                    index = (index + 1) & 7;
                }
                return frame;
            }
        };
    }
}
