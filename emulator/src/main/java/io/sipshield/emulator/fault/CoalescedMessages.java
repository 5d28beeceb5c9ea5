package io.sipshield.emulator.fault;

/**
 * After the phone has registered, the server sends {@code count} SIP requests (OPTIONS) back to back in
 * one TLS record. The phone must frame and answer every one of them (RFC 3261 §18.3: stream framing by
 * Content-Length).
 *
 * @param count how many messages share the record (at least 2)
 */
public record CoalescedMessages(int count) implements ServerFault {

    /** The name in scenario files. */
    public static final String NAME = "coalesced-messages";

    public CoalescedMessages {
        if (count < 2) {
            throw new IllegalArgumentException(NAME + ": count must be at least 2, was " + count);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "server sends " + count + " SIP requests in one TLS record";
    }
}
