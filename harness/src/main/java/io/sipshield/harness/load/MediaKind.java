package io.sipshield.harness.load;

import java.util.Locale;

/** What a load call sends to the echo: a 1 kHz tone or silence (both G.711, 20 ms frames). */
public enum MediaKind {
    TONE,
    SILENCE;

    /** {@code tone} or {@code silence}, any case. */
    public static MediaKind fromKeyword(String keyword) {
        for (MediaKind kind : values()) {
            if (kind.keyword().equalsIgnoreCase(keyword.strip())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown media '" + keyword + "'; expected tone or silence");
    }

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
