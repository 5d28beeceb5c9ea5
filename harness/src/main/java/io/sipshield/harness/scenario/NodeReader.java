package io.sipshield.harness.scenario;

import io.sipshield.harness.scenario.YamlNode.Entry;
import io.sipshield.harness.scenario.YamlNode.Kind;
import io.sipshield.harness.scenario.YamlNode.Mapping;
import io.sipshield.harness.scenario.YamlNode.Scalar;
import io.sipshield.harness.scenario.YamlNode.Sequence;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns {@link YamlNode}s into Java values, failing with a {@link ScenarioFileException} that names
 * the file, the node's line and column, the field and what was expected.
 */
final class NodeReader {

    private final Path file;

    NodeReader(Path file) {
        this.file = file;
    }

    /** The file errors name. */
    Path file() {
        return file;
    }

    ScenarioFileException error(YamlNode.Mark mark, String field, String problem, String expected) {
        return new ScenarioFileException(file, mark.line(), mark.column(), field, problem, expected);
    }

    /** A string that must be one of the known names, else an error listing them. */
    String name(YamlNode node, String field, String what, java.util.function.Predicate<String> known, String names)
            throws ScenarioFileException {
        String value = string(node, field, what);
        if (!known.test(value)) {
            throw error(node.mark(), field, "unknown " + what + " '" + value + "'", "one of: " + names);
        }
        return value;
    }

    ScenarioFileException wrongType(YamlNode node, String field, String expected) {
        return error(node.mark(), field, "found " + describe(node), expected);
    }

    /** A mapping whose keys are all among {@code keys}. */
    Fields mapping(YamlNode node, String field, List<String> keys) throws ScenarioFileException {
        if (!(node instanceof Mapping mapping)) {
            throw wrongType(node, field, "a mapping with the keys " + String.join(", ", keys));
        }
        for (Entry entry : mapping.entries()) {
            if (!keys.contains(entry.key())) {
                throw error(entry.keyMark(), field, "unknown key '" + entry.key() + "'",
                        "one of: " + String.join(", ", keys));
            }
        }
        return new Fields(this, mapping, field);
    }

    /** A mapping with free keys (extension numbers, for instance). */
    Mapping anyMapping(YamlNode node, String field, String expected) throws ScenarioFileException {
        if (node instanceof Mapping mapping) {
            return mapping;
        }
        throw wrongType(node, field, expected);
    }

    List<YamlNode> list(YamlNode node, String field, String expected) throws ScenarioFileException {
        if (node instanceof Sequence sequence) {
            return sequence.items();
        }
        throw wrongType(node, field, expected);
    }

    /** Any non-empty scalar, as written: {@code user: 101} and {@code user: "101"} are the same. */
    String string(YamlNode node, String field, String expected) throws ScenarioFileException {
        if (node instanceof Scalar scalar && !scalar.isEmpty()) {
            return scalar.text();
        }
        throw wrongType(node, field, expected);
    }

    boolean bool(YamlNode node, String field) throws ScenarioFileException {
        if (node instanceof Scalar scalar && (scalar.kind() == Kind.TRUE || scalar.kind() == Kind.FALSE)) {
            return scalar.kind() == Kind.TRUE;
        }
        throw wrongType(node, field, "true or false");
    }

    long integer(YamlNode node, String field, long min, long max) throws ScenarioFileException {
        String expected = max == Long.MAX_VALUE
                ? "an integer of at least " + min
                : "an integer from " + min + " to " + max;
        if (node instanceof Scalar scalar && scalar.kind() == Kind.INTEGER && scalar.text().matches("[+-]?\\d+")) {
            try {
                long value = Long.parseLong(scalar.text());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException tooBig) {
                // reported below with the expected range
            }
            throw error(node.mark(), field, "out of range " + scalar.text(), expected);
        }
        throw wrongType(node, field, expected);
    }

    /** A number (integer or decimal) from {@code min} to {@code max}, like {@code 1.5}. */
    double number(YamlNode node, String field, double min, double max) throws ScenarioFileException {
        String expected = "a number from " + plain(min) + " to " + plain(max);
        if (node instanceof Scalar scalar && (scalar.kind() == Kind.INTEGER || scalar.kind() == Kind.FLOAT)) {
            double value;
            try {
                value = Double.parseDouble(scalar.text());
            } catch (NumberFormatException e) {
                throw wrongType(node, field, expected);
            }
            if (value >= min && value <= max && Double.isFinite(value)) {
                return value;
            }
            throw error(node.mark(), field, "out of range " + scalar.text(), expected);
        }
        throw wrongType(node, field, expected);
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** One of the {@code values}, written as its {@code keyword}. */
    <E extends Enum<E>> E keyword(YamlNode node, String field, E[] values, Function<E, String> keyword)
            throws ScenarioFileException {
        String expected = "one of: " + Arrays.stream(values).map(keyword).collect(Collectors.joining(", "));
        if (node instanceof Scalar scalar && !scalar.isEmpty()) {
            for (E value : values) {
                if (keyword.apply(value).equals(scalar.text())) {
                    return value;
                }
            }
        }
        throw wrongType(node, field, expected);
    }

    static String describe(YamlNode node) {
        if (node instanceof Mapping) {
            return "a mapping";
        }
        if (node instanceof Sequence) {
            return "a list";
        }
        Scalar scalar = (Scalar) node;
        if (scalar.isEmpty()) {
            return "no value";
        }
        return scalar.kind() == Kind.STRING ? "'" + scalar.text() + "'" : scalar.text();
    }

    /** The entries of a mapping whose keys were checked, read by key. */
    static final class Fields {
        private final NodeReader reader;
        private final Mapping mapping;
        private final String field;

        private Fields(NodeReader reader, Mapping mapping, String field) {
            this.reader = reader;
            this.mapping = mapping;
            this.field = field;
        }

        /** The place of this mapping, for error messages. */
        String field() {
            return field;
        }

        YamlNode.Mark mark() {
            return mapping.mark();
        }

        boolean isEmpty() {
            return mapping.entries().isEmpty();
        }

        /** The place of one of its keys. */
        String field(String key) {
            return field.isEmpty() || field.equals(ScenarioLoader.TOP_LEVEL) ? key : field + "." + key;
        }

        Optional<YamlNode> optional(String key) {
            return mapping.entries().stream().filter(entry -> entry.key().equals(key)).map(Entry::value).findFirst();
        }

        YamlNode required(String key, String expected) throws ScenarioFileException {
            Optional<YamlNode> node = optional(key);
            if (node.isEmpty()) {
                throw reader.error(mapping.mark(), field, "missing key '" + key + "'", key + ": " + expected);
            }
            return node.get();
        }

        String requiredString(String key, String expected) throws ScenarioFileException {
            return reader.string(required(key, expected), field(key), expected);
        }

        /** A required string that must be one of {@code names} (a fixture, a device profile...). */
        String requiredName(String key, String what, java.util.function.Predicate<String> known, String names)
                throws ScenarioFileException {
            YamlNode node = required(key, what);
            return reader.name(node, field(key), what, known, names);
        }

        String optionalString(String key, String expected, String fallback) throws ScenarioFileException {
            Optional<YamlNode> node = optional(key);
            return node.isEmpty() ? fallback : reader.string(node.get(), field(key), expected);
        }
    }
}
