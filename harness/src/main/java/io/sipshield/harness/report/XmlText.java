package io.sipshield.harness.report;

/** Text made safe for XML 1.0: characters XML cannot carry (most control characters) become U+FFFD. */
final class XmlText {

    private static final char REPLACEMENT = '\uFFFD';

    private XmlText() {
    }

    /** {@code text} with every character XML 1.0 forbids replaced; null stays null. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                    || Character.isSurrogate(c) || (c >= 0xE000 && c <= 0xFFFD);
            if (!allowed && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(allowed ? c : REPLACEMENT);
            }
        }
        return out == null ? text : out.toString();
    }
}
