package io.sipshield.emulator.cisco;

import java.util.Objects;

/**
 * Something wrong or unmodelled in a vendor configuration file, located to the line.
 *
 * @param severity an error (contradictory or invalid: the file cannot configure a phone as written)
 *                 or a warning (ignored text, a setting the emulator does not model)
 * @param file     the file as given
 * @param line     1-based line, 0 when unknown
 * @param element  the element concerned, e.g. {@code transportLayerProtocol}
 * @param message  what is wrong and what was expected
 */
public record ConfigProblem(Severity severity, String file, int line, String element, String message) {

    /** How bad a problem is. */
    public enum Severity {
        ERROR,
        WARNING
    }

    public ConfigProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(message, "message");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line: error: <element>: message}. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": <" + element + ">: " + message;
    }
}
