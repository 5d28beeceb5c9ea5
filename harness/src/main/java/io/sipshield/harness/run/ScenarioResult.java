package io.sipshield.harness.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one scenario file fared.
 *
 * @param file    the scenario file
 * @param about   the scenario's description, or null when the file could not be read
 * @param verdict the outcome
 * @param checks  every stated expectation compared with the observation (empty for ERROR and INVALID)
 * @param error   for ERROR and INVALID, the one-line reason; otherwise null
 * @param elapsed wall time spent on the file
 * @param notes   events the run observed (a dropped connection and why, a skipped step), in order
 * @param observation everything observed, for reports (SIP trace, server chain, media); null for ERROR and INVALID
 * @param caseName    the row of the file's table of cases, or null for a file without one (or one that
 *                    could not be read)
 */
public record ScenarioResult(Path file, String about, Verdict verdict, List<Check> checks, String error, Duration elapsed,
                             List<String> notes, Observation observation, String caseName) {

    public ScenarioResult(Path file, String about, Verdict verdict, List<Check> checks, String error, Duration elapsed,
                          List<String> notes, Observation observation) {
        this(file, about, verdict, checks, error, elapsed, notes, observation, null);
    }

    public ScenarioResult(Path file, String about, Verdict verdict, List<Check> checks, String error, Duration elapsed) {
        this(file, about, verdict, checks, error, elapsed, List.of(), null);
    }

    public ScenarioResult(Path file, String about, Verdict verdict, List<Check> checks, String error, Duration elapsed,
                          List<String> notes) {
        this(file, about, verdict, checks, error, elapsed, notes, null);
    }

    public ScenarioResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(elapsed, "elapsed");
        checks = List.copyOf(checks);
        notes = List.copyOf(notes);
        if ((verdict == Verdict.ERROR || verdict == Verdict.INVALID) && error == null) {
            throw new IllegalArgumentException(verdict + " needs an error message");
        }
    }

    /** This result for the row {@code name} of the file's table of cases. */
    public ScenarioResult inCase(String name) {
        return new ScenarioResult(file, about, verdict, checks, error, elapsed, notes, observation, name);
    }

    /**
     * How reports name the scenario: {@code shownFile} (the file as the report shows it), plus
     * {@code [row]} for a row of a table of cases.
     */
    public String name(String shownFile) {
        return caseName == null ? shownFile : shownFile + "[" + caseName + "]";
    }

    /** The checks that were observed and did not hold, in order. */
    public List<Check> failedChecks() {
        return checks.stream().filter(Check::failed).toList();
    }

    /**
     * The expectations this run could not observe (only the mock can: {@code server.*} against a real
     * server), in order; they do not decide the verdict, and reports list them apart.
     */
    public List<Check> notObservableChecks() {
        return checks.stream().filter(check -> !check.observable()).toList();
    }
}
