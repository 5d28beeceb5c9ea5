package io.sipshield.emulator.fault;

/**
 * Every {@code everyNth} SRTP packet is sent again, unchanged, after {@code lag} later packets: a
 * replay. The receiver must count each as a replay and never play it twice (RFC 3711 §3.3.2).
 *
 * @param everyNth replay packet N, 2N, 3N... (at least 1)
 * @param lag      how many packets later the copy is sent (at least 1)
 */
public record ReplaySrtp(int everyNth, int lag) implements MediaFault {

    /** The name in scenario files. */
    public static final String NAME = "replay-srtp";

    public ReplaySrtp {
        Checks.positive(NAME, "every", everyNth);
        Checks.positive(NAME, "lag", lag);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "every " + everyNth + ". SRTP packet is replayed " + lag + " packets later";
    }
}
