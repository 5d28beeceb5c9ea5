package io.sipshield.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.harness.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sharding over the real suite ({@code ../scenarios}): for N = 1 to 5 the shards are disjoint, their
 * union is the whole suite, sizes differ by at most one, and neither {@code --jobs} nor the order the
 * cases were found in changes which shard a case falls to.
 */
@Timeout(300)
class ShardPlanTest {

    private static final Path SUITE = Path.of("..", "scenarios");
    private static final List<Path> SUITE_DIRECTORIES = List.of(SUITE.resolve("algo"), SUITE.resolve("asterisk"),
            SUITE.resolve("cisco"), SUITE.resolve("digium"), SUITE.resolve("mx-one"));

    /** Observes nothing: the checks fail, but every case is run and reported, which is all that matters here. */
    private static final ScenarioExecutor NOTHING = scenario -> FakeScenarios.registered(200);

    private static ShardRun run(Shard shard, int jobs) {
        return ScenarioRunner.builder().executor(NOTHING).jobs(jobs).build().run(SUITE_DIRECTORIES, shard, RunListener.NONE);
    }

    private static List<String> ids(ShardRun run) {
        return run.results().stream().map(result -> Scenario.id(result.file().toString(), result.caseName())).toList();
    }

    @Test
    void everyCaseOfTheRealSuiteFallsToExactlyOneShard() {
        ShardRun whole = run(Shard.WHOLE, 4);
        Set<String> all = new HashSet<>(ids(whole));
        assertEquals(whole.results().size(), all.size(), "case ids are unique");
        assertTrue(all.size() > 50, "the real suite: " + all.size());
        assertEquals(whole.results().size(), whole.suite().cases());
        for (int count = 1; count <= 5; count++) {
            Set<String> union = new HashSet<>();
            int smallest = Integer.MAX_VALUE;
            int largest = 0;
            for (int index = 1; index <= count; index++) {
                ShardRun shard = run(new Shard(index, count), index == 1 ? 1 : 3);
                assertEquals(whole.suite(), shard.suite(), "every shard knows the whole suite");
                for (String id : ids(shard)) {
                    assertTrue(union.add(id), id + " is in two of " + count + " shards");
                }
                smallest = Math.min(smallest, shard.results().size());
                largest = Math.max(largest, shard.results().size());
            }
            assertEquals(all, union, "the " + count + " shards together are the suite");
            assertTrue(largest - smallest <= 1, count + " shards: " + smallest + " to " + largest + " cases");
        }
    }

    @Test
    void jobsDoNotChangeTheSplit() {
        Shard shard = new Shard(2, 3);
        assertEquals(new HashSet<>(ids(run(shard, 1))), new HashSet<>(ids(run(shard, 6))));
    }

    @Test
    void theOrderCasesAreFoundInDoesNotChangeTheSplit() {
        List<ShardPlan.Entry<String>> entries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String key = "dir" + (i % 3) + "/case-" + i + ".yaml";
            entries.add(new ShardPlan.Entry<>(key, "digest", key));
        }
        List<ShardPlan.Entry<String>> shuffled = new ArrayList<>(entries);
        Collections.shuffle(shuffled, new Random(7));
        for (int index = 1; index <= 3; index++) {
            Shard shard = new Shard(index, 3);
            assertEquals(new HashSet<>(new ShardPlan<>(entries).select(shard)),
                    new HashSet<>(new ShardPlan<>(shuffled).select(shard)));
        }
        assertEquals(new ShardPlan<>(entries).manifest(), new ShardPlan<>(shuffled).manifest());
    }

    @Test
    void theKeyIsThePathBelowTheArgumentSoTheCheckoutsLocationDoesNotMatter() {
        Path file = Path.of("/builds/a/scenarios/digium/x.yaml");
        assertEquals("digium/x.yaml[row]", ShardPlan.key(Path.of("/builds/a/scenarios"), file, "row"));
        assertEquals(ShardPlan.key(Path.of("/builds/a/scenarios"), file, null),
                ShardPlan.key(Path.of("/home/b/scenarios"), Path.of("/home/b/scenarios/digium/x.yaml"), null));
        assertEquals("x.yaml", ShardPlan.key(file, file, null));
    }

    @Test
    void theManifestChangesWhenAScenarioIsEditedAddedOrRenamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), FakeScenarios.scenario("pass"));
        Files.writeString(dir.resolve("b.yaml"), FakeScenarios.scenario("pass"));
        SuiteManifest before = suite(dir);
        assertEquals(before, suite(dir), "the same files, the same manifest");
        assertEquals(2, before.cases());

        Files.writeString(dir.resolve("b.yaml"), FakeScenarios.scenario("fail"));
        SuiteManifest edited = suite(dir);
        assertNotEquals(before.digest(), edited.digest());
        Files.move(dir.resolve("b.yaml"), dir.resolve("c.yaml"));
        assertNotEquals(edited.digest(), suite(dir).digest());
        Files.writeString(dir.resolve("d.yaml"), FakeScenarios.scenario("pass"));
        assertEquals(3, suite(dir).cases());
    }

    @Test
    void aShardThatNoCaseFallsToRunsNothingButKnowsTheSuite(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("only.yaml"), FakeScenarios.scenario("pass"));
        ShardRun empty = ScenarioRunner.builder().executor(FakeScenarios.EXECUTOR).build()
                .run(List.of(dir), new Shard(3, 3), RunListener.NONE);
        assertTrue(empty.results().isEmpty());
        assertEquals(1, empty.suite().cases());
        assertFalse(empty.suite().digest().isEmpty());
    }

    private static SuiteManifest suite(Path dir) {
        return ScenarioRunner.builder().executor(FakeScenarios.EXECUTOR).build()
                .run(List.of(dir), Shard.WHOLE, RunListener.NONE).suite();
    }
}
