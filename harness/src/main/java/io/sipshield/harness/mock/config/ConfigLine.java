package io.sipshield.harness.mock.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One {@code key = value} or {@code key => value} line of an Asterisk configuration file, with where it was read.
 *
 * @param file the file it was read from (after {@code #include})
 * @param line its 1-based line in that file
 * @param key the option name, trimmed
 * @param value the value, trimmed, comments removed and {@code \;} unescaped
 */
public record ConfigLine(Path file, int line, String key, String value) {

    public ConfigLine {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** {@code file:line}, for messages. */
    public String where() {
        return ConfigFileException.location(file, line);
    }
}
