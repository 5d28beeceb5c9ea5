package io.sipshield.harness.cli;

import io.sipshield.harness.capture.CaptureDirectory;
import io.sipshield.harness.report.ConsoleReporter;
import io.sipshield.harness.report.ReportDirectory;
import java.io.IOException;
import io.sipshield.harness.run.LiveScenarioExecutor;
import io.sipshield.harness.run.ScenarioExecutor;
import io.sipshield.harness.run.ScenarioResult;
import io.sipshield.harness.run.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
            "2:unusable input: an invalid file, a missing path, no scenario, a bad option, a report that cannot be written"})
public final class RunCommand implements Callable<Integer> {

    /** The option that captures each scenario's packets and secrets into a directory. */
    public static final String CAPTURE_OPTION = "--capture";

    /** The option that limits one scenario's run time. */
    public static final String TIMEOUT_OPTION = "--timeout";

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
                "whatever the verdicts."})
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

    @Override
    public Integer call() {
        if (jobs < 1) {
            throw new ParameterException(spec.commandLine(), "--jobs must be at least 1; was " + jobs);
        }
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(),
                    TIMEOUT_OPTION + " must be a whole number of seconds, at least 1; was " + timeoutSeconds);
        }
        List<Path> targets = paths.isEmpty() ? List.of(Path.of(DEFAULT_PATH)) : paths;
        ScenarioExecutor executor = parent.newExecutor();
        if (captureDir != null && !captureInto(executor)) {
            close(executor);
            return ExitCodes.INVALID_INPUT;
        }
        List<ScenarioResult> results;
        try {
            ScenarioRunner runner = ScenarioRunner.builder()
                    .executor(executor)
                    .timeout(Duration.ofSeconds(timeoutSeconds))
                    .jobs(jobs)
                    .build();
            boolean showProgress = progress != null ? progress : System.console() != null;
            results = runner.run(targets, new ConsoleReporter(spec.commandLine().getOut(), Path.of(""), parent.colour(),
                    showProgress));
        } finally {
            close(executor);
        }
        if (results.isEmpty()) {
            spec.commandLine().getErr().println("sipshield run: no scenario file (*.yaml, *.yml) found in: "
                    + String.join(", ", targets.stream().map(Path::toString).toList()));
        }
        printCaptures(results);
        if (reportDir != null && !writeReports(results)) {
            return ExitCodes.INVALID_INPUT;
        }
        return ExitCodes.forResults(results);
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
    private boolean writeReports(List<ScenarioResult> results) {
        try {
            new ReportDirectory(reportDir, Path.of("")).write(results);
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
