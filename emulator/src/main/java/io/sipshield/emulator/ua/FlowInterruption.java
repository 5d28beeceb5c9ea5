package io.sipshield.emulator.ua;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One failure of a phone's flow (its TLS connection to the server, RFC 5626 §3.5) and what became of
 * it: when it dropped and why, the calls it ended, the reconnection attempts, and when (if) the phone
 * was registered again. Immutable: each attempt makes a new value.
 *
 * @param droppedAt   when the phone saw the connection fail
 * @param cause       why, e.g. "closed by the server", "reset by the server", "no final response to REGISTER
 *                    within 500 ms (Timer F, RFC 3261 §17.1.2.2)"
 * @param callsEnded  calls the drop ended (their dialogs ran over the flow)
 * @param attempts    reconnection attempts so far (each: a new connection and a REGISTER)
 * @param lastFailure why the latest attempt failed, or null
 * @param recoveredAt when the phone was registered again, or null while it is not
 * @param gaveUp      no recovery will follow: the policy's max-attempts ran out, the policy is none, or the
 *                    phone was closed while recovering
 */
public record FlowInterruption(Instant droppedAt, String cause, int callsEnded, int attempts, String lastFailure,
                               Instant recoveredAt, boolean gaveUp) {

    public FlowInterruption {
        Objects.requireNonNull(droppedAt, "droppedAt");
        Objects.requireNonNull(cause, "cause");
    }

    static FlowInterruption dropped(Instant at, String cause, int callsEnded) {
        return new FlowInterruption(at, cause, callsEnded, 0, null, null, false);
    }

    FlowInterruption attemptFailed(String why) {
        return new FlowInterruption(droppedAt, cause, callsEnded, attempts + 1, why, null, false);
    }

    FlowInterruption recovered(Instant at) {
        return new FlowInterruption(droppedAt, cause, callsEnded, attempts + 1, lastFailure, at, false);
    }

    FlowInterruption givenUp() {
        return new FlowInterruption(droppedAt, cause, callsEnded, attempts, lastFailure, null, true);
    }

    /** Whether the phone is registered again. */
    public boolean recovered() {
        return recoveredAt != null;
    }

    /** From the drop to the new registration, or null while not recovered. */
    public Duration downtime() {
        return recoveredAt == null ? null : Duration.between(droppedAt, recoveredAt);
    }

    @Override
    public String toString() {
        return "dropped at " + droppedAt + " (" + cause + ")"
                + (callsEnded == 0 ? "" : ", " + callsEnded + (callsEnded == 1 ? " call" : " calls") + " ended")
                + (recovered() ? ", recovered after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                        + " in " + downtime().toMillis() + " ms"
                        : gaveUp ? ", gave up after " + attempts + " attempts (" + lastFailure + ")"
                        : ", not recovered yet (" + attempts + " attempts" + (lastFailure == null ? "" : ", last: "
                        + lastFailure) + ")");
    }
}
