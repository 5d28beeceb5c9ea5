package io.sipshield.harness.report;

import io.sipshield.harness.run.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks side by side, one row each: name, expected value, {@code |}, observed value, and
 * {@code <<<<<} on every row that does not hold (the shape of WireMock's near-miss diff).
 */
public final class MismatchTable {

    /** Marks a row whose check did not hold. */
    public static final String MARK = "<<<<<";

    private MismatchTable() {
    }

    /** The table as lines without line ends, a header line first; empty when there is no check. */
    public static List<String> render(List<Check> checks) {
        if (checks.isEmpty()) {
            return List.of();
        }
        int nameWidth = "check".length();
        int expectedWidth = "expected".length();
        int observedWidth = "observed".length();
        for (Check check : checks) {
            nameWidth = Math.max(nameWidth, check.name().length());
            expectedWidth = Math.max(expectedWidth, check.expected().length());
            observedWidth = Math.max(observedWidth, check.observed().length());
        }
        String format = "%-" + nameWidth + "s  %-" + expectedWidth + "s | %-" + observedWidth + "s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(format, "check", "expected", "observed").stripTrailing());
        for (Check check : checks) {
            String row = String.format(format, check.name(), check.expected(), check.observed());
            lines.add(check.failed() ? row + "  " + MARK : row.stripTrailing());
        }
        return lines;
    }
}
