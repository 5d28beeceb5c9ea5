package io.sipshield.harness.scenario;

import io.sipshield.harness.scenario.YamlNode.Entry;
import io.sipshield.harness.scenario.YamlNode.Mapping;
import io.sipshield.harness.scenario.YamlNode.Scalar;
import io.sipshield.harness.scenario.YamlNode.Sequence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file's table of cases ({@code cases: { columns, rows }}): one scenario per row, made by replacing
 * every {@code ${column}} placeholder in the rest of the document with the row's cell. The substitution
 * works on the YAML node tree, so a substituted value keeps the cell's line and column (an error in
 * a value that came from a cell points at the cell) and, when the placeholder is a whole scalar,
 * the cell's YAML type.
 *
 * <ul>
 *   <li>{@code ${col}} as a whole scalar: replaced by the cell node (number, bool, string, list, mapping);
 *       a {@code ~} cell as the value of a mapping entry removes the entry, and a mapping left empty
 *       that way is removed from its own parent (so {@code sip: { register: "${r}" }} goes away).</li>
 *   <li>{@code ${col}} inside a longer string: the cell's text is interpolated (scalar cells only).</li>
 *   <li>{@code $${} is a literal {@code ${}; {@code ${fixtures}} is left as it is for server configuration
 *       ({@link #RESERVED}); so is a {@code ${} not followed by a lower-case name and a brace, such as
 *       Asterisk's {@code ${EXTEN}} or {@code ${CALLERID(num)}} in inline extensions.conf.</li>
 * </ul>
 * A column no placeholder uses is an error at the {@code columns} line, except {@code name} (the row's
 * id) and {@code about} (the row's description).
 */
final class CaseTable {

    /** Placeholders that are not columns: they are replaced later, by the runner. */
    static final Set<String> RESERVED = Set.of("fixtures");

    private static final Pattern COLUMN = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern ROW_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    /** A placeholder: a lower-case name in braces. Anything else after {@code ${} stays as written. */
    private static final Pattern WHOLE = Pattern.compile("\\$\\{([a-z][a-z0-9-]*)}");
    private static final String FIELD = "cases";

    private final NodeReader reader;
    private final List<String> columns;
    private final YamlNode.Mark columnsMark;
    private final List<Row> rows;

    /**
     * One row: its name and its cells by column.
     *
     * @param name  the {@code name} cell
     * @param mark  where the row starts
     * @param cells the cells by column, in column order
     */
    record Row(String name, YamlNode.Mark mark, Map<String, YamlNode> cells) {
    }

    private CaseTable(NodeReader reader, List<String> columns, YamlNode.Mark columnsMark, List<Row> rows) {
        this.reader = reader;
        this.columns = columns;
        this.columnsMark = columnsMark;
        this.rows = rows;
    }

    /** Reads and checks the {@code cases} node: column names, one cell per column, unique row names. */
    static CaseTable read(NodeReader reader, YamlNode node) throws ScenarioFileException {
        NodeReader.Fields cases = reader.mapping(node, FIELD, ScenarioKeys.CASES);
        String columnsExpected = "a list of column names like [name, profile, certificate], name first";
        YamlNode columnsNode = cases.required("columns", columnsExpected);
        List<YamlNode> columnNodes = reader.list(columnsNode, "cases.columns", columnsExpected);
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < columnNodes.size(); i++) {
            YamlNode cell = columnNodes.get(i);
            String field = "cases.columns[" + i + "]";
            String column = reader.string(cell, field, "a column name matching [a-z][a-z0-9-]*");
            if (!COLUMN.matcher(column).matches() || RESERVED.contains(column)) {
                throw reader.error(cell.mark(), field, "bad column name '" + column + "'",
                        "a name matching [a-z][a-z0-9-]*, not " + String.join(", ", RESERVED));
            }
            if (columns.contains(column)) {
                throw reader.error(cell.mark(), field, "duplicate column '" + column + "'", "unique column names");
            }
            columns.add(column);
        }
        if (columns.isEmpty() || !columns.get(0).equals("name")) {
            throw reader.error(columnsNode.mark(), "cases.columns", "the first column is not 'name'", columnsExpected);
        }
        String rowsExpected = "a list of rows, each a list of " + columns.size() + " cells";
        YamlNode rowsNode = cases.required("rows", rowsExpected);
        List<YamlNode> rowNodes = reader.list(rowsNode, "cases.rows", rowsExpected);
        if (rowNodes.isEmpty()) {
            throw reader.error(rowsNode.mark(), "cases.rows", "no row", rowsExpected);
        }
        List<Row> rows = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rowNodes.size(); i++) {
            rows.add(row(reader, rowNodes.get(i), "cases.rows[" + i + "]", columns, names));
        }
        return new CaseTable(reader, List.copyOf(columns), columnsNode.mark(), List.copyOf(rows));
    }

    private static Row row(NodeReader reader, YamlNode node, String field, List<String> columns, Set<String> names)
            throws ScenarioFileException {
        List<YamlNode> cells = reader.list(node, field, "a list of " + columns.size() + " cells, one per column: "
                + String.join(", ", columns));
        if (cells.size() != columns.size()) {
            throw reader.error(node.mark(), field, "row has " + cells.size() + " cells, columns has " + columns.size(),
                    "one cell per column: " + String.join(", ", columns));
        }
        YamlNode nameCell = cells.get(0);
        String name = reader.string(nameCell, field + ".name", "a row name matching [a-z0-9][a-z0-9._-]*");
        if (!ROW_NAME.matcher(name).matches()) {
            throw reader.error(nameCell.mark(), field + ".name", "bad row name '" + name + "'",
                    "a name matching [a-z0-9][a-z0-9._-]*");
        }
        if (!names.add(name)) {
            throw reader.error(nameCell.mark(), field + ".name", "duplicate row name '" + name + "'",
                    "a name no other row has");
        }
        Map<String, YamlNode> byColumn = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            byColumn.put(columns.get(i), cells.get(i));
        }
        return new Row(name, node.mark(), byColumn);
    }

    List<Row> rows() {
        return rows;
    }

    /**
     * Checks every placeholder of {@code document} (the file without {@code cases}) against the columns:
     * an unknown column is an error at the placeholder's scalar, a column used nowhere an error at the
     * {@code columns} line.
     */
    void checkPlaceholders(Mapping document) throws ScenarioFileException {
        Set<String> used = new LinkedHashSet<>();
        collect(document, used);
        for (String column : columns) {
            if (!column.equals("name") && !column.equals("about") && !used.contains(column)) {
                throw reader.error(columnsMark, "cases.columns", "column '" + column + "' is used nowhere",
                        "a ${" + column + "} placeholder in the scenario, or no such column");
            }
        }
    }

    private void collect(YamlNode node, Set<String> used) throws ScenarioFileException {
        if (node instanceof Mapping mapping) {
            for (Entry entry : mapping.entries()) {
                collect(entry.value(), used);
            }
        } else if (node instanceof Sequence sequence) {
            for (YamlNode item : sequence.items()) {
                collect(item, used);
            }
        } else {
            for (Piece piece : pieces((Scalar) node)) {
                if (piece.column() != null) {
                    used.add(piece.column());
                }
            }
        }
    }

    /** The document for one row: every placeholder replaced by the row's cell. */
    Mapping substitute(Mapping document, Row row) throws ScenarioFileException {
        YamlNode result = replace(document, row);
        return result == null ? new Mapping(document.mark(), List.of()) : (Mapping) result;
    }

    /** The node with placeholders replaced; null when a {@code ~} cell removes it from its mapping. */
    private YamlNode replace(YamlNode node, Row row) throws ScenarioFileException {
        if (node instanceof Mapping mapping) {
            List<Entry> entries = new ArrayList<>();
            for (Entry entry : mapping.entries()) {
                YamlNode value = replace(entry.value(), row);
                if (value != null) {
                    entries.add(new Entry(entry.key(), entry.keyMark(), value));
                }
            }
            if (entries.isEmpty() && !mapping.entries().isEmpty()) {
                return null;
            }
            return new Mapping(mapping.mark(), entries);
        }
        if (node instanceof Sequence sequence) {
            List<YamlNode> items = new ArrayList<>();
            for (YamlNode item : sequence.items()) {
                YamlNode value = replace(item, row);
                items.add(value == null ? new Scalar(item.mark(), "", YamlNode.Kind.NULL) : value);
            }
            return new Sequence(sequence.mark(), items);
        }
        return scalar((Scalar) node, row);
    }

    private YamlNode scalar(Scalar scalar, Row row) throws ScenarioFileException {
        List<Piece> pieces = pieces(scalar);
        if (pieces.stream().allMatch(piece -> piece.column() == null)) {
            return pieces.isEmpty() || pieces.size() == 1 && pieces.get(0).text().equals(scalar.text()) ? scalar
                    : new Scalar(scalar.mark(), join(pieces, row, scalar), scalar.kind());
        }
        if (pieces.size() == 1) {
            YamlNode cell = row.cells().get(pieces.get(0).column());
            return cell instanceof Scalar value && value.kind() == YamlNode.Kind.NULL ? null : cell;
        }
        return new Scalar(scalar.mark(), join(pieces, row, scalar), YamlNode.Kind.STRING);
    }

    private String join(List<Piece> pieces, Row row, Scalar scalar) throws ScenarioFileException {
        StringBuilder text = new StringBuilder();
        for (Piece piece : pieces) {
            if (piece.column() == null) {
                text.append(piece.text());
                continue;
            }
            YamlNode cell = row.cells().get(piece.column());
            if (!(cell instanceof Scalar value) || value.kind() == YamlNode.Kind.NULL) {
                throw reader.error(cell.mark(), "cases.rows[" + row.name() + "]." + piece.column(),
                        "found " + NodeReader.describe(cell) + " for ${" + piece.column() + "} inside the text '"
                                + scalar.text() + "' at line " + scalar.mark().line(),
                        "a plain value (a list, a mapping or ~ can only replace a whole value)");
            }
            text.append(value.text());
        }
        return text.toString();
    }

    /**
     * A scalar's text as literal pieces and placeholders. Only strings hold placeholders; {@code $${}
     * becomes a literal {@code ${}, and a reserved name ({@code ${fixtures}}) stays literal.
     */
    private List<Piece> pieces(Scalar scalar) throws ScenarioFileException {
        if (scalar.kind() != YamlNode.Kind.STRING || !scalar.text().contains("${")) {
            return List.of(new Piece(scalar.text(), null));
        }
        String text = scalar.text();
        List<Piece> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int at = 0;
        while (at < text.length()) {
            if (text.startsWith("$${", at)) {
                literal.append("${");
                at += 3;
                continue;
            }
            if (!text.startsWith("${", at)) {
                literal.append(text.charAt(at++));
                continue;
            }
            Matcher placeholder = WHOLE.matcher(text).region(at, text.length());
            if (!placeholder.lookingAt()) {
                literal.append("${");
                at += 2;
                continue;
            }
            String column = placeholder.group(1);
            at = placeholder.end();
            if (RESERVED.contains(column)) {
                literal.append(placeholder.group());
                continue;
            }
            if (!columns.contains(column)) {
                throw reader.error(scalar.mark(), null, "unknown column '" + column + "' in ${" + column + "}",
                        "one of the columns: " + String.join(", ", columns) + " (or $${ for a literal ${)");
            }
            if (!literal.isEmpty()) {
                pieces.add(new Piece(literal.toString(), null));
                literal.setLength(0);
            }
            pieces.add(new Piece(null, column));
        }
        if (!literal.isEmpty() || pieces.isEmpty()) {
            pieces.add(new Piece(literal.toString(), null));
        }
        return pieces;
    }

    /** Literal text, or the column a placeholder names. */
    private record Piece(String text, String column) {
    }

    /** The row's description: its {@code about} cell when there is one, else the substituted top-level about. */
    static Optional<String> aboutCell(Row row) {
        YamlNode cell = row.cells().get("about");
        if (cell instanceof Scalar scalar && !scalar.isEmpty()) {
            return Optional.of(scalar.text());
        }
        return Optional.empty();
    }
}
