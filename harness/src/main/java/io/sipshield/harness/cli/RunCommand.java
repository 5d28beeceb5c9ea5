package io.sipshield.harness.cli;

import io.sipshield.certs.FixtureCatalog;
import io.sipshield.harness.capture.CaptureDirectory;
import io.sipshield.harness.report.ConsoleReporter;
import io.sipshield.harness.report.ReportDirectory;
import io.sipshield.harness.report.RunHeader;
import java.io.IOException;
import io.sipshield.harness.run.FixtureDirectory;
import io.sipshield.harness.run.FixtureDirectoryException;
import io.sipshield.harness.run.LiveScenarioExecutor;
import io.sipshield.harness.run.ScenarioExecutor;
import io.sipshield.harness.run.ScenarioResult;
import io.sipshield.harness.run.ScenarioRunner;
import io.sipshield.harness.run.Shard;
import io.sipshield.harness.run.ShardRun;
import io.sipshield.harness.run.SuiteManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield run [PATH...]}: runs scenario files and directories, prints a report and exits
 * with {@link ExitCodes#forResults}. Relative paths are relative to the working directory.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run scenario files and check their expectations.",
            "Directories are searched recursively for *.yaml and *.yml."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every scenario passed",
            "1:a scenario failed or could not be run",
            "2:unusable input: an invalid file, a missing path, no scenario, a bad option, a report that cannot be written",
            "4:--compare: the mock and the target differ",
            "5:--target/--compare: the target cannot be reached (nothing was run)",
            "143:stopped by SIGTERM; the reports of the finished scenarios were still written"})
public final class RunCommand implements Callable<Integer> {

    /** The option that captures each scenario's packets and secrets into a directory. */
    public static final String CAPTURE_OPTION = "--capture";

    /** The option that limits one scenario's run time. */
    public static final String TIMEOUT_OPTION = "--timeout";

    /** The option that runs one shard of the suite. */
    public static final String SHARD_OPTION = "--shard";

    /** The option that keeps provisioned Cisco phones' trust stores in a directory across runs. */
    public static final String STATE_DIR_OPTION = "--state-dir";

    /** The option that keeps the test PKI in a directory across runs. */
    public static final String FIXTURES_DIR_OPTION = "--fixtures-dir";

    private static final String DEFAULT_PATH = "scenarios";

    @ParentCommand
    private SipshieldCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Scenario files or directories (default: " + DEFAULT_PATH + ").")
    private List<Path> paths = List.of();

