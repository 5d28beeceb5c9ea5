package io.sipshield.harness.cli;

import io.sipshield.harness.compare.Comparison;
import io.sipshield.harness.compare.ComparisonPrinter;
import io.sipshield.harness.report.ComparisonReporter;
import io.sipshield.harness.report.ConsoleReporter;
import io.sipshield.harness.report.ReportDirectory;
import io.sipshield.harness.report.RunHeader;
import io.sipshield.harness.run.LiveScenarioExecutor;
import io.sipshield.harness.run.RemoteTarget;
import io.sipshield.harness.run.ScenarioExecutor;
import io.sipshield.harness.run.ScenarioResult;
import io.sipshield.harness.run.ScenarioRunner;
import io.sipshield.harness.run.Verdict;
import io.sipshield.harness.scenario.TargetServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code sipshield run --target} and {@code --compare}: points a live executor at the real server
 * ({@link TargetOptions}), after checking that it answers at all ({@link TargetReachability}); and for a
 * comparison runs the scenarios twice, the mock first, then prints and writes what differs.
 */
final class RemoteRuns {

    /** Where a comparison's reports go under {@code --report-dir}: one directory per side. */
    static final String MOCK_REPORTS = "mock";
    static final String TARGET_REPORTS = "target";

    private final TargetOptions options;
    private final PrintWriter out;
    private final PrintWriter err;

