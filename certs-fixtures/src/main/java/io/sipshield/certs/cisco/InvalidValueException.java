package io.sipshield.certs.cisco;

/**
 * A header element or record field built with a value its tag does not allow. The constructors
 * throw it; the parsers turn it into a {@link TrustListFormatException} at the element's offset,
 * so that one check serves both.
 */
final class InvalidValueException extends IllegalArgumentException {

    private final String problem;

    InvalidValueException(String element, String problem) {
        super(element + ": " + problem);
        this.problem = problem;
    }

    /** What was wrong with the value, without the element's name. */
    String problem() {
        return problem;
    }
}
