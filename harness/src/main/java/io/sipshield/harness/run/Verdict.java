package io.sipshield.harness.run;

/** How one scenario ended. */
public enum Verdict {
    /** Every stated expectation held. */
    PASS,
    /** The scenario ran and at least one expectation did not hold. */
    FAIL,
    /** The scenario could not be run to the end (the executor threw, or it timed out). */
    ERROR,
    /** The scenario file is unusable (syntax, unknown key, missing field, no such file). */
    INVALID
}
