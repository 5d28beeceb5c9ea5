package io.sipshield.harness.report;

import io.sipshield.harness.run.Check;
import io.sipshield.harness.run.RunListener;
import io.sipshield.harness.run.ScenarioResult;
import io.sipshield.harness.run.Verdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a run as a plain-text table, one row per scenario (path, verdict, time) as each one ends.
 * Under a scenario that did not pass it prints every check that did not hold, expected and observed
 * side by side ({@link MismatchTable}), or the error or invalid-file message. A summary line closes
 * the run: {@code 3 passed, 1 failed} plus {@code , N errors, N invalid} when there are any.
 * Verdicts are coloured only when asked to (a terminal). With a progress line (also only for a
 * terminal), a line {@code [3/150] 2 not passed, 12.4 s} stands below the table while scenarios remain; it
 * is rewritten in place and erased before each new row, so the table itself stays clean.
 */
public final class ConsoleReporter implements RunListener {

    private static final String INDENT = "    ";
    private static final String RESET = "\u001B[0m";
    private static final Map<Verdict, String> COLOURS = Map.of(
            Verdict.PASS, "\u001B[32m",
            Verdict.FAIL, "\u001B[31m",
            Verdict.ERROR, "\u001B[31m",
            Verdict.INVALID, "\u001B[33m");

    private final PrintWriter out;
    private final Path root;
    private static final String ERASE_LINE = "\r\u001B[K";

    private final boolean colour;
    private final boolean progress;
    private int nameWidth = "scenario".length();
    private int total;
    private int finished;
    private int notPassed;
    private long startNanos;
    private boolean progressShown;

    /**
     * @param out    where to print
     * @param root   paths are printed relative to it when they lie under it
     * @param colour whether to colour verdicts with ANSI escapes (only for a terminal)
     */
    public ConsoleReporter(PrintWriter out, Path root, boolean colour) {
        this(out, root, colour, false);
    }

    /**
     * @param out      where to print
     * @param root     paths are printed relative to it when they lie under it
     * @param colour   whether to colour verdicts with ANSI escapes (only for a terminal)
     * @param progress whether to keep a progress line below the table (only for a terminal: it uses
     *                 carriage returns and an erase-line escape)
     */
    public ConsoleReporter(PrintWriter out, Path root, boolean colour, boolean progress) {
        this.out = out;
        this.root = root.toAbsolutePath().normalize();
        this.colour = colour;
        this.progress = progress;
    }

    @Override
    public synchronized void runStarting(List<Path> files) {
        runStarting(files, java.util.Collections.nCopies(files.size(), null));
    }

    /** Prints the header, wide enough for every scenario's name (a row of a table as {@code file[row]}). */
    @Override
    public synchronized void runStarting(List<Path> files, List<String> caseNames) {
        total = files.size();
        startNanos = System.nanoTime();
        for (int i = 0; i < files.size(); i++) {
            String name = display(files.get(i));
            String row = caseNames.get(i);
            nameWidth = Math.max(nameWidth, row == null ? name.length() : name.length() + row.length() + 2);
        }
        if (!files.isEmpty()) {
            out.println(String.format("%-" + nameWidth + "s  %-7s  %s", "scenario", "verdict", "time"));
            out.flush();
        }
    }

    @Override
    public synchronized void scenarioFinished(ScenarioResult result) {
        eraseProgress();
        finished++;
        if (result.verdict() != Verdict.PASS) {
            notPassed++;
        }
        String verdict = String.format("%-7s", result.verdict());
        if (colour) {
            verdict = COLOURS.get(result.verdict()) + verdict + RESET;
        }
        out.println(String.format("%-" + nameWidth + "s  %s  %s", result.name(display(result.file())), verdict, seconds(result.elapsed())));
        switch (result.verdict()) {
            case PASS -> { }
            case FAIL -> {
                for (String line : MismatchTable.render(result.failedChecks())) {
                    out.println(INDENT + markRed(line));
                }
                for (String note : result.notes()) {
                    out.println(INDENT + "observed: " + note);
                }
            }
            case ERROR, INVALID -> out.println(INDENT + result.error());
        }
        for (Check check : result.notObservableChecks()) {
            out.println(INDENT + Check.NOT_OBSERVABLE + ": " + check.name() + " (expected " + check.expected() + ")");
        }
        if (progress && finished < total) {
            out.print(progressLine());
            progressShown = true;
        }
        out.flush();
    }

    /** {@code [3/150] 2 not passed, 12.4 s}: scenarios finished of all, how many did not pass, time so far. */
    String progressLine() {
        return String.format(Locale.ROOT, "[%d/%d] %d not passed, %.1f s", finished, total, notPassed,
                (System.nanoTime() - startNanos) / 1e9);
    }

    private void eraseProgress() {
        if (progressShown) {
            out.print(ERASE_LINE);
            progressShown = false;
        }
    }

    /** Prints the summary line; nothing when no scenario ran. */
    @Override
    public synchronized void runFinished(List<ScenarioResult> results) {
        eraseProgress();
        if (results.isEmpty()) {
            return;
        }
        out.println();
        out.println(summary(results));
        out.flush();
    }

    /** {@code N passed, N failed}, then {@code , N errors} and {@code , N invalid} when non-zero. */
    public static String summary(List<ScenarioResult> results) {
        StringBuilder line = new StringBuilder()
                .append(count(results, Verdict.PASS)).append(" passed, ")
                .append(count(results, Verdict.FAIL)).append(" failed");
        long errors = count(results, Verdict.ERROR);
        if (errors > 0) {
            line.append(", ").append(errors).append(" errors");
        }
        long invalid = count(results, Verdict.INVALID);
        if (invalid > 0) {
            line.append(", ").append(invalid).append(" invalid");
        }
        long notObservable = results.stream().mapToLong(result -> result.notObservableChecks().size()).sum();
        if (notObservable > 0) {
            line.append(" (").append(notObservable).append(notObservable == 1 ? " expectation" : " expectations")
                    .append(' ').append(Check.NOT_OBSERVABLE).append(')');
        }
        return line.toString();
    }

    private static long count(List<ScenarioResult> results, Verdict verdict) {
        return results.stream().filter(result -> result.verdict() == verdict).count();
    }

    private String markRed(String line) {
        if (!colour || !line.endsWith(MismatchTable.MARK)) {
            return line;
        }
        int at = line.length() - MismatchTable.MARK.length();
        return line.substring(0, at) + COLOURS.get(Verdict.FAIL) + MismatchTable.MARK + RESET;
    }

    private String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (file.isAbsolute() && absolute.startsWith(root) && !absolute.equals(root)) {
            return root.relativize(absolute).toString();
        }
        return file.toString();
    }

    private static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
    }
}
