package io.sipshield.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ScenarioRunnerTest {

    private static final ScenarioExecutor FAKE = FakeScenarios.EXECUTOR;
    private static final String INVALID = FakeScenarios.INVALID;

    private static String scenario(String about) {
        return FakeScenarios.scenario(about);
    }

    private static Observation registered(int status) {
        return FakeScenarios.registered(status);
    }

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private ScenarioRunner runner(ScenarioExecutor executor) {
        return ScenarioRunner.builder().executor(executor).build();
    }

    @Test
    void passesWhenEveryExpectationHolds() throws IOException {
        Path file = write("ok.yaml", scenario("pass"));
        ScenarioResult result = runner(FAKE).runFile(file);
        assertEquals(Verdict.PASS, result.verdict());
        assertEquals("pass", result.about());
        assertEquals(List.of(new Check("sip.register", "200", "200", true)), result.checks());
        assertNull(result.error());
        assertEquals(file, result.file());
    }

    @Test
    void failsWhenAnExpectationDoesNotHold() throws IOException {
        ScenarioResult result = runner(FAKE).runFile(write("bad.yaml", scenario("fail")));
        assertEquals(Verdict.FAIL, result.verdict());
        assertEquals(List.of(new Check("sip.register", "200", "403", false)), result.failedChecks());
    }

    @Test
    void anExecutorExceptionIsAnErrorWithItsMessageOnOneLine() throws IOException {
        ScenarioResult result = runner(FAKE).runFile(write("boom.yaml", scenario("throw")));
        assertEquals(Verdict.ERROR, result.verdict());
        assertEquals("mock could not bind port 5061 in use", result.error());
        assertEquals(List.of(), result.checks());
    }

    @Test
    void anExceptionWithoutMessageIsNamedByItsType() throws IOException {
        ScenarioResult result = runner(FAKE).runFile(write("boom.yaml", scenario("silent-throw")));
        assertEquals(Verdict.ERROR, result.verdict());
        assertEquals("IllegalStateException", result.error());
    }

    @Test
    void noObservationIsAnError() throws IOException {
        ScenarioResult result = runner(FAKE).runFile(write("null.yaml", scenario("no-observation")));
        assertEquals(Verdict.ERROR, result.verdict());
        assertEquals("the executor returned no observation", result.error());
    }

    @Test
    void anUnusableFileIsInvalidWithTheLoaderMessage() throws IOException {
        Path file = write("broken.yaml", INVALID);
        ScenarioResult result = runner(FAKE).runFile(file);
        assertEquals(Verdict.INVALID, result.verdict());
        assertNull(result.about());
        assertEquals(file + ":2:8: missing key 'server' in setup; expected server: a mapping with one of: mock, target",
                result.error());
    }

    @Test
    void aScenarioOverItsTimeLimitIsAnErrorAndItsThreadIsInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        ScenarioExecutor hangs = scenario -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return registered(200);
        };
        ScenarioRunner runner = ScenarioRunner.builder().executor(hangs).timeout(Duration.ofMillis(300)).build();
        ScenarioResult result = runner.runFile(write("slow.yaml", scenario("hang")));
        assertEquals(Verdict.ERROR, result.verdict());
        assertEquals("timed out after 300 ms", result.error());
        assertTrue(result.elapsed().compareTo(Duration.ofMillis(300)) >= 0, "elapsed " + result.elapsed());
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the executor's thread was interrupted");
    }

    @Test
    void describesTheDefaultTimeLimitInSeconds() {
        assertEquals(Duration.ofSeconds(60), ScenarioRunner.DEFAULT_TIMEOUT);
        assertEquals("60 s", ScenarioRunner.describe(ScenarioRunner.DEFAULT_TIMEOUT));
        assertEquals(ScenarioRunner.DEFAULT_TIMEOUT, runner(FAKE).timeout());
    }

    @Test
    void oneBadScenarioNeverStopsTheOthers() throws IOException {
        write("a-invalid.yaml", INVALID);
        write("b-pass.yaml", scenario("pass"));
        write("c-error.yaml", scenario("throw"));
        write("d-fail.yaml", scenario("fail"));
        write("e-pass.yml", scenario("pass"));
        List<ScenarioResult> results = runner(FAKE).run(List.of(dir));
        assertEquals(List.of("a-invalid.yaml", "b-pass.yaml", "c-error.yaml", "d-fail.yaml", "e-pass.yml"),
                results.stream().map(result -> result.file().getFileName().toString()).toList());
        assertEquals(List.of(Verdict.INVALID, Verdict.PASS, Verdict.ERROR, Verdict.FAIL, Verdict.PASS),
                results.stream().map(ScenarioResult::verdict).toList());
    }

    @Test
    void searchesDirectoriesRecursivelyInSortedOrderForYamlOnly() throws IOException {
        write("z/one.yaml", scenario("pass"));
        write("a/deeper/two.yml", scenario("pass"));
        write("a/notes.txt", "not a scenario");
        write("a/.hidden/three.yaml", scenario("fail"));
        write("b.YAML", scenario("pass"));
        List<Path> files = ScenarioFiles.find(dir);
        assertEquals(List.of(dir.resolve("a/deeper/two.yml"), dir.resolve("b.YAML"), dir.resolve("z/one.yaml")), files);
    }

    @Test
    void runsAFileNamedExplicitlyWhateverItsName() throws IOException {
        Path file = write("scenario.txt", scenario("pass"));
        List<ScenarioResult> results = runner(FAKE).run(List.of(file));
        assertEquals(List.of(Verdict.PASS), results.stream().map(ScenarioResult::verdict).toList());
    }

    @Test
    void aMissingPathIsInvalidAndTheRestStillRuns() throws IOException {
        Path ok = write("ok.yaml", scenario("pass"));
        Path missing = dir.resolve("nope");
        List<ScenarioResult> results = runner(FAKE).run(List.of(missing, ok));
        assertEquals(2, results.size());
        assertEquals(Verdict.INVALID, results.get(0).verdict());
        assertEquals(missing + ": no such file; expected an existing scenario file", results.get(0).error());
        assertEquals(Verdict.PASS, results.get(1).verdict());
    }

    @Test
    void anEmptyDirectoryYieldsNoResult() {
        assertEquals(List.of(), runner(FAKE).run(List.of(dir)));
    }

    @Test
    void tellsTheListenerTheFilesFirstThenEachResultThenTheEnd() throws IOException {
        Path a = write("a.yaml", scenario("pass"));
        Path b = write("b.yaml", scenario("fail"));
        List<String> events = new ArrayList<>();
        // one job: the listener hears the results in file order (with several, in finishing order)
        List<ScenarioResult> results = ScenarioRunner.builder().executor(FAKE).jobs(1).build()
                .run(List.of(dir), new RunListener() {
            @Override
            public void runStarting(List<Path> files) {
                events.add("start " + files);
            }

            @Override
            public void scenarioFinished(ScenarioResult result) {
                events.add(result.file().getFileName() + " " + result.verdict());
            }

            @Override
            public void runFinished(List<ScenarioResult> all) {
                events.add("end " + all.size());
            }
        });
        assertEquals(List.of("start " + List.of(a, b), "a.yaml PASS", "b.yaml FAIL", "end 2"), events);
        assertEquals(2, results.size());
    }

    /** A table of three cases: the row's about says what the fake executor does. */
    private static final String TABLE = scenario("\"${about}\"") + """
            cases:
              columns: [name, about]
              rows:
                - [ok, pass]
                - [wrong, fail]
                - [boom, throw]
            """;

    @Test
    void aTableOfCasesGivesOneResultPerRowNamedByTheRow() throws IOException {
        Path file = write("table.yaml", TABLE);
        write("z.yaml", scenario("pass"));
        List<String> events = new ArrayList<>();
        List<ScenarioResult> results = runner(FAKE).run(List.of(dir), new RunListener() {
            @Override
            public void runStarting(List<Path> files, List<String> caseNames) {
                events.add("start " + files.size() + " " + caseNames);
            }
        });
        assertEquals(List.of("start 4 [ok, wrong, boom, null]"), events);
        assertEquals(List.of(Verdict.PASS, Verdict.FAIL, Verdict.ERROR, Verdict.PASS),
                results.stream().map(ScenarioResult::verdict).toList());
        assertEquals(List.of("table.yaml[ok]", "table.yaml[wrong]", "table.yaml[boom]", "z.yaml"),
                results.stream().map(result -> result.name(result.file().getFileName().toString())).toList());
        assertEquals(3, runner(FAKE).runAll(file).size());
        assertEquals(Verdict.INVALID, runner(FAKE).runFile(file).verdict(), "runFile reads files without a table");
    }

    @Test
    void aBadRowMakesTheWholeFileOneInvalidResultNamingTheRow() throws IOException {
        write("table.yaml", TABLE.replace("- [boom, throw]", "- [boom, throw, extra]"));
        List<ScenarioResult> results = runner(FAKE).run(List.of(dir));
        assertEquals(1, results.size());
        assertEquals(Verdict.INVALID, results.get(0).verdict());
        assertTrue(results.get(0).error().contains("row has 3 cells, columns has 2"), results.get(0).error());
    }

    @Test
    void refusesANonPositiveTimeoutAndAMissingExecutor() {
        assertThrows(IllegalArgumentException.class, () -> ScenarioRunner.builder().timeout(Duration.ZERO));
        assertThrows(NullPointerException.class, () -> ScenarioRunner.builder().build());
    }
    @Test
    void severalScenariosRunAtOnceAndTheResultsKeepFileOrder() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            files.add(write("s" + i + ".yaml", scenario(i == 0 ? "slow" : "pass")));
        }
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        CountDownLatch othersStarted = new CountDownLatch(3);
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch anotherFinished = new CountDownLatch(1);
        ScenarioExecutor overlapping = scenario -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                if (scenario.about().equals("slow")) {
                    slowStarted.countDown();
                    // the first scenario only ends once later ones have started: they cannot run one by one
                    assertTrue(othersStarted.await(10, TimeUnit.SECONDS), "later scenarios started meanwhile");
                    // and once one of them has been reported finished, so it is reported after that one
                    assertTrue(anotherFinished.await(10, TimeUnit.SECONDS), "a later scenario finished meanwhile");
                } else {
                    othersStarted.countDown();
                    // and the others wait for the slow one to be running, so a busy machine cannot run them all
                    // before it starts (which would look like one at a time)
                    assertTrue(slowStarted.await(10, TimeUnit.SECONDS), "the slow scenario started meanwhile");
                }
                return registered(200);
            } finally {
                running.decrementAndGet();
            }
        };
        List<String> heard = java.util.Collections.synchronizedList(new ArrayList<>());
        List<ScenarioResult> results = ScenarioRunner.builder().executor(overlapping).jobs(4).build()
                .run(List.of(dir), new RunListener() {
                    @Override
                    public void scenarioFinished(ScenarioResult result) {
                        heard.add(result.file().getFileName().toString());
                        if (!result.file().getFileName().toString().equals("s0.yaml")) {
                            anotherFinished.countDown();
                        }
                    }
                });
        assertEquals(files, results.stream().map(ScenarioResult::file).toList(), "file order, not finishing order");
        assertTrue(results.stream().allMatch(r -> r.verdict() == Verdict.PASS), results.toString());
        assertTrue(most.get() > 1, "at most " + most.get() + " ran at once");
        assertTrue(most.get() <= 4, "never more than jobs(4): " + most.get());
        assertEquals(6, heard.size());
        assertTrue(heard.indexOf("s0.yaml") > 0, "the slow first scenario finished after others: " + heard);
    }

    @Test
    void oneJobRunsScenariosOneAfterAnother() throws IOException {
        for (int i = 0; i < 3; i++) {
            write("s" + i + ".yaml", scenario("pass"));
        }
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        ScenarioExecutor counting = scenario -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
                return registered(200);
            } finally {
                running.decrementAndGet();
            }
        };
        List<ScenarioResult> results = ScenarioRunner.builder().executor(counting).jobs(1).build().run(List.of(dir));
        assertEquals(3, results.size());
        assertEquals(1, most.get());
        assertThrows(IllegalArgumentException.class, () -> ScenarioRunner.builder().jobs(0));
    }
}
