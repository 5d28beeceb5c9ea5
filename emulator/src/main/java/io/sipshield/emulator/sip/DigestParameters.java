package io.sipshield.emulator.sip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The scheme and parameters of a challenge or credentials header (RFC 2617 §1.2, §3.2.1, §3.2.2):
 * {@code Digest name=token, name="quoted string", ...}. Names are case-insensitive and stored in
 * lower case; values keep their case with quotes and escapes removed.
 *
 * @param header what is being parsed, for error messages (for example "WWW-Authenticate")
 * @param scheme the authentication scheme as written, such as {@code Digest}
 * @param values the parameters in the order written
 */
record DigestParameters(String header, String scheme, Map<String, String> values) {

    DigestParameters {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Parses a header value. A leading header name ({@code "WWW-Authenticate:"}) is skipped, so a
     * whole header line is accepted too.
     *
     * @throws IllegalArgumentException naming the header, the position and what was expected
     */
    static DigestParameters parse(String header, String text) {
        return new Reader(header, text).read();
    }

    /** The value of a parameter, or null when absent. */
    String get(String name) {
        return values.get(name.toLowerCase(Locale.ROOT));
    }

    /** The value of a parameter that must be present. */
    String require(String name) {
        String value = get(name);
        if (value == null) {
            throw new IllegalArgumentException(header + ": missing parameter '" + name + "' in " + scheme
                    + " parameters " + values.keySet());
        }
        return value;
    }

    /** Requires the Digest scheme (compared case-insensitively). */
    DigestParameters requireDigest() {
        if (!scheme.equalsIgnoreCase("Digest")) {
            throw new IllegalArgumentException(header + ": expected the Digest scheme but found '" + scheme + "'");
        }
        return this;
    }

    private static final class Reader {
        private final String header;
        private final String text;
        private int pos;

        Reader(String header, String text) {
            this.header = header;
            this.text = text == null ? "" : text.strip();
        }

        DigestParameters read() {
            String scheme = token("an authentication scheme");
            if (pos < text.length() && text.charAt(pos) == ':') {
                pos++; // that was the header name
                skipSpace();
                scheme = token("an authentication scheme");
            }
            Map<String, String> values = new LinkedHashMap<>();
            skipSpace();
            while (pos < text.length()) {
                String name = token("a parameter name").toLowerCase(Locale.ROOT);
                skipSpace();
                expect('=', "'=' after parameter '" + name + "'");
                skipSpace();
                String value = pos < text.length() && text.charAt(pos) == '"'
                        ? quoted(name) : token("a value for parameter '" + name + "'");
                if (values.putIfAbsent(name, value) != null) {
                    throw error("parameter '" + name + "' appears twice");
                }
                skipSpace();
                if (pos < text.length()) {
                    expect(',', "',' between parameters");
                    skipSpace();
                }
            }
            return new DigestParameters(header, scheme, values);
        }

        private String token(String what) {
            int start = pos;
            while (pos < text.length() && isTokenChar(text.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                throw error("expected " + what);
            }
            return text.substring(start, pos);
        }

        private String quoted(String name) {
            StringBuilder value = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                value.append(c);
            }
            throw error("unterminated quoted value of parameter '" + name + "'");
        }

        private void expect(char c, String what) {
            if (pos >= text.length() || text.charAt(pos) != c) {
                throw error("expected " + what);
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException(header + ": " + problem + " at position " + pos + " of '" + text + "'");
        }

        /** RFC 3261 §25.1 token characters. */
        private static boolean isTokenChar(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-.!%*_+`'~".indexOf(c) >= 0;
        }
    }
}
