package io.sipshield.emulator.fault;

/**
 * UDP media delivers {@code percent} % of packets twice. A receiver must count the duplicates, play
 * each packet once, and not report them as SRTP authentication failures (the replay check drops them,
 * RFC 3711 §3.3.2).
 *
 * @param percent share of packets duplicated, in (0, 100]
 * @param seed    the random generator's seed
 */
public record Duplicate(double percent, long seed) implements MediaFault {

    /** The name in scenario files. */
    public static final String NAME = "duplicate";

    public Duplicate {
        Checks.percent(NAME, "percent", percent);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "media duplicates " + percent + " % of packets (seed " + seed + ")";
    }
}
