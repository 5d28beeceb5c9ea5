package io.sipshield.emulator.fault;

/**
 * A hostile server presents a certificate chain of {@code certificates} certificates (intermediates
 * each signing the next). The phone must refuse it within its documented chain limits (docs/limits.md),
 * report why, and not hang.
 *
 * @param certificates chain length sent (at least 1)
 */
public record OversizedChain(int certificates) implements ServerFault {

    /** The name in scenario files. */
    public static final String NAME = "oversized-chain";

    public OversizedChain {
        Checks.positive(NAME, "certificates", certificates);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "server presents a chain of " + certificates + " certificates";
    }
}
