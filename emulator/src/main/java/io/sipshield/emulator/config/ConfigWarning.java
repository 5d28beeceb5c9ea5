package io.sipshield.emulator.config;

import java.util.Objects;

/**
 * A setting in a vendor configuration file that the emulator reads but does not act on (or acts on
 * differently from the device), reported rather than silently dropped.
 *
 * @param file    the file as the user named it
 * @param line    the 1-based line of the element or key; 0 when the warning is about the file or tree as a whole
 * @param element the element, attribute, setting id or key the warning is about
 * @param message what the emulator does with it, one sentence without a trailing period
 */
public record ConfigWarning(String file, int line, String element, String message) {

    public ConfigWarning {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line: expected 0 (whole file) or more, got " + line);
        }
    }

    /** {@code file:line: element: message}, or {@code file: element: message} without a line. */
    @Override
    public String toString() {
        return (line > 0 ? file + ":" + line : file) + ": " + element + ": " + message;
    }
}
