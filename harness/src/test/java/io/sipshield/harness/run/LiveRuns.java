package io.sipshield.harness.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs scenario files for real (mock Asterisk and emulated phones on 127.0.0.1) with one
 * {@link LiveScenarioExecutor} for a whole test class, as {@code ./sipshield run} does; closes the executor
 * (its event loops and TLS contexts) after the class's last test. Scenario text written by a test goes to
 * that test's {@code @TempDir} first, so a failure's report names a real file.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LiveRuns LIVE = LiveRuns.create();
 * @TempDir Path dir;
 *
 * @Test void echo() throws Exception {
 *     ScenarioResult result = LIVE.runFile(dir, "echo.yaml", ECHO);
 *     assertEquals(Verdict.PASS, result.verdict(), LiveRuns.describe(result));
 * }
 * }</pre>
 */
final class LiveRuns implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private final Supplier<LiveScenarioExecutor> factory;
    private LiveScenarioExecutor executor;

    private LiveRuns(Supplier<LiveScenarioExecutor> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** With the executor {@code ./sipshield run} uses: a fresh fixture catalog of its own. */
    static LiveRuns create() {
        return new LiveRuns(LiveScenarioExecutor::new);
    }

    /** With an executor of the test's making, e.g. one sharing the test's fixture catalog. */
    static LiveRuns with(Supplier<LiveScenarioExecutor> factory) {
        return new LiveRuns(factory);
    }

    /** Makes the executor; JUnit calls it before the class's first test. */
    LiveRuns start() {
        if (executor != null) {
            throw new IllegalStateException("LiveRuns already started");
        }
        executor = Objects.requireNonNull(factory.get(), "the executor factory returned null");
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Closes the executor; a second call does nothing. */
    @Override
    public void close() {
        if (executor != null) {
            executor.close();
            executor = null;
        }
    }

    /** Every case of the scenario file (one per table row, or one). */
    List<ScenarioResult> runAll(Path file) {
        return runner().runAll(file);
    }

    /** The scenario file as one result (a table's cases folded together, as the runner does). */
    ScenarioResult runFile(Path file) {
        return runner().runFile(file);
    }

    /** Writes {@code text} to {@code dir/name}, then {@link #runAll(Path)}. */
    List<ScenarioResult> runAll(Path dir, String name, String text) throws IOException {
        return runAll(Files.writeString(dir.resolve(name), text));
    }

    /** Writes {@code text} to {@code dir/name}, then {@link #runFile(Path)}. */
    ScenarioResult runFile(Path dir, String name, String text) throws IOException {
        return runFile(Files.writeString(dir.resolve(name), text));
    }

    /** Verdict, error, failed checks and notes: what an assertion on the verdict should print. */
    static String describe(ScenarioResult result) {
        return result.verdict() + " " + result.error() + " " + result.failedChecks() + " " + result.notes();
    }

    /** One line per result that did not pass, named by its case: what an assertion on several results should print. */
    static String describeFailures(List<ScenarioResult> results) {
        return results.stream().filter(r -> r.verdict() != Verdict.PASS)
                .map(r -> r.caseName() + ": " + describe(r))
                .collect(Collectors.joining("\n"));
    }

    private ScenarioRunner runner() {
        if (executor == null) {
            throw new IllegalStateException("LiveRuns is not running: register it with @RegisterExtension "
                    + "on a static field, or call start()");
        }
        return ScenarioRunner.builder().executor(executor).build();
    }
}