    @Option(names = TIMEOUT_OPTION, paramLabel = "SECONDS", defaultValue = "60",
            description = "Time limit for one scenario, in seconds (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = {"Also write " + ReportDirectory.JUNIT + " (JUnit XML), " + ReportDirectory.JSON + " and "
                    + ReportDirectory.HTML + " (ladder diagrams, server chains, bitmasks, media) into DIR,",
                "whatever the verdicts, and the mock Asterisk's log into DIR/" + MockLogRouting.FILE_NAME
                        + " (it stays off the console; -Dsipshield.log=LEVEL puts every log there)."})
    private Path reportDir;

    @Option(names = CAPTURE_OPTION, paramLabel = "DIR",
            description = {"Capture each scenario into DIR: <scenario>.pcapng (the phones' TLS and SRTP, with the TLS"
                    + " secrets inside, so Wireshark shows the SIP), <scenario>.keys (NSS key log),",
                "<scenario>.srtp-keys (the SDES keys, for 'sipshield srtp decrypt-pcap'). These files hold session"
                    + " secrets."})
    private Path captureDir;

    @Option(names = "--jobs", paramLabel = "N",
            description = "How many scenarios run at once (default: ${DEFAULT-VALUE}; 1 runs them one by one).")
    private int jobs = ScenarioRunner.DEFAULT_JOBS;

    @Option(names = "--progress", negatable = true,
            description = "Keep a progress line below the table (default: only when standard output is a terminal).")
    private Boolean progress;

    @Option(names = SHARD_OPTION, paramLabel = "I/N", converter = ShardConverter.class,
            description = {"Run only shard I of N (1-based, e.g. 2/4): the cases, sorted by id, are dealt out in turn,",
                "so N machines running 1/N..N/N run every case exactly once. Reports name the shard;",
                "join them with 'sipshield report merge'. See docs/scale-out.md."})
    private Shard shard = Shard.WHOLE;

    @Option(names = STATE_DIR_OPTION, paramLabel = "DIR",
            description = {"Keep the trust stores of provisioned Cisco phones in DIR/<MAC>/ across runs, so a phone"
                    + " booting again is no first install",
                "(a phone with factory-reset: true starts empty). Default: a fresh temporary store per scenario."
                    + " See docs/scenario-format.md."})
    private Path stateDir;

    @Option(names = FIXTURES_DIR_OPTION, paramLabel = "DIR",
            description = {"Keep the test PKI (certificates, keys) in DIR: generated and written there on first use,"
                    + " read back after, so trust lists a phone kept",
                "with " + STATE_DIR_OPTION + " are signed by the same SAST next run (default: a new PKI per run)."
                    + " The same directory as asterisk-config " + FIXTURES_DIR_OPTION + "."})
    private Path fixturesDir;

    private FixtureCatalog keptFixtures;

    @Mixin
    private TargetOptions remote = new TargetOptions();

    @Override
    public Integer call() {
        // the mock's Asterisk-style warnings (often the outcomes the scenarios expect) go to the report directory
        try (MockLogRouting mockLog = MockLogRouting.install(reportDir)) {
            int exitCode = runSuite();
            mockLog.written().ifPresent(file -> spec.commandLine().getOut().println("The mock's log: "
                    + mockLog.lines() + " line(s) in " + file));
            return exitCode;
        }
    }

    private int runSuite() {
        if (jobs < 1) {
            throw new ParameterException(spec.commandLine(), "--jobs must be at least 1; was " + jobs);
        }
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(),
                    TIMEOUT_OPTION + " must be a whole number of seconds, at least 1; was " + timeoutSeconds);
        }
        if (fixturesDir != null && !loadFixtures()) {
            return ExitCodes.INVALID_INPUT;
        }
        List<Path> targets = paths.isEmpty() ? List.of(Path.of(DEFAULT_PATH)) : paths;
        RemoteRuns remoteRuns = new RemoteRuns(remote, spec.commandLine().getOut(), spec.commandLine().getErr());
        if (remote.comparing()) {
            if (captureDir != null || !shard.whole()) {
                spec.commandLine().getErr().println("sipshield run: " + TargetOptions.COMPARE + " runs whole suites"
                        + " without captures: leave out " + (captureDir != null ? CAPTURE_OPTION : SHARD_OPTION));
                return ExitCodes.INVALID_INPUT;
            }
            return remoteRuns.compare(this::newExecutor, ScenarioRunner.builder()
                    .timeout(Duration.ofSeconds(timeoutSeconds)).jobs(jobs), targets, reportDir, parent.colour());
        }
        ScenarioExecutor executor = newExecutor();
        if (captureDir != null && !captureInto(executor)) {
            close(executor);
            return ExitCodes.INVALID_INPUT;
        }
        if (stateDir != null && !keepStateIn(executor)) {
            close(executor);
            return ExitCodes.INVALID_INPUT;
        }
        int retargeted = remoteRuns.retarget(executor);
        if (retargeted != ExitCodes.OK) {
            close(executor);
            return retargeted;
        }
        // a SIGTERM from here on still prints the summary and writes the reports of what finished
        ReportsOnShutdown shutdown = ReportsOnShutdown.install(new ConsoleReporter(spec.commandLine().getOut(),
                        Path.of(""), parent.colour(), progress != null ? progress : System.console() != null),
                spec.commandLine().getOut(), spec.commandLine().getErr(),
                reportDir == null ? null
                        : (finished, header) -> new ReportDirectory(reportDir, Path.of(""), header).write(finished));
        try {
            return runAndReport(executor, targets, shutdown);
        } finally {
            shutdown.close();
        }
    }

    private int runAndReport(ScenarioExecutor executor, List<Path> targets, ReportsOnShutdown shutdown) {
        List<ScenarioResult> results;
        SuiteManifest suite;
        try {
            ScenarioRunner runner = ScenarioRunner.builder()
                    .executor(executor)
                    .timeout(Duration.ofSeconds(timeoutSeconds))
                    .jobs(jobs)
                    .build();
            ShardRun run = runner.run(targets, shard, shutdown);
            results = run.results();
            suite = run.suite();
        } finally {
            close(executor);
        }
        boolean emptyShard = results.isEmpty() && suite.cases() > 0;
        if (!shard.whole()) {
            spec.commandLine().getOut().println("shard " + shard + ": " + results.size() + " of the suite's "
                    + suite.cases() + " cases" + (emptyShard ? "; none fell to this shard, nothing to run" : ""));
        }
        if (results.isEmpty() && !emptyShard) {
            spec.commandLine().getErr().println("sipshield run: no scenario file (*.yaml, *.yml) found in: "
                    + String.join(", ", targets.stream().map(Path::toString).toList()));
        }
        printCaptures(results);
        if (!shutdown.complete(() -> reportDir == null || writeReports(results, suite), true)) {
            return ExitCodes.INVALID_INPUT;
        }
        return emptyShard ? ExitCodes.OK : ExitCodes.forResults(results);
    }

    /** The run's executor: the parent's, or with {@link #fixturesDir} a live one over the PKI kept there. */
    private ScenarioExecutor newExecutor() {
        return keptFixtures == null ? parent.newExecutor() : new LiveScenarioExecutor(keptFixtures, fixturesDir);
    }

    /**
     * Reads (or makes and writes) the PKI of {@link #fixturesDir} into {@link #keptFixtures}; false (with one line
     * on stderr naming the file) when the directory holds no usable PKI.
     */
    private boolean loadFixtures() {
        try {
            keptFixtures = new FixtureDirectory(fixturesDir).loadOrCreate();
            return true;
        } catch (FixtureDirectoryException e) {
            spec.commandLine().getErr().println("sipshield run: " + FIXTURES_DIR_OPTION + ": " + e.getMessage());
            return false;
        }
    }

    /** Has the live executor capture into {@link #captureDir}; false (with one line on stderr) when it cannot. */
    private boolean captureInto(ScenarioExecutor executor) {
        if (!(executor instanceof LiveScenarioExecutor live)) {
            spec.commandLine().getErr().println("sipshield run: " + CAPTURE_OPTION + " needs scenarios run live");
            return false;
        }
        try {
            Files.createDirectories(captureDir);
        } catch (IOException e) {
            spec.commandLine().getErr().println("sipshield run: " + CAPTURE_OPTION + ": cannot create " + captureDir
                    + ": " + e.getMessage());
            return false;
        }
        live.captureInto(new CaptureDirectory(captureDir));
        return true;
    }

    /** Has the live executor keep trust stores in {@link #stateDir}; false (with one line on stderr) when it cannot. */
    private boolean keepStateIn(ScenarioExecutor executor) {
        if (!(executor instanceof LiveScenarioExecutor live)) {
            spec.commandLine().getErr().println("sipshield run: " + STATE_DIR_OPTION + " needs scenarios run live");
            return false;
        }
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            spec.commandLine().getErr().println("sipshield run: " + STATE_DIR_OPTION + ": cannot create " + stateDir
                    + ": " + e.getMessage());
            return false;
        }
        live.keepTrustStoresIn(stateDir.toAbsolutePath());
        return true;
    }

    /** One line per captured scenario, naming its files. */
    private void printCaptures(List<ScenarioResult> results) {
        if (captureDir == null) {
            return;
        }
        spec.commandLine().getOut().println("Captures in " + captureDir + " (open a .pcapng in Wireshark; it holds"
                + " the TLS secrets):");
        for (ScenarioResult result : results) {
            result.notes().stream().filter(note -> note.startsWith("capture: "))
                    .forEach(note -> spec.commandLine().getOut().println("  " + note));
        }
    }

    /** Writes the file reports; false (with one line on stderr) when one cannot be written. */
    private boolean writeReports(List<ScenarioResult> results, SuiteManifest suite) {
        try {
            new ReportDirectory(reportDir, Path.of(""), new RunHeader(VersionProvider.version(), shard, suite))
                    .write(results);
            return true;
        } catch (IOException e) {
            spec.commandLine().getErr().println("sipshield run: " + e.getMessage());
            return false;
        }
    }

    /** Releases what the executor holds (the live one owns event loops); a failure here is only reported. */
    private void close(ScenarioExecutor executor) {
        if (executor instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                spec.commandLine().getErr().println("sipshield run: could not shut the executor down: " + e.getMessage());
            }
        }
    }
}
