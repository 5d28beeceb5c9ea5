package io.sipshield.harness.mock.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Typed values of option lines, as Asterisk reads them, with errors naming file, line and option. */
final class OptionValues {

    private OptionValues() {
    }

    /** Asterisk's {@code ast_true}/{@code ast_false}: yes/no, true/false, y/n, t/f, 1/0, on/off, any case. */
    static boolean bool(ConfigLine line, String in) throws ConfigFileException {
        switch (line.value().toLowerCase(Locale.ROOT)) {
            case "yes", "true", "y", "t", "1", "on":
                return true;
            case "no", "false", "n", "f", "0", "off":
                return false;
            default:
                throw bad(line, in, "yes or no (also true/false, on/off, 1/0)");
        }
    }

    /** A decimal integer within {@code min..max}. */
    static int integer(ConfigLine line, String in, int min, int max) throws ConfigFileException {
        try {
            int v = Integer.parseInt(line.value());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw bad(line, in, "an integer from " + min + " to " + max);
    }

    /** A comma-separated list, items trimmed, empty items dropped. */
    static List<String> list(ConfigLine line) {
        List<String> items = new ArrayList<>();
        for (String s : line.value().split(",")) {
            if (!s.isBlank()) {
                items.add(s.strip());
            }
        }
        return items;
    }

    /** A value that must not be empty. */
    static String text(ConfigLine line, String in) throws ConfigFileException {
        if (line.value().isEmpty()) {
            throw bad(line, in, "a non-empty value");
        }
        return line.value();
    }

    static ConfigFileException bad(ConfigLine line, String in, String allowed) {
        return new ConfigFileException(line, "bad value '" + line.value() + "' for option '" + line.key() + "' in " + in
                + "; allowed: " + allowed);
    }

    static ConfigFileException unknown(ConfigLine line, String in, List<String> supported) {
        return new ConfigFileException(line, "unknown option '" + line.key() + "' in " + in + "; supported: "
                + String.join(", ", supported));
    }

    static ConfigWarning noEffect(ConfigLine line, String in) {
        return new ConfigWarning(line.file(), line.line(), line.key(),
                "option '" + line.key() + "' in " + in + " has no effect on the mock");
    }
}
