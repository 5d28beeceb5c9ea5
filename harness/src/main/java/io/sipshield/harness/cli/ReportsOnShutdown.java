package io.sipshield.harness.cli;

import io.sipshield.harness.report.ConsoleReporter;
import io.sipshield.harness.report.RunHeader;
import io.sipshield.harness.run.RunListener;
import io.sipshield.harness.run.ScenarioResult;
import io.sipshield.harness.run.Shard;
import io.sipshield.harness.run.SuiteManifest;
import io.sipshield.harness.run.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Nothing lost when a run is stopped (SIGTERM, Ctrl-C): passes every event on to the console listener and
 * keeps the results of the scenarios that finished; a JVM shutdown hook then prints the summary and writes
 * the reports of those, each scenario that did not finish marked {@link Verdict#ERROR} with
 * {@value #INTERRUPTED}. The process still exits with the signal's status (143 for SIGTERM,
 * {@link ExitCodes#INTERRUPTED}). The reports carry the run's {@link RunHeader} (shard and suite manifest,
 * heard in {@link #suitePlanned} before the first scenario starts, and how many cases did not finish), so
 * {@code sipshield report merge} can join a stopped shard with the others. When the run ends by itself,
 * {@link #complete} writes the final reports instead, holding off the hook until they are written;
 * {@link #close} removes the hook.
 */
final class ReportsOnShutdown implements RunListener, AutoCloseable {

    /** The error of a scenario the run was stopped before it finished. */
    static final String INTERRUPTED = "interrupted: the run was stopped before this scenario finished";

    /** Writes the file reports of a list of results. */
    @FunctionalInterface
    interface Reports {
        /**
         * @param header the run's header ({@link RunHeader#interrupted()} counting the unfinished cases when
         *               the hook writes), or null when the suite was not planned yet
         */
        void write(List<ScenarioResult> results, RunHeader header) throws IOException;
    }

    /** Work done once the run ended by itself. */
    @FunctionalInterface
    interface Completion<T> {
        T run();
    }

    private final RunListener next;
    private final PrintWriter out;
    private final PrintWriter err;
    private final String label;
    private final Reports reports;
    private final Thread hook;
    private final List<ScenarioResult> finished = new ArrayList<>();
    private List<Path> files = List.of();
    private List<String> caseNames = List.of();
    private RunHeader header;
    private boolean started;
    private boolean settled;

    private ReportsOnShutdown(RunListener next, PrintWriter out, PrintWriter err, String label, Reports reports) {
        this.next = Objects.requireNonNull(next, "next");
        this.out = out;
        this.err = err;
        this.label = Objects.requireNonNull(label, "label");
        this.reports = reports;
        this.hook = new Thread(this::interrupted, "sipshield-reports-on-shutdown");
    }

    /**
     * Listens before {@code next} and installs the shutdown hook.
     *
     * @param reports writes the file reports, or null when none were asked for (the summary is still printed)
     */
    static ReportsOnShutdown install(RunListener next, PrintWriter out, PrintWriter err, Reports reports) {
        return install("", next, out, err, reports);
    }

    /**
     * As {@link #install(RunListener, PrintWriter, PrintWriter, Reports)}, for one of several runs of a
     * command ({@code --compare}'s two sides): {@code label} (e.g. {@code the mock}) starts its interrupted line.
     */
    static ReportsOnShutdown install(String label, RunListener next, PrintWriter out, PrintWriter err,
                                     Reports reports) {
        ReportsOnShutdown listener = new ReportsOnShutdown(next, out, err, label, reports);
        Runtime.getRuntime().addShutdownHook(listener.hook);
        return listener;
    }

    @Override
    public void suitePlanned(Shard shard, SuiteManifest suite) {
        synchronized (this) {
            header = new RunHeader(VersionProvider.version(), shard, suite);
        }
        next.suitePlanned(shard, suite);
    }

    /** The run's header once the suite is planned; null before. */
    synchronized RunHeader header() {
        return header;
    }

    @Override
    public void runStarting(List<Path> files) {
        runStarting(files, java.util.Collections.nCopies(files.size(), null));
    }

    @Override
    public void runStarting(List<Path> files, List<String> caseNames) {
        synchronized (this) {
            this.files = List.copyOf(files);
            this.caseNames = new ArrayList<>(caseNames);
            this.started = true;
        }
        next.runStarting(files, caseNames);
    }

    @Override
    public void scenarioFinished(ScenarioResult result) {
        synchronized (this) {
            if (settled) {
                return;
            }
            finished.add(result);
        }
        next.scenarioFinished(result);
    }

    @Override
    public void runFinished(List<ScenarioResult> results) {
        next.runFinished(results);
    }

    /**
     * The run ended by itself: does {@code work} (writing the final reports) unless the shutdown hook already
     * took over, and keeps the hook waiting until it is done.
     *
     * @return what {@code work} returned, or {@code interrupted} when the hook had already written the reports
     */
    synchronized <T> T complete(Completion<T> work, T interrupted) {
        if (settled) {
            return interrupted;
        }
        settled = true;
        return work.run();
    }

    /** Removes the shutdown hook (nothing when the JVM is already shutting down). */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run; nothing to remove
        }
    }

    /** The shutdown hook: the summary, then the reports, of what finished. */
    private synchronized void interrupted() {
        if (settled) {
            return;
        }
        settled = true;
        String prefix = label.isEmpty() ? "" : label + ": ";
        out.println();
        if (!started) {
            out.println(prefix + "interrupted before the first scenario started; no report written");
            out.flush();
            return;
        }
        List<ScenarioResult> results = withUnfinished();
        out.println(prefix + "interrupted: " + finished.size() + " of " + files.size() + " scenarios finished; the other "
                + (files.size() - finished.size()) + " are reported as interrupted");
        out.println(ConsoleReporter.summary(results));
        out.flush();
        if (reports != null) {
            try {
                reports.write(results, header == null ? null : header.interrupted(files.size() - finished.size()));
            } catch (IOException | RuntimeException e) {
                err.println("sipshield run: interrupted, and the reports could not be written: " + e.getMessage());
                err.flush();
            }
        }
    }

    /** Every planned scenario in plan order: its result, or an interrupted ERROR. */
    private List<ScenarioResult> withUnfinished() {
        Map<List<Object>, List<ScenarioResult>> done = new HashMap<>();
        for (ScenarioResult result : finished) {
            done.computeIfAbsent(java.util.Arrays.asList(result.file(), result.caseName()), key -> new ArrayList<>())
                    .add(result);
        }
        List<ScenarioResult> results = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            List<ScenarioResult> same = done.get(java.util.Arrays.asList(files.get(i), caseNames.get(i)));
            results.add(same == null || same.isEmpty()
                    ? new ScenarioResult(files.get(i), null, Verdict.ERROR, List.of(), INTERRUPTED, Duration.ZERO,
                            List.of(), null, caseNames.get(i))
                    : same.remove(0));
        }
        return results;
    }
}
