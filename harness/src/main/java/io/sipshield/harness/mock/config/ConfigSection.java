package io.sipshield.harness.mock.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One {@code [name]} section of an Asterisk configuration file.
 *
 * @param name the name between the brackets
 * @param template whether it is marked {@code (!)}: a template is only inherited from, never an object itself
 * @param parents the sections it inherits from ({@code [name](tpl1,tpl2)}), in order
 * @param file the file holding the header
 * @param line the header's 1-based line
 * @param lines its options in file order; after {@link AsteriskConfig#objects()} the inherited options come first
 */
public record ConfigSection(String name, boolean template, List<String> parents, Path file, int line, List<ConfigLine> lines) {

    public ConfigSection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        parents = List.copyOf(parents);
        lines = List.copyOf(lines);
    }

    /** The last value of {@code key}, or null when the section has no such option. */
    public ConfigLine last(String key) {
        ConfigLine found = null;
        for (ConfigLine l : lines) {
            if (l.key().equalsIgnoreCase(key)) {
                found = l;
            }
        }
        return found;
    }

    /** {@code file:line} of the header, for messages. */
    public String where() {
        return ConfigFileException.location(file, line);
    }
}
