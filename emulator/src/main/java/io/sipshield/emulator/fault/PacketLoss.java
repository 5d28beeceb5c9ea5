package io.sipshield.emulator.fault;

/**
 * UDP media loses {@code percent} % of packets, each packet decided independently by a random
 * generator seeded with {@code seed}. Receivers must count the loss from sequence numbers, with no
 * authentication failure.
 *
 * @param percent share of packets dropped, in (0, 100]
 * @param seed    the random generator's seed
 */
public record PacketLoss(double percent, long seed) implements MediaFault {

    /** The name in scenario files. */
    public static final String NAME = "packet-loss";

    public PacketLoss {
        Checks.percent(NAME, "percent", percent);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "media loses " + percent + " % of packets (seed " + seed + ")";
    }
}
