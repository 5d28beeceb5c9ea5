package io.sipshield.harness.compare;

import io.sipshield.harness.run.Check;
import java.util.Objects;

/**
 * One expectation whose result differs between the mock and the target: it held on one side only, or
 * failed on both with different observations, or was checked on one side only (the other side's scenario
 * could not run, or observed less: a bitmask flag row exists only where the bitmask differed).
 *
 * @param check          the check's name, like {@code sip.register}
 * @param expected       what the scenario expects
 * @param mockObserved   what the mock run observed, or {@link #NOT_CHECKED}
 * @param mockHolds      whether it held against the mock
 * @param targetObserved what the target run observed, or {@link #NOT_CHECKED}
 * @param targetHolds    whether it held against the target
 */
public record ExpectationDifference(String check, String expected, String mockObserved, boolean mockHolds,
                                    String targetObserved, boolean targetHolds) {

    /** What a side shows when it has no such check. */
    public static final String NOT_CHECKED = "(not checked)";

    public ExpectationDifference {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(mockObserved, "mockObserved");
        Objects.requireNonNull(targetObserved, "targetObserved");
    }

    /**
     * The difference between the two sides' checks of one expectation, or null when they agree: both held,
     * or both failed with the same observation. Either may be null (not checked on that side); a check
     * that was not observable is never compared.
     */
    static ExpectationDifference between(Check mock, Check target) {
        if (mock == null && target == null || mock != null && !mock.observable()
                || target != null && !target.observable()) {
            return null;
        }
        if (mock != null && target != null && mock.holds() == target.holds()
                && (mock.holds() || mock.observed().equals(target.observed()))) {
            return null;
        }
        Check any = mock != null ? mock : target;
        return new ExpectationDifference(any.name(), any.expected(),
                mock == null ? NOT_CHECKED : mock.observed(), mock != null && mock.holds(),
                target == null ? NOT_CHECKED : target.observed(), target != null && target.holds());
    }
}
