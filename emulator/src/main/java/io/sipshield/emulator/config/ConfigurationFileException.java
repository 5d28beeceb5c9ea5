package io.sipshield.emulator.config;

import java.io.IOException;
import java.util.Objects;

/**
 * A vendor configuration file the emulator cannot take as it is: says which file, which line,
 * which element (or key) and what was expected there, e.g.
 * {@code phone.xml:12: host_primary transport: expected tls (transport_tls_allowed is 0 on line 4)}.
 */
public final class ConfigurationFileException extends IOException {

    private final String file;
    private final int line;
    private final String element;
    private final String expected;

    /**
     * @param file     the file as the user named it
     * @param line     the 1-based line, or 0 when the fault is the file (or device tree) as a whole
     * @param element  the element, attribute, setting or key at fault
     * @param expected what was expected there (and, where useful, what was found), without a trailing period
     */
    public ConfigurationFileException(String file, int line, String element, String expected) {
        this(file, line, element, expected, null);
    }

    public ConfigurationFileException(String file, int line, String element, String expected, Throwable cause) {
        super((line > 0 ? file + ":" + line : file) + ": " + element + ": " + expected, cause);
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.element = Objects.requireNonNull(element, "element");
        this.expected = Objects.requireNonNull(expected, "expected");
    }

    public String file() {
        return file;
    }

    /** The 1-based line; 0 when the fault is the file as a whole. */
    public int line() {
        return line;
    }

    public String element() {
        return element;
    }

    public String expected() {
        return expected;
    }
}
