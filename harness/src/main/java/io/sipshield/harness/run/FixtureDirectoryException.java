package io.sipshield.harness.run;

/**
 * A {@link FixtureDirectory} that holds no usable test PKI, or cannot be written: one line naming the file and
 * what was expected.
 */
public final class FixtureDirectoryException extends Exception {

    public FixtureDirectoryException(String message) {
        super(message);
    }

    public FixtureDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
