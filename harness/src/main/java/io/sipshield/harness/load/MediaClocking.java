package io.sipshield.harness.load;

import java.util.Locale;

/**
 * How a load run's calls keep their 20 ms packet clocks.
 *
 * <p>{@link #SHARED} (the default): one {@link io.sipshield.emulator.media.FrameClock} per event loop ticks every
 * call on that loop, so 1,000 calls cost one timer per loop and their packets leave in one burst per tick; the
 * far end reads a burst in a few wake-ups. The price is in the media round trip, which then includes the time
 * to get through the burst (milliseconds for hundreds of calls per loop). {@link #PER_CALL}: each call runs a
 * timer of its own, started when its media starts, as separate devices would (phases spread over the 20 ms,
 * round trips without burst queueing, more CPU per packet).
 */
public enum MediaClocking {
    SHARED,
    PER_CALL;

    /** The option's word: {@code shared} or {@code per-call}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * {@code shared} or {@code per-call}, any case.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static MediaClocking parse(String text) {
        for (MediaClocking clocking : values()) {
            if (clocking.keyword().equalsIgnoreCase(text.strip())) {
                return clocking;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a media clock; expected shared or per-call");
    }
}
