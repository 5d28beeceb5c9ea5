package io.sipshield.harness.run;

import java.util.Objects;

/**
 * One stated expectation compared with what was observed.
 *
 * <p>Against a real server ({@code target:} or {@code sipshield run --target}) some expectations cannot be
 * observed at all: the server facts the mock reports ({@code server.registered-contacts},
 * {@code server.contacts}, {@code server.endpoints}, what {@code pjsip show} prints). Such a check is
 * {@link #notObservable not observable}: it neither holds nor fails, it does not decide the verdict,
 * and every report shows it as such, so it is never a silent pass.
 *
 * @param name       what was checked, like {@code tls.version} or {@code tls.bitmask.EIDENTITY_NOT_MATCH}
 * @param expected   the expected value as text
 * @param observed   the observed value as text; {@code (none)} when nothing was observed
 * @param holds      whether the observation meets the expectation (false when not observable)
 * @param observable whether the run could observe this at all; false only against a real server
 */
public record Check(String name, String expected, String observed, boolean holds, boolean observable) {

    /** How a missing observation (no SDP, no TLS handshake) is shown. */
    public static final String NONE = "(none)";

    /** What a report shows as observed for an expectation only the mock can observe. */
    public static final String NOT_OBSERVABLE = "not observable against a target";

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(observed, "observed");
        if (!observable && holds) {
            throw new IllegalArgumentException(name + ": a check that cannot be observed cannot hold");
        }
    }

    /** An observed check. */
    public Check(String name, String expected, String observed, boolean holds) {
        this(name, expected, observed, holds, true);
    }

    /** An expectation only the mock can observe, in a run against a real server. */
    public static Check notObservable(String name, String expected) {
        return new Check(name, expected, NOT_OBSERVABLE, false, false);
    }

    /** Whether the check was observed and did not hold: what makes a scenario FAIL. */
    public boolean failed() {
        return observable && !holds;
    }
}
