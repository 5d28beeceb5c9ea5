package io.sipshield.harness.run;

import io.sipshield.emulator.ua.FlowInterruption;
import java.util.List;

/**
 * What became of one phone's connection during a scenario: every failure under the registered phone
 * ({@link FlowInterruption}: when, why, calls ended, attempts, recovered or not), oldest first.
 *
 * @param interruptions the failures, empty when the connection held
 */
public record ConnectionObservation(List<FlowInterruption> interruptions) {

    public ConnectionObservation {
        interruptions = List.copyOf(interruptions);
    }

    /** How many times the connection failed. */
    public int drops() {
        return interruptions.size();
    }

    /** Whether every failure was recovered (true when none happened). */
    public boolean allRecovered() {
        return interruptions.stream().allMatch(FlowInterruption::recovered);
    }

    /** Calls the failures ended, all together. */
    public int callsEnded() {
        return interruptions.stream().mapToInt(FlowInterruption::callsEnded).sum();
    }

    /** The first failure's cause, or null when none happened. */
    public String firstCause() {
        return interruptions.isEmpty() ? null : interruptions.get(0).cause();
    }

    /** One line for reports: "2 drops: dropped at ... (closed by the server), recovered after 1 attempt ...". */
    public String describe() {
        if (interruptions.isEmpty()) {
            return "no drop";
        }
        return interruptions.size() + (interruptions.size() == 1 ? " drop: " : " drops: ")
                + String.join("; ", interruptions.stream().map(FlowInterruption::toString).toList());
    }
}
