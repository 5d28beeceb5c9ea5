package io.sipshield.emulator.fault;

/**
 * Every {@code everyNth} SRTP packet on the way to the receiver has one bit of its encrypted payload
 * flipped. The receiver must count each as an authentication failure and never play it
 * (RFC 3711 §3.3: the authentication check comes before decryption).
 *
 * @param everyNth tamper with packet N, 2N, 3N... (at least 1)
 */
public record TamperSrtp(int everyNth) implements MediaFault {

    /** The name in scenario files. */
    public static final String NAME = "tamper-srtp";

    public TamperSrtp {
        Checks.positive(NAME, "every", everyNth);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "every " + everyNth + ". SRTP packet has a flipped payload bit";
    }
}
