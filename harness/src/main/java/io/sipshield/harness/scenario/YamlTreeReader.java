package io.sipshield.harness.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.sipshield.harness.scenario.YamlNode.Entry;
import io.sipshield.harness.scenario.YamlNode.Kind;
import io.sipshield.harness.scenario.YamlNode.Mark;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML document into a {@link YamlNode} tree with Jackson's streaming YAML parser.
 * Strict: duplicate keys, anchors and aliases, and a second document are errors.
 */
final class YamlTreeReader {

    private final YAMLFactory factory = YAMLFactory.builder().build();

    /** @param file names the source in error messages */
    YamlNode read(Path file, String text) throws ScenarioFileException {
        try (JsonParser parser = factory.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new ScenarioFileException(file, 1, 1, null, "empty file",
                        "a scenario mapping with the keys " + String.join(", ", ScenarioKeys.SCENARIO));
            }
            YamlNode root = readValue(file, parser);
            if (parser.nextToken() != null) {
                Mark mark = mark(parser);
                throw new ScenarioFileException(file, mark.line(), mark.column(), null,
                        "a second YAML document", "one scenario per file");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw syntaxError(file, e);
        } catch (IOException e) {
            throw new ScenarioFileException(file, 0, 0, null, "cannot read YAML: " + e.getMessage(), "a readable file");
        }
    }

    private YamlNode readValue(Path file, JsonParser parser) throws IOException, ScenarioFileException {
        Mark mark = mark(parser);
        if (((YAMLParser) parser).isCurrentAlias()) {
            throw new ScenarioFileException(file, mark.line(), mark.column(), null,
                    "alias '*" + parser.getText() + "'", "plain values (anchors and aliases are not supported)");
        }
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> readMapping(file, parser, mark);
            case START_ARRAY -> readSequence(file, parser, mark);
            case VALUE_STRING -> new YamlNode.Scalar(mark, parser.getText(), Kind.STRING);
            case VALUE_NUMBER_INT -> new YamlNode.Scalar(mark, parser.getText(), Kind.INTEGER);
            case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(mark, parser.getText(), Kind.FLOAT);
            case VALUE_TRUE -> new YamlNode.Scalar(mark, parser.getText(), Kind.TRUE);
            case VALUE_FALSE -> new YamlNode.Scalar(mark, parser.getText(), Kind.FALSE);
            case VALUE_NULL -> new YamlNode.Scalar(mark, "", Kind.NULL);
            default -> throw new ScenarioFileException(file, mark.line(), mark.column(), null,
                    "unexpected YAML content '" + parser.getText() + "'", "a mapping, a list or a plain value");
        };
    }

    private YamlNode readMapping(Path file, JsonParser parser, Mark mark) throws IOException, ScenarioFileException {
        List<Entry> entries = new ArrayList<>();
        Map<String, Mark> seen = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Mark keyMark = mark(parser);
            Mark first = seen.putIfAbsent(key, keyMark);
            if (first != null) {
                throw new ScenarioFileException(file, keyMark.line(), keyMark.column(), null,
                        "duplicate key '" + key + "'", "each key once (first at line " + first.line() + ")");
            }
            parser.nextToken();
            entries.add(new Entry(key, keyMark, readValue(file, parser)));
        }
        return new YamlNode.Mapping(mark, entries);
    }

    private YamlNode readSequence(Path file, JsonParser parser, Mark mark) throws IOException, ScenarioFileException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readValue(file, parser));
        }
        return new YamlNode.Sequence(mark, items);
    }

    private static Mark mark(JsonParser parser) {
        JsonLocation location = parser.currentTokenLocation();
        return new Mark(location.getLineNr(), location.getColumnNr());
    }

    private static ScenarioFileException syntaxError(Path file, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        int line = location == null ? 0 : location.getLineNr();
        int column = location == null ? 0 : location.getColumnNr();
        return new ScenarioFileException(file, line, column, null, "YAML syntax error: " + describe(e), "valid YAML");
    }

    /** The parser's problem in one line, without the source excerpt it prints under it. */
    private static String describe(JsonProcessingException e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblem() != null) {
            String problem = marked.getProblem();
            if (marked.getContext() != null && marked.getContextMark() != null) {
                problem += " (" + marked.getContext() + " started at line " + (marked.getContextMark().getLine() + 1)
                        + ", column " + (marked.getContextMark().getColumn() + 1) + ")";
            }
            return oneLine(problem);
        }
        return oneLine(e.getOriginalMessage());
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "unreadable input";
        }
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
