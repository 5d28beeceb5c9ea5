package io.sipshield.harness.mock.config;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * The extension of an {@code exten =>} line, literal ({@code 600}) or a pattern ({@code _10[1-3]}), matched by
 * Asterisk's rules (main/pbx.c, {@code _extension_match_core}): after the leading {@code _}, {@code X} is any digit,
 * {@code Z} 1-9, {@code N} 2-9 (either case), {@code [...]} one character of a set with ranges ({@code [1-3a]}),
 * {@code .} one or more further characters, {@code !} zero or more, any other character itself; {@code -} and spaces
 * outside brackets are ignored, in literals too. Ordering ({@link #compareTo}) is Asterisk's {@code ext_cmp}: literals
 * first, then patterns from the most specific (fewest possible characters at the first differing position).
 */
public final class ExtensionPattern implements Comparable<ExtensionPattern> {

    private static final int END = 0x30000;
    private static final int DOT = 0x40000 | '.';
    private static final int BANG = 0x50000 | '!';

    private final String text;
    private final String normalized;
    private final List<Object> tokens;

    private ExtensionPattern(String text, String normalized, List<Object> tokens) {
        this.text = text;
        this.normalized = normalized;
        this.tokens = tokens;
    }

    /**
     * Parses an extension as written in extensions.conf.
     *
     * @throws IllegalArgumentException when it is empty or has an unclosed or empty {@code [...]}
     */
    public static ExtensionPattern of(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder norm = new StringBuilder();
        int depth = 0;
        for (char c : text.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            }
            if (depth == 0 && (c == '-' || c == ' ')) {
                continue;
            }
            norm.append(c);
        }
        String normalized = norm.toString();
        if (normalized.isEmpty() || normalized.equals("_")) {
            throw new IllegalArgumentException("empty extension '" + text + "'");
        }
        List<Object> tokens = normalized.startsWith("_") ? tokens(normalized.substring(1), text) : List.of();
        return new ExtensionPattern(text, normalized, tokens);
    }

    /** The extension as written. */
    public String text() {
        return text;
    }

    /** Whether it starts with {@code _}. */
    public boolean isPattern() {
        return normalized.startsWith("_");
    }

    /** Whether a dialled extension matches this one, completely. */
    public boolean matches(String dialled) {
        Objects.requireNonNull(dialled, "dialled");
        if (!isPattern()) {
            return normalized.equals(dialled);
        }
        return match(0, dialled, 0);
    }

    private boolean match(int token, String s, int at) {
        if (token == tokens.size()) {
            return at == s.length();
        }
        Object t = tokens.get(token);
        if (t instanceof Character wildcard) {
            int min = wildcard == '.' ? 1 : 0;
            for (int end = s.length(); end >= at + min; end--) {
                if (match(token + 1, s, end)) {
                    return true;
                }
            }
            return false;
        }
        return at < s.length() && ((BitSet) t).get(s.charAt(at)) && match(token + 1, s, at + 1);
    }

    @Override
    public int compareTo(ExtensionPattern other) {
        if (!isPattern() || !other.isPattern()) {
            if (isPattern() != other.isPattern()) {
                return isPattern() ? 1 : -1;
            }
            return normalized.compareTo(other.normalized);
        }
        for (int i = 0; ; i++) {
            int a = weight(i);
            int b = other.weight(i);
            if (a != b) {
                return Integer.compare(a, b);
            }
            if (a == END) {
                return 0;
            }
        }
    }

    /** Asterisk's {@code ext_cmp_pattern_pos}: number of possible characters then the lowest, or a wildcard's rank. */
    private int weight(int i) {
        if (i >= tokens.size()) {
            return END;
        }
        Object t = tokens.get(i);
        if (t instanceof Character wildcard) {
            return wildcard == '.' ? DOT : BANG;
        }
        BitSet set = (BitSet) t;
        return set.cardinality() << 8 | set.nextSetBit(0);
    }

    private static List<Object> tokens(String body, String text) {
        List<Object> tokens = new ArrayList<>();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            BitSet set = new BitSet(256);
            switch (Character.toUpperCase(c)) {
                case 'X' -> set.set('0', '9' + 1);
                case 'Z' -> set.set('1', '9' + 1);
                case 'N' -> set.set('2', '9' + 1);
                case '.', '!' -> {
                    tokens.add(c);
                    continue;
                }
                case '[' -> {
                    int close = body.indexOf(']', i);
                    if (close < 0) {
                        throw new IllegalArgumentException("unclosed '[' in extension pattern '" + text + "'");
                    }
                    String inside = body.substring(i + 1, close);
                    for (int j = 0; j < inside.length(); j++) {
                        if (j + 2 < inside.length() && inside.charAt(j + 1) == '-') {
                            char from = inside.charAt(j);
                            char to = inside.charAt(j + 2);
                            if (from > to) {
                                throw new IllegalArgumentException("range " + from + "-" + to + " runs backwards in '" + text + "'");
                            }
                            set.set(from, to + 1);
                            j += 2;
                        } else {
                            set.set(inside.charAt(j));
                        }
                    }
                    if (set.isEmpty()) {
                        throw new IllegalArgumentException("empty '[]' in extension pattern '" + text + "'");
                    }
                    i = close;
                }
                default -> set.set(c);
            }
            tokens.add(set);
        }
        return List.copyOf(tokens);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtensionPattern p && p.normalized.equals(normalized);
    }

    @Override
    public int hashCode() {
        return normalized.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
