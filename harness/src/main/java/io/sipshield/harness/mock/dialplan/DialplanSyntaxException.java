package io.sipshield.harness.mock.dialplan;

/**
 * A dialplan application that cannot be read, such as {@code Wait(soon)}: the message says what was wrong
 * and the form that is expected, without a location (extensions.conf adds {@code file:line}, a scenario
 * file {@code file:line:column}).
 */
public final class DialplanSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    public DialplanSyntaxException(String problem) {
        super(problem);
    }
}
