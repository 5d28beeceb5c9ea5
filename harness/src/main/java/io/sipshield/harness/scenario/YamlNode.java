package io.sipshield.harness.scenario;

import java.util.List;

/**
 * A YAML document as a tree whose every node remembers where it started, so that errors found
 * while binding (a missing field, an unknown phone) can still name the line and column.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    /** Where the node starts in the file. */
    Mark mark();

    /** @param line 1-based line, @param column 1-based column */
    record Mark(int line, int column) {
    }

    /** A key of a mapping with the node it maps to; keys are unique within a mapping. */
    record Entry(String key, Mark keyMark, YamlNode value) {
    }

    record Mapping(Mark mark, List<Entry> entries) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }
    }

    record Sequence(Mark mark, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /**
     * @param text the scalar as written, without quotes
     * @param kind how YAML resolved it
     */
    record Scalar(Mark mark, String text, Kind kind) implements YamlNode {

        /** True for {@code ~}, {@code null} and a key with nothing after it. */
        boolean isEmpty() {
            return kind == Kind.NULL || text.isEmpty();
        }
    }

    /** How YAML resolved a scalar. */
    enum Kind { STRING, INTEGER, FLOAT, TRUE, FALSE, NULL }
}
