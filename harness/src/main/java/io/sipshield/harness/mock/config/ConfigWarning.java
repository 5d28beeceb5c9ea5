package io.sipshield.harness.mock.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An option the mock reads but that has no meaning for it (such as {@code local_net} or {@code direct_media}):
 * a real Asterisk would act on it, the mock does not.
 *
 * @param file the file holding the option
 * @param line its 1-based line
 * @param option the option's name
 * @param message what the mock does with it, e.g. {@code option 'direct_media' in endpoint [101] has no effect on the mock}
 */
public record ConfigWarning(Path file, int line, String option, String message) {

    public ConfigWarning {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line: message}. */
    @Override
    public String toString() {
        return ConfigFileException.location(file, line) + ": " + message;
    }
}
