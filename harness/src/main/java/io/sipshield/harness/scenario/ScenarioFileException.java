package io.sipshield.harness.scenario;

import java.nio.file.Path;

/**
 * A scenario file that cannot be used: YAML syntax, an unknown key, a wrong type, a missing field,
 * a reference to an undeclared phone. The message names the place and what was expected, like
 * {@code scenarios/digium/x.yaml:12:5: unknown key 'bitmsk' in expect.tls; expected one of:
 * established, version, cipher, bitmask}. A line or column of 0 means the place is unknown (the
 * file could not be read at all).
 */
public final class ScenarioFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final int column;
    private final String field;
    private final String problem;
    private final String expected;
    private final String caseName;

    /**
     * A bad value.
     *
     * @param field    where in the document, for example {@code expect.tls.bitmask}
     * @param expected what would have been accepted
     */
    public ScenarioFileException(Path file, int line, int column, String field, String expected) {
        this(file, line, column, field, "bad value", expected);
    }

    /**
     * @param field    where in the document, or null for the document as a whole (a syntax error)
     * @param problem  what is wrong, for example {@code unknown key 'bitmsk'}
     * @param expected what would have been accepted
     */
    public ScenarioFileException(Path file, int line, int column, String field, String problem, String expected) {
        this(file, line, column, field, problem, expected, null);
    }

    private ScenarioFileException(Path file, int line, int column, String field, String problem, String expected,
                                  String caseName) {
        super(format(file, line, column, field, problem, expected, caseName));
        this.file = file;
        this.line = line;
        this.column = column;
        this.field = field;
        this.problem = problem;
        this.expected = expected;
        this.caseName = caseName;
    }

    /** The same error found in one row of the file's table of cases: the message names the row. */
    public ScenarioFileException inCase(String name) {
        return new ScenarioFileException(file, line, column, field, problem, expected, name);
    }

    /** The row of the table of cases the error was found in, or null. */
    public String caseName() {
        return caseName;
    }

    private static String format(Path file, int line, int column, String field, String problem, String expected,
                                 String caseName) {
        StringBuilder text = new StringBuilder().append(file);
        if (line > 0) {
            text.append(':').append(line);
            if (column > 0) {
                text.append(':').append(column);
            }
        }
        text.append(": ");
        if (caseName != null) {
            text.append("case '").append(caseName).append("': ");
        }
        text.append(problem);
        if (field != null) {
            text.append(" in ").append(field);
        }
        return text.append("; expected ").append(expected).toString();
    }

    public Path file() {
        return file;
    }

    /** 1-based line, 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, 0 when unknown. */
    public int column() {
        return column;
    }

    /** Where in the document, or null for the document as a whole. */
    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    public String expected() {
        return expected;
    }
}
