package io.sipshield.harness.compare;

import io.sipshield.harness.run.ScenarioResult;
import io.sipshield.harness.run.Verdict;
import io.sipshield.harness.scenario.TargetServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The same scenarios run against the mock and a target, paired scenario by scenario (file and row of the
 * table of cases, in the mock run's order).
 *
 * @param target    the real server
 * @param scenarios one comparison per scenario of the mock run, then any the target run has alone
 */
public record Comparison(TargetServer target, List<ScenarioComparison> scenarios) {

    public Comparison {
        Objects.requireNonNull(target, "target");
        scenarios = List.copyOf(scenarios);
    }

    /** Pairs the results of the two runs by file and row. */
    public static Comparison of(TargetServer target, List<ScenarioResult> mock, List<ScenarioResult> onTarget) {
        Map<List<Object>, LinkedList<ScenarioResult>> byScenario = new HashMap<>();
        for (ScenarioResult result : onTarget) {
            byScenario.computeIfAbsent(key(result), key -> new LinkedList<>()).add(result);
        }
        List<ScenarioComparison> scenarios = new ArrayList<>();
        for (ScenarioResult result : mock) {
            LinkedList<ScenarioResult> same = byScenario.get(key(result));
            scenarios.add(ScenarioComparison.of(result, same == null ? null : same.pollFirst()));
        }
        byScenario.values().forEach(left -> left.forEach(result -> scenarios.add(new ScenarioComparison(result.file(),
                result.caseName(), Verdict.ERROR, result.verdict(), "not run against the mock", result.error(),
                List.of(), List.of()))));
        return new Comparison(target, scenarios);
    }

    private static List<Object> key(ScenarioResult result) {
        return Arrays.asList(result.file().toAbsolutePath().normalize(), result.caseName());
    }

    /** The scenarios whose two runs disagree. */
    public List<ScenarioComparison> differing() {
        return scenarios.stream().filter(ScenarioComparison::differs).toList();
    }

    /** Whether anything differs. */
    public boolean differs() {
        return scenarios.stream().anyMatch(ScenarioComparison::differs);
    }

    /** How many expectations differ, over every scenario. */
    public long differingExpectations() {
        return scenarios.stream().mapToLong(scenario -> scenario.differences().size()).sum();
    }

    /** How many expectations the target run could not observe, over every scenario. */
    public long notObservable() {
        return scenarios.stream().mapToLong(scenario -> scenario.notObservable().size()).sum();
    }

    /**
     * {@code 12 scenarios compared: 10 the same, 2 differ (3 expectations); 4 expectations not observable
     * against the target}.
     */
    public String summary() {
        long differ = differing().size();
        String line = scenarios.size() + (scenarios.size() == 1 ? " scenario" : " scenarios") + " compared: "
                + (scenarios.size() - differ) + " the same, " + differ + " differ (" + differingExpectations()
                + (differingExpectations() == 1 ? " expectation)" : " expectations)");
        long unobserved = notObservable();
        return unobserved == 0 ? line : line + "; " + unobserved + (unobserved == 1 ? " expectation" : " expectations")
                + " not observable against the target";
    }
}
