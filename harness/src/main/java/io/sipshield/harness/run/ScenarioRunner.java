package io.sipshield.harness.run;

import io.sipshield.harness.scenario.Scenario;
import io.sipshield.harness.scenario.ScenarioFileException;
import io.sipshield.harness.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs scenario files one after another: load ({@link Verdict#INVALID} when the file is unusable),
 * execute ({@link Verdict#ERROR} when the executor throws or exceeds the timeout), then check the
 * expectations ({@link Verdict#PASS} or {@link Verdict#FAIL}). One scenario's failure never stops
 * the others. Build one with {@link #builder()}.
 */
public final class ScenarioRunner {

    /** How long one scenario may run when the builder is not told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final ScenarioExecutor executor;
    private final Duration timeout;
    private final ScenarioLoader loader;
    private final ExpectationChecker checker;

    private ScenarioRunner(Builder builder) {
        this.executor = Objects.requireNonNull(builder.executor, "executor");
        this.timeout = builder.timeout;
        this.loader = builder.loader;
        this.checker = builder.checker;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The per-scenario time limit. */
    public Duration timeout() {
        return timeout;
    }

    /** Runs every scenario file found under {@code paths}; see {@link #run(List, RunListener)}. */
    public List<ScenarioResult> run(List<Path> paths) {
        return run(paths, RunListener.NONE);
    }

    /**
     * Runs every scenario file found under {@code paths} ({@link ScenarioFiles#find}), in order. A path
     * that does not exist yields an {@link Verdict#INVALID} result for that path.
     *
     * @param listener told of the files before the first runs, and of each result as it comes
     * @return one result per file, in the order run; empty when no scenario file was found
     */
    public List<ScenarioResult> run(List<Path> paths, RunListener listener) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            try {
                files.addAll(ScenarioFiles.find(path));
            } catch (IOException e) {
                files.add(path);
            }
        }
        listener.runStarting(List.copyOf(files));
        List<ScenarioResult> results = new ArrayList<>();
        for (Path file : files) {
            ScenarioResult result = runFile(file);
            results.add(result);
            listener.scenarioFinished(result);
        }
        listener.runFinished(List.copyOf(results));
        return results;
    }

    /** Loads, runs and checks one scenario file. */
    public ScenarioResult runFile(Path file) {
        long start = System.nanoTime();
        Scenario scenario;
        try {
            scenario = loader.load(file);
        } catch (ScenarioFileException e) {
            return new ScenarioResult(file, null, Verdict.INVALID, List.of(), e.getMessage(), since(start));
        }
        Observation observation;
        try {
            observation = execute(scenario);
        } catch (ScenarioError e) {
            return new ScenarioResult(file, scenario.about(), Verdict.ERROR, List.of(), e.getMessage(), since(start));
        }
        List<Check> checks = checker.check(scenario.expect(), observation);
        Verdict verdict = checks.stream().allMatch(Check::holds) ? Verdict.PASS : Verdict.FAIL;
        return new ScenarioResult(file, scenario.about(), verdict, checks, null, since(start), observation.notes(),
                observation);
    }

    private Observation execute(Scenario scenario) throws ScenarioError {
        FutureTask<Observation> task = new FutureTask<>(() -> executor.execute(scenario));
        Thread thread = new Thread(task, "scenario " + scenario.file().getFileName());
        thread.setDaemon(true);
        thread.start();
        try {
            Observation observation = task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (observation == null) {
                throw new ScenarioError("the executor returned no observation");
            }
            return observation;
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new ScenarioError("timed out after " + describe(timeout));
        } catch (ExecutionException e) {
            throw new ScenarioError(oneLine(e.getCause()));
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new ScenarioError("interrupted");
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** {@code 60 s}, or {@code 1500 ms} when not a whole number of seconds. */
    static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String oneLine(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Why a scenario could not be run to the end. */
    private static final class ScenarioError extends Exception {
        private static final long serialVersionUID = 1L;

        ScenarioError(String message) {
            super(message, null, false, false);
        }
    }

    /** Configures a {@link ScenarioRunner}; the executor is required. */
    public static final class Builder {
        private ScenarioExecutor executor;
        private Duration timeout = DEFAULT_TIMEOUT;
        private ScenarioLoader loader = new ScenarioLoader();
        private ExpectationChecker checker = new ExpectationChecker();

        private Builder() {
        }

        /** Runs the scenarios: {@link LiveScenarioExecutor} for real, a fake in tests. */
        public Builder executor(ScenarioExecutor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** How long one scenario may take; positive. */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public Builder loader(ScenarioLoader loader) {
            this.loader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        public Builder checker(ExpectationChecker checker) {
            this.checker = Objects.requireNonNull(checker, "checker");
            return this;
        }

        public ScenarioRunner build() {
            return new ScenarioRunner(this);
        }
    }
}
