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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs scenario files, {@link Builder#jobs several at a time}: load ({@link Verdict#INVALID} when the file is unusable),
 * execute ({@link Verdict#ERROR} when the executor throws or exceeds the timeout), then check the
 * expectations ({@link Verdict#PASS} or {@link Verdict#FAIL}). One scenario's failure never stops
 * the others. Scenarios are independent (each has its own mock on a free port and its own phones), so
 * {@code jobs} of them run at once on runner threads; their phones and mocks share the executor's
 * event loops. Results come back in file order whatever the order they finished in; the listener hears
 * each one as it finishes, one at a time. Build one with {@link #builder()}.
 */
public final class ScenarioRunner {

    /** How long one scenario may run when the builder is not told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /**
     * How many scenarios run at once when the builder is not told otherwise: scenarios mostly wait
     * (handshakes, timers, media pacing), so a few per core keep a small machine busy.
     */
    public static final int DEFAULT_JOBS = Math.max(4, 3 * Runtime.getRuntime().availableProcessors());

    private final ScenarioExecutor executor;
    private final Duration timeout;
    private final ScenarioLoader loader;
    private final ExpectationChecker checker;
    private final int jobs;

    private ScenarioRunner(Builder builder) {
        this.executor = Objects.requireNonNull(builder.executor, "executor");
        this.timeout = builder.timeout;
        this.loader = builder.loader;
        this.checker = builder.checker;
        this.jobs = builder.jobs;
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
     * Runs every scenario found under {@code paths} ({@link ScenarioFiles#find}), in order: every row of a
     * file's table of cases is a scenario of its own. Every file is loaded before the first scenario runs,
     * so the listener hears the real count. A path that does not exist, or a file that cannot be used,
     * yields one {@link Verdict#INVALID} result for that file.
     *
     * @param listener told of the scenarios (one file entry per scenario) before the first runs, and of
     *                 each result as it comes
     * @return one result per scenario, in the order run; empty when no scenario file was found
     */
    public List<ScenarioResult> run(List<Path> paths, RunListener listener) {
        return run(paths, Shard.WHOLE, listener).results();
    }

    /**
     * As {@link #run(List, RunListener)}, but runs only the cases that fall to {@code shard}
     * ({@link ShardPlan}: every file is still loaded, so each shard knows the whole suite). The listener
     * hears only this shard's cases; a shard that no case falls to runs nothing.
     */
    public ShardRun run(List<Path> paths, Shard shard, RunListener listener) {
        Objects.requireNonNull(shard, "shard");
        List<ShardPlan.Entry<Planned>> entries = new ArrayList<>();
        for (Path path : paths) {
            List<Path> files;
            try {
                files = ScenarioFiles.find(path);
            } catch (IOException e) {
                files = List.of(path);
            }
            for (Path file : files) {
                String digest = ShardPlan.fileDigest(file);
                for (Planned planned : plan(file)) {
                    String caseName = planned.scenario() != null ? planned.scenario().caseName()
                            : planned.invalid().caseName();
                    entries.add(new ShardPlan.Entry<>(ShardPlan.key(path, file, caseName), digest, planned));
                }
            }
        }
        ShardPlan<Planned> shards = new ShardPlan<>(entries);
        List<Planned> plan = shards.select(shard);
        SuiteManifest manifest = shards.manifest();
        listener.suitePlanned(shard, manifest);
        listener.runStarting(plan.stream().map(Planned::file).toList(),
                plan.stream().map(planned -> planned.scenario() == null ? null : planned.scenario().caseName()).toList());
        List<ScenarioResult> results = runPlan(plan, listener);
        listener.runFinished(List.copyOf(results));
        return new ShardRun(shard, manifest, results);
    }

    /** Runs the plan on {@code jobs} runner threads; results in plan order. */
    private List<ScenarioResult> runPlan(List<Planned> plan, RunListener listener) {
        Object listening = new Object();
        Function<Planned, ScenarioResult> run = planned -> {
            ScenarioResult result = planned.scenario() == null ? planned.invalid() : runScenario(planned.scenario());
            synchronized (listening) {
                listener.scenarioFinished(result);
            }
            return result;
        };
        if (jobs == 1 || plan.size() < 2) {
            return plan.stream().map(run).toList();
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, plan.size()), task -> {
            Thread thread = new Thread(task, "scenario-runner-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<ScenarioResult>> futures = plan.stream()
                    .map(planned -> pool.submit(() -> run.apply(planned))).toList();
            List<ScenarioResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                results.add(await(futures.get(i), plan.get(i)));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A runner thread's result; runScenario never throws, so a failure here is a bug reported as an ERROR. */
    private ScenarioResult await(Future<ScenarioResult> future, Planned planned) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Scenario scenario = planned.scenario();
            return new ScenarioResult(planned.file(), scenario == null ? null : scenario.about(), Verdict.ERROR,
                    List.of(), "the runner failed: " + oneLine(e.getCause()), Duration.ZERO, List.of(), null,
                    scenario == null ? null : scenario.caseName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scenarios were running", e);
        }
    }

    /** A scenario to run, or the INVALID result of a file that could not be loaded. */
    private record Planned(Path file, Scenario scenario, ScenarioResult invalid) {
    }

    private List<Planned> plan(Path file) {
        long start = System.nanoTime();
        try {
            return loader.loadAll(file).stream().map(scenario -> new Planned(file, scenario, null)).toList();
        } catch (ScenarioFileException e) {
            return List.of(new Planned(file, null, invalid(file, e, start)));
        }
    }

    private static ScenarioResult invalid(Path file, ScenarioFileException e, long start) {
        return new ScenarioResult(file, null, Verdict.INVALID, List.of(), e.getMessage(), since(start), List.of(),
                null, e.caseName());
    }

    /** Loads, runs and checks every scenario of one file: one result per row of its table of cases. */
    public List<ScenarioResult> runAll(Path file) {
        return plan(file).stream()
                .map(planned -> planned.scenario() == null ? planned.invalid() : runScenario(planned.scenario()))
                .toList();
    }

    /**
     * Loads, runs and checks one scenario file without a table of cases (a file with one is
     * {@link Verdict#INVALID} here: use {@link #runAll(Path)}).
     */
    public ScenarioResult runFile(Path file) {
        long start = System.nanoTime();
        Scenario scenario;
        try {
            scenario = loader.load(file);
        } catch (ScenarioFileException e) {
            return invalid(file, e, start);
        }
        return runScenario(scenario);
    }

    /** Runs and checks one loaded scenario. */
    public ScenarioResult runScenario(Scenario scenario) {
        long start = System.nanoTime();
        Path file = scenario.file();
        Observation observation;
        try {
            observation = execute(scenario);
        } catch (ScenarioError e) {
            return new ScenarioResult(file, scenario.about(), Verdict.ERROR, List.of(), e.getMessage(), since(start),
                    List.of(), null, scenario.caseName());
        }
        List<Check> checks = checker.check(scenario, observation);
        Verdict verdict = checks.stream().noneMatch(Check::failed) ? Verdict.PASS : Verdict.FAIL;
        return new ScenarioResult(file, scenario.about(), verdict, checks, null, since(start), observation.notes(),
                observation, scenario.caseName());
    }

    private Observation execute(Scenario scenario) throws ScenarioError {
        FutureTask<Observation> task = new FutureTask<>(() -> executor.execute(scenario));
        Thread thread = new Thread(task, "scenario " + Scenario.id(scenario.file().getFileName().toString(),
                scenario.caseName()));
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
        private int jobs = DEFAULT_JOBS;

        private Builder() {
        }

        /** How many scenarios run at once; 1 runs them one after another. Default {@link #DEFAULT_JOBS}. */
        public Builder jobs(int jobs) {
            if (jobs < 1) {
                throw new IllegalArgumentException("jobs must be at least 1, was " + jobs);
            }
            this.jobs = jobs;
            return this;
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
