package io.sipshield.emulator.config;

import java.util.Locale;
import java.util.Objects;

/**
 * Something in a phone's vendor configuration file (Digium XML, DPMA .conf, Algo config.txt and
 * certs/, Cisco SEP&lt;MAC&gt;.cnf.xml) worth telling the user, located to the line: a setting the
 * emulator reads but does not model, ignored text, a doubtful value (a {@link Severity#WARNING}), or
 * a contradiction or invalid value that keeps the file from configuring a phone as written (an
 * {@link Severity#ERROR}). Readers that stop at the first error throw a
 * {@link ConfigurationFileException} instead; the Cisco reader collects its errors here so a
 * real-world template's every fault is named at once. Nothing a reader skips goes unreported.
 *
 * @param severity how bad it is
 * @param file     the file as the user named it
 * @param line     the 1-based line of the element or key; 0 when it is about the file or tree as a whole
 * @param element  the element, attribute, setting id or key concerned, e.g. {@code setting transport_tls_port}
 * @param message  what the emulator does with it, or what was expected; one sentence without a trailing period
 */
public record ConfigProblem(Severity severity, String file, int line, String element, String message) {

    /** How bad a problem is. */
    public enum Severity {
        /** The file cannot configure a phone as written: contradictory or invalid. */
        ERROR,
        /** Read but ignored or not modelled; the phone is configured without it. */
        WARNING
    }

    public ConfigProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line: expected 0 (whole file) or more, got " + line);
        }
    }

    /** A setting read but not modelled, or ignored text. */
    public static ConfigProblem warning(String file, int line, String element, String message) {
        return new ConfigProblem(Severity.WARNING, file, line, element, message);
    }

    /** A contradiction or an invalid value. */
    public static ConfigProblem error(String file, int line, String element, String message) {
        return new ConfigProblem(Severity.ERROR, file, line, element, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The same problem reported against another name for the file (a scenario's path instead of a run-time copy). */
    public ConfigProblem inFile(String shownAs) {
        return new ConfigProblem(severity, shownAs, line, element, message.replace(file, shownAs));
    }

    /** {@code file:line: warning: element: message}, without {@code :line} when the line is 0. */
    @Override
    public String toString() {
        return (line > 0 ? file + ":" + line : file) + ": " + severity.name().toLowerCase(Locale.ROOT) + ": " + element
                + ": " + message;
    }
}
