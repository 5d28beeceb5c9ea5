package io.sipshield.emulator.fault;

/**
 * The SRTP sender starts its RTP sequence numbers {@code packetsBeforeWrap} below 65536, so the
 * sequence number wraps to 0 mid-call and the rollover counter must step to 1 on both sides
 * (RFC 3711 §3.3.1, the index estimate of Appendix A). Every packet after the wrap must still
 * authenticate and decrypt.
 *
 * @param packetsBeforeWrap packets sent before the wrap (at least 1)
 */
public record RocWrap(int packetsBeforeWrap) implements MediaFault {

    /** The name in scenario files. */
    public static final String NAME = "roc-wrap";

    public RocWrap {
        Checks.positive(NAME, "packets-before-wrap", packetsBeforeWrap);
        if (packetsBeforeWrap > 65535) {
            throw new IllegalArgumentException(NAME + ": packets-before-wrap must be at most 65535, was " + packetsBeforeWrap);
        }
    }

    /** The first sequence number the sender uses. */
    public int firstSequenceNumber() {
        return 65536 - packetsBeforeWrap;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "RTP sequence numbers wrap after " + packetsBeforeWrap + " packets (ROC 0 to 1)";
    }
}