    RemoteRuns(TargetOptions options, PrintWriter out, PrintWriter err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /**
     * Points {@code executor} at the target; {@link ExitCodes#OK} when it is, otherwise the exit code
     * (with one line on standard error): unusable options, a target that does not answer, an executor
     * that does not run scenarios live.
     */
    int retarget(ScenarioExecutor executor) {
        try {
            options.validate();
            if (!options.requested()) {
                return ExitCodes.OK;
            }
            if (!(executor instanceof LiveScenarioExecutor live)) {
                err.println("sipshield run: " + TargetOptions.TARGET + " and " + TargetOptions.COMPARE
                        + " need scenarios run live");
                return ExitCodes.INVALID_INPUT;
            }
            RemoteTarget target = options.remote(live.fixtures());
            String problem = TargetReachability.problem(target.server(), TargetReachability.CONNECT_TIMEOUT);
            if (problem != null) {
                err.println("sipshield run: target " + target.server() + " is unreachable (" + problem
                        + "); no scenario was run");
                return ExitCodes.TARGET_UNREACHABLE;
            }
            live.retarget(target);
            return ExitCodes.OK;
        } catch (UnusableInput e) {
            err.println("sipshield run: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
    }

    /**
     * Runs {@code paths} against the mock, then against the target, prints both tables and the differences,
     * and writes the reports when {@code reportDir} is set: {@value #MOCK_REPORTS}/ and {@value #TARGET_REPORTS}/
     * (each as a plain run's) plus {@link ComparisonReporter}'s files. Stopped by SIGTERM, it still writes
     * each side's reports of what finished ({@link ReportsOnShutdown}; a side not started writes none).
     *
     * @return {@link ExitCodes#DIFFERENT} when anything differs, {@link ExitCodes#INVALID_INPUT} for an
     *         unusable file or no scenario, {@link ExitCodes#OK} when both sides agree on everything
     */
    int compare(Supplier<ScenarioExecutor> executors, ScenarioRunner.Builder runner, List<Path> paths, Path reportDir,
                boolean colour) {
        ScenarioExecutor targetExecutor = executors.get();
        int code = retarget(targetExecutor);
        if (code != ExitCodes.OK) {
            close(targetExecutor, err);
            return code;
        }
        TargetServer server = ((LiveScenarioExecutor) targetExecutor).target().server();
        // a SIGTERM from here on still writes each side's reports of what finished (the comparison is not written)
        ReportsOnShutdown mockSide = ReportsOnShutdown.install("the mock", new ConsoleReporter(out, Path.of(""), colour,
                false), out, err, sideReports(reportDir, MOCK_REPORTS));
        ReportsOnShutdown targetSide = ReportsOnShutdown.install("the target", new ConsoleReporter(out, Path.of(""),
                colour, false), out, err, sideReports(reportDir, TARGET_REPORTS));
        try {
            out.println("Run 1 of 2: the mock");
            List<ScenarioResult> mock = runOn(executors.get(), runner, paths, mockSide);
            out.println();
            out.println("Run 2 of 2: the target " + server);
            List<ScenarioResult> onTarget = runOn(targetExecutor, runner, paths, targetSide);
            if (mock.isEmpty()) {
                err.println("sipshield run: no scenario file (*.yaml, *.yml) found in: "
                        + String.join(", ", paths.stream().map(Path::toString).toList()));
                return ExitCodes.INVALID_INPUT;
            }
            return mockSide.complete(() -> {
                Integer compared = targetSide.complete(() -> compared(server, mock, onTarget, reportDir,
                        mockSide.header(), targetSide.header()), null);
                if (compared == null) { // the target side's hook took over just now: the mock side is still ours
                    writeSide(reportDir, MOCK_REPORTS, mock, mockSide.header());
                    return ExitCodes.INTERRUPTED;
                }
                return compared;
            }, ExitCodes.INTERRUPTED);
        } finally {
            mockSide.close();
            targetSide.close();
        }
    }

    /** Prints the differences and writes every report; the exit code as {@link #compare} describes it. */
    private int compared(TargetServer server, List<ScenarioResult> mock, List<ScenarioResult> onTarget, Path reportDir,
                         RunHeader mockHeader, RunHeader targetHeader) {
        Comparison comparison = Comparison.of(server, mock, onTarget);
        out.println();
        new ComparisonPrinter(Path.of("")).print(comparison, out);
        if (reportDir != null) {
            try {
                new ReportDirectory(reportDir.resolve(MOCK_REPORTS), Path.of(""), mockHeader).write(mock);
                new ReportDirectory(reportDir.resolve(TARGET_REPORTS), Path.of(""), targetHeader).write(onTarget);
                new ComparisonReporter(Path.of("")).write(comparison, reportDir);
            } catch (IOException e) {
                err.println("sipshield run: " + e.getMessage());
                return ExitCodes.INVALID_INPUT;
            }
        }
        if (mock.stream().anyMatch(result -> result.verdict() == Verdict.INVALID)) {
            return ExitCodes.INVALID_INPUT;
        }
        return comparison.differs() ? ExitCodes.DIFFERENT : ExitCodes.OK;
    }

    /** What a stopped comparison writes for one side: its reports under {@code reportDir/side}; null without. */
    private static ReportsOnShutdown.Reports sideReports(Path reportDir, String side) {
        return reportDir == null ? null
                : (results, header) -> new ReportDirectory(reportDir.resolve(side), Path.of(""), header).write(results);
    }

    /** Writes one side's reports (a failure is one line on standard error). */
    private void writeSide(Path reportDir, String side, List<ScenarioResult> results, RunHeader header) {
        if (reportDir == null) {
            return;
        }
        try {
            new ReportDirectory(reportDir.resolve(side), Path.of(""), header).write(results);
        } catch (IOException e) {
            err.println("sipshield run: " + e.getMessage());
        }
    }

    /** One side's run, its table printed as it goes (by {@code side}); the executor is closed afterwards. */
    private List<ScenarioResult> runOn(ScenarioExecutor executor, ScenarioRunner.Builder runner, List<Path> paths,
                                       ReportsOnShutdown side) {
        try {
            return runner.executor(executor).build().run(paths, side);
        } finally {
            close(executor, err);
        }
    }

    /** Releases what an executor holds (the live one owns event loops); a failure is only reported. */
    static void close(ScenarioExecutor executor, PrintWriter err) {
        if (executor instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                err.println("sipshield run: could not shut the executor down: " + e.getMessage());
            }
        }
    }
}
