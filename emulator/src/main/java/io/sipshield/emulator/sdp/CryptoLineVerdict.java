package io.sipshield.emulator.sdp;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one device makes of one {@code a=crypto} line: usable (with the key it would take), or
 * unusable with the field and the reason. The line is kept with its keys redacted, so a verdict
 * can go into a log or a report.
 */
public sealed interface CryptoLineVerdict permits CryptoLineVerdict.Usable, CryptoLineVerdict.Unusable {

    /** The attribute value as received, every inline key replaced by {@code <redacted>}. */
    String line();

    /** Replaces every {@code inline:} key in an attribute value by {@code <redacted>}. */
    static String redact(String value) {
        return Internal.INLINE_KEY.matcher(value.strip()).replaceAll("inline:<redacted>");
    }

    /**
     * A line the device can use.
     *
     * @param line      the line, keys redacted
     * @param attribute the parsed line
     * @param keyIndex  which of its keys the device takes (0-based)
     */
    record Usable(String line, CryptoAttribute attribute, int keyIndex) implements CryptoLineVerdict {

        public Usable {
            Objects.requireNonNull(line, "line");
            Objects.requireNonNull(attribute, "attribute");
            Objects.checkIndex(keyIndex, attribute.keys().size());
        }

        /** The line reduced to the key the device takes. */
        public CryptoAttribute chosen() {
            return attribute.withOnlyKey(keyIndex);
        }
    }

    /**
     * A line the device ignores or rejects, and why.
     *
     * @param line   the line, keys redacted
     * @param field  the field at fault: tag, suite, key-params, lifetime, mki or session-params
     * @param reason what is wrong with it
     */
    record Unusable(String line, String field, String reason) implements CryptoLineVerdict {

        public Unusable {
            Objects.requireNonNull(line, "line");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(reason, "reason");
        }

        /** A parse error as a verdict. */
        public static Unusable of(String value, SdpParseException error) {
            return new Unusable(redact(value), error.field(), error.reason());
        }

        /** {@code <field>: <reason>}. */
        public String message() {
            return field + ": " + reason;
        }

        @Override
        public String toString() {
            return "a=crypto:" + line + " -> " + message();
        }
    }

    /** Shared constants (interfaces cannot have private fields). */
    final class Internal {
        static final Pattern INLINE_KEY = Pattern.compile("inline:[^|; \\t]*");

        private Internal() {
        }
    }
}
