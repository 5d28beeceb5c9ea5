package io.sipshield.emulator.config;

import java.util.Locale;

/** Parses the scalar values vendor files use, failing with the file, line and element. */
final class ConfigValues {

    private ConfigValues() {
    }

    /** A Digium/Algo switch: {@code 0} or {@code 1} (Algo's web names {@code enabled}/{@code disabled} too). */
    static boolean flag(String file, int line, String element, String value) throws ConfigurationFileException {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "1", "enabled", "yes", "on", "true" -> true;
            case "0", "disabled", "no", "off", "false" -> false;
            default -> throw new ConfigurationFileException(file, line, element,
                    "expected 0 or 1, got '" + value + "'");
        };
    }

    /** A TCP port, 1-65535. */
    static int port(String file, int line, String element, String value) throws ConfigurationFileException {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationFileException(file, line, element, "expected a port 1-65535, got '" + value + "'");
    }

    /** A non-negative integer. */
    static int number(String file, int line, String element, String value) throws ConfigurationFileException {
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationFileException(file, line, element, "expected a number 0 or more, got '" + value + "'");
    }

    /**
     * A SIP transport name as the phones spell it ({@code udp}, {@code tcp}, {@code tls}, any case). The
     * emulator speaks SIP over TLS only, so anything else is refused with that reason.
     */
    static void requireTls(String file, int line, String element, String value) throws ConfigurationFileException {
        String transport = value.trim().toLowerCase(Locale.ROOT);
        switch (transport) {
            case "tls" -> {
                return;
            }
            case "udp", "tcp", "auto" -> throw new ConfigurationFileException(file, line, element,
                    "expected tls, got '" + value + "': sipshield emulates SIP over TLS only");
            default -> throw new ConfigurationFileException(file, line, element,
                    "expected udp, tcp or tls, got '" + value + "'");
        }
    }
}
