package io.sipshield.harness.scenario;

import java.util.Objects;

/**
 * The media a phone sends during a call.
 *
 * @param source  what the audio is
 * @param seconds how long the phone sends, at least one second
 */
public record MediaSpec(Source source, int seconds) {

    /** What a call sends when the scenario does not say. */
    public static final MediaSpec DEFAULT = new MediaSpec(Source.TONE, 3);

    public MediaSpec {
        Objects.requireNonNull(source, "source");
        if (seconds < 1) {
            throw new IllegalArgumentException("seconds must be at least 1, was " + seconds);
        }
    }

    /** The audio a phone sends. */
    public enum Source {
        /** A steady test tone (the emulator's {@code ToneSource.milliwatt}: 1 kHz at 0 dBm0). */
        TONE("tone"),
        /**
         * Asterisk's Milliwatt(): the digital milliwatt, 1 kHz at 0 dBm0 (ITU-T G.711 Tables 5/6), the
         * same signal as {@link #TONE}, named as a PBX names it.
         */
        MILLIWATT("milliwatt"),
        /** Digital silence. */
        SILENCE("silence");

        private final String keyword;

        Source(String keyword) {
            this.keyword = keyword;
        }

        /** The word a scenario file uses for this source. */
        public String keyword() {
            return keyword;
        }
    }
}
