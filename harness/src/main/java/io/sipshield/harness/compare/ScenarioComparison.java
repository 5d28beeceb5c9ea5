package io.sipshield.harness.compare;

import io.sipshield.harness.run.Check;
import io.sipshield.harness.run.ScenarioResult;
import io.sipshield.harness.run.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One scenario (one row of a table of cases) run against both sides.
 *
 * @param file          the scenario file
 * @param caseName      the row of its table of cases, or null
 * @param mock          the verdict against the mock
 * @param target        the verdict against the target, or null when the target run has no such scenario
 * @param mockError     why the mock run could not run it (ERROR, INVALID), or null
 * @param targetError   why the target run could not run it, or null
 * @param differences   every expectation whose result differs, in the mock's check order then the target's
 * @param notObservable the expectations the target run could not observe (only the mock reports them)
 */
public record ScenarioComparison(Path file, String caseName, Verdict mock, Verdict target, String mockError,
                                 String targetError, List<ExpectationDifference> differences,
                                 List<String> notObservable) {

    public ScenarioComparison {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mock, "mock");
        differences = List.copyOf(differences);
        notObservable = List.copyOf(notObservable);
    }

    /** Whether the two sides disagree: an expectation's result, or the verdict itself (an ERROR on one side). */
    public boolean differs() {
        return !differences.isEmpty() || mock != target;
    }

    /** How reports name it: {@code shownFile}, plus {@code [row]} for a row of a table of cases. */
    public String name(String shownFile) {
        return caseName == null ? shownFile : shownFile + "[" + caseName + "]";
    }

    /** Compares the two results of one scenario; {@code target} may be null (missing from the target run). */
    static ScenarioComparison of(ScenarioResult mock, ScenarioResult target) {
        List<ExpectationDifference> differences = new ArrayList<>();
        Map<String, Check> targetChecks = new LinkedHashMap<>();
        if (target != null) {
            target.checks().forEach(check -> targetChecks.putIfAbsent(check.name(), check));
        }
        Set<String> seen = new HashSet<>();
        for (Check check : mock.checks()) {
            if (seen.add(check.name())) {
                add(differences, ExpectationDifference.between(check, targetChecks.get(check.name())));
            }
        }
        targetChecks.forEach((name, check) -> {
            if (seen.add(name)) {
                add(differences, ExpectationDifference.between(null, check));
            }
        });
        return new ScenarioComparison(mock.file(), mock.caseName(), mock.verdict(),
                target == null ? null : target.verdict(), mock.error(), target == null ? "not run" : target.error(),
                differences, target == null ? List.of()
                        : target.notObservableChecks().stream().map(Check::name).toList());
    }

    private static void add(List<ExpectationDifference> differences, ExpectationDifference difference) {
        if (difference != null) {
            differences.add(difference);
        }
    }
}
