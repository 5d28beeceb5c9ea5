package io.sipshield.harness.scenario;

/**
 * The final status a request must get (RFC 3261 §21), or that it never got one.
 * A scenario writes {@code 200} or {@code none}.
 */
public sealed interface ExpectedStatus permits ExpectedStatus.Code, ExpectedStatus.None {

    /** The request was answered with a final {@code code}. */
    static ExpectedStatus code(int code) {
        return new Code(code);
    }

    /** The request was never sent, or never got a final answer. */
    static ExpectedStatus none() {
        return new None();
    }

    /** Whether an observed final status (null when there was none) is the expected one. */
    boolean matches(Integer observed);

    /** As a scenario file writes it. */
    String text();

    /** @param value a final status code, 200 to 699 */
    record Code(int value) implements ExpectedStatus {
        public Code {
            if (value < 200 || value > 699) {
                throw new IllegalArgumentException("a final status is 200 to 699, was " + value);
            }
        }

        @Override
        public boolean matches(Integer observed) {
            return observed != null && observed == value;
        }

        @Override
        public String text() {
            return Integer.toString(value);
        }
    }

    /** No final status. */
    record None() implements ExpectedStatus {
        @Override
        public boolean matches(Integer observed) {
            return observed == null;
        }

        @Override
        public String text() {
            return "none";
        }
    }
}
