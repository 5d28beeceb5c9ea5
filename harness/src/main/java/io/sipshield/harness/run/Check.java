package io.sipshield.harness.run;

import java.util.Objects;

/**
 * One stated expectation compared with what was observed.
 *
 * @param name     what was checked, like {@code tls.version} or {@code tls.bitmask.EIDENTITY_NOT_MATCH}
 * @param expected the expected value as text
 * @param observed the observed value as text; {@code (none)} when nothing was observed
 * @param holds    whether the observation meets the expectation
 */
public record Check(String name, String expected, String observed, boolean holds) {

    /** How a missing observation (no SDP, no TLS handshake) is shown. */
    public static final String NONE = "(none)";

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(observed, "observed");
    }
}
