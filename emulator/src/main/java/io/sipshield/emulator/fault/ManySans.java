package io.sipshield.emulator.fault;

/**
 * A hostile server presents a leaf certificate with {@code count} DNS subjectAltNames (e.g. 10,000).
 * The phone must decide (within its SAN limit, docs/limits.md) and report, in bounded time and memory.
 *
 * @param count subjectAltName entries in the leaf (at least 1)
 */
public record ManySans(int count) implements ServerFault {

    /** The name in scenario files. */
    public static final String NAME = "many-sans";

    public ManySans {
        Checks.positive(NAME, "count", count);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "server certificate with " + count + " subjectAltNames";
    }
}
