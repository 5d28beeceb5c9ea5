package io.sipshield.emulator.fault;

/**
 * UDP media reorders {@code percent} % of packets: each chosen packet is held back and delivered after
 * up to {@code depth} later packets. Receivers must count reordered packets as late, not lost, and
 * decrypt them (the SRTP replay window is 64 packets or more, RFC 3711 §3.3.2).
 *
 * @param percent share of packets delayed, in (0, 100]
 * @param depth   how many later packets may overtake a held one (at least 1)
 * @param seed    the random generator's seed
 */
public record Reorder(double percent, int depth, long seed) implements MediaFault {

    /** The name in scenario files. */
    public static final String NAME = "reorder";

    public Reorder {
        Checks.percent(NAME, "percent", percent);
        Checks.positive(NAME, "depth", depth);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "media reorders " + percent + " % of packets by up to " + depth + " (seed " + seed + ")";
    }
}
