package io.sipshield.harness.compare;

import io.sipshield.harness.report.MismatchTable;
import io.sipshield.harness.report.ScenarioNames;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a {@link Comparison} as text: per scenario that differs, its verdict on each side and a table of
 * every expectation whose result differs, expected beside what the mock and the target observed
 * ({@code <<<<<} on each row, as {@link MismatchTable} marks a mismatch); then the summary line.
 * Scenarios that agree are not listed one by one.
 */
public final class ComparisonPrinter {

    private static final String INDENT = "    ";

    private final ScenarioNames names;

    /** @param root scenario paths are shown relative to it */
    public ComparisonPrinter(Path root) {
        this.names = new ScenarioNames(root);
    }

    /** Prints the differences and the summary to {@code out}, and flushes it. */
    public void print(Comparison comparison, PrintWriter out) {
        out.println("Differences between the mock and " + comparison.target() + ":");
        List<ScenarioComparison> differing = comparison.differing();
        if (differing.isEmpty()) {
            out.println(INDENT + "none");
        }
        for (ScenarioComparison scenario : differing) {
            out.println(scenario.name(names.display(scenario.file())) + ": " + side(scenario.mock(), scenario.mockError())
                    + " on the mock, " + side(scenario.target(), scenario.targetError()) + " on the target");
            for (String line : table(scenario.differences())) {
                out.println(INDENT + line);
            }
        }
        out.println(comparison.summary());
        out.flush();
    }

    private static String side(Object verdict, String error) {
        return verdict == null ? "not run" : error == null ? verdict.toString() : verdict + " (" + error + ")";
    }

    /** {@code check  expected | mock | target  <<<<<}, one row per difference; nothing when there is none. */
    static List<String> table(List<ExpectationDifference> differences) {
        if (differences.isEmpty()) {
            return List.of();
        }
        int[] widths = {"check".length(), "expected".length(), "mock".length(), "target".length()};
        for (ExpectationDifference difference : differences) {
            widths[0] = Math.max(widths[0], difference.check().length());
            widths[1] = Math.max(widths[1], difference.expected().length());
            widths[2] = Math.max(widths[2], difference.mockObserved().length());
            widths[3] = Math.max(widths[3], difference.targetObserved().length());
        }
        String format = "%-" + widths[0] + "s  %-" + widths[1] + "s | %-" + widths[2] + "s | %-" + widths[3] + "s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(format, "check", "expected", "mock", "target").stripTrailing());
        for (ExpectationDifference difference : differences) {
            lines.add(String.format(format, difference.check(), difference.expected(), difference.mockObserved(),
                    difference.targetObserved()) + "  " + MismatchTable.MARK);
        }
        return lines;
    }
}
