package io.sipshield.harness.mock.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Asterisk's extension matching (main/pbx.c) and its order of patterns. */
class ExtensionPatternTest {

    private static void matches(String pattern, String... dialled) {
        ExtensionPattern p = ExtensionPattern.of(pattern);
        for (String d : dialled) {
            assertTrue(p.matches(d), () -> pattern + " should match " + d);
        }
    }

    private static void misses(String pattern, String... dialled) {
        ExtensionPattern p = ExtensionPattern.of(pattern);
        for (String d : dialled) {
            assertFalse(p.matches(d), () -> pattern + " should not match " + d);
        }
    }

    @Test
    void literalMatchesOnlyItselfWithDashesIgnored() {
        matches("600", "600");
        misses("600", "6000", "60", "_600", "");
        matches("555-1212", "5551212");
        assertFalse(ExtensionPattern.of("600").isPattern());
    }

    @Test
    void digitClasses() {
        matches("_X", "0", "9");
        misses("_X", "a", "10", "");
        matches("_Z", "1", "9");
        misses("_Z", "0");
        matches("_N", "2", "9");
        misses("_N", "0", "1");
        matches("_nxx", "200");
        misses("_nxx", "100");
    }

    @Test
    void sets() {
        matches("_10[1-3]", "101", "102", "103");
        misses("_10[1-3]", "100", "104", "10", "1011");
        matches("_[15-7]", "1", "5", "6", "7");
        misses("_[15-7]", "2", "8");
    }

    @Test
    void wildcards() {
        matches("_9.", "91", "9123");
        misses("_9.", "9", "8123");
        matches("_9!", "9", "91", "9123");
        misses("_9!", "8");
        matches("_X.5", "125", "1995");
        misses("_X.5", "15", "126");
        matches("_1-X-X", "123");
    }

    @Test
    void literalsInPatternsAreCaseSensitive() {
        matches("_sX", "s1");
        misses("_sX", "S1");
    }

    @Test
    void badPatterns() {
        assertThrows(IllegalArgumentException.class, () -> ExtensionPattern.of("_10[1-3"));
        assertThrows(IllegalArgumentException.class, () -> ExtensionPattern.of("_1[]"));
        assertThrows(IllegalArgumentException.class, () -> ExtensionPattern.of("_[3-1]"));
        assertThrows(IllegalArgumentException.class, () -> ExtensionPattern.of("_"));
        assertThrows(IllegalArgumentException.class, () -> ExtensionPattern.of("--"));
    }

    @Test
    void orderIsLiteralsThenMostSpecificPatternFirst() {
        List<String> sorted = Stream.of("_X.", "_1!", "_10[1-3]", "_10X", "102", "_1XX", "_NXX")
                .map(ExtensionPattern::of).sorted().map(ExtensionPattern::text).toList();
        assertEquals(List.of("102", "_10[1-3]", "_10X", "_1XX", "_1!", "_NXX", "_X."), sorted);
    }
}
