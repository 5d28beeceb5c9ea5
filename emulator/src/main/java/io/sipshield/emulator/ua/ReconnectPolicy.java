package io.sipshield.emulator.ua;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How a phone recovers its flow when the connection to its server fails (RFC 5626 §4.5): it waits,
 * opens a new connection and registers again, and waits longer after every failed attempt:
 *
 * <pre>
 *   wait-time = min(max-time, base-time * 2 ^ consecutive-failures)
 * </pre>
 *
 * then a random time between 50% and 100% of that wait-time (the RFC's jitter, so phones dropped
 * together do not come back together). {@code consecutive-failures} counts the attempts that failed
 * since the drop (0 before the first). {@code base-time} is 30 s when every flow of the phone failed
 * and 90 s when another flow still works; a sipshield phone has one flow, so it waits on
 * {@link #baseTimeAllFailed()}. {@code max-time} is 1800 s. These are RFC 5626 §4.5's defaults
 * ({@link #rfc5626()}); tests use small values ({@link #of(Duration, Duration)}).
 *
 * <p>{@link #NONE} turns recovery off: a dropped connection stays dropped, as before this policy.
 *
 * @param enabled           whether the phone recovers at all
 * @param baseTimeAllFailed base-time when all of the phone's flows failed (RFC 5626: 30 s)
 * @param baseTimeSomeOk    base-time when at least one other flow still works (RFC 5626: 90 s)
 * @param maxTime           the upper bound of a wait (RFC 5626: 1800 s)
 * @param maxAttempts       attempts after which the phone gives up; 0 for never (the RFC sets no limit)
 */
public record ReconnectPolicy(boolean enabled, Duration baseTimeAllFailed, Duration baseTimeSomeOk, Duration maxTime,
                              int maxAttempts) {

    /** No recovery: a dropped connection stays dropped. */
    public static final ReconnectPolicy NONE = new ReconnectPolicy(false, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);

    public ReconnectPolicy {
        Objects.requireNonNull(baseTimeAllFailed, "baseTimeAllFailed");
        Objects.requireNonNull(baseTimeSomeOk, "baseTimeSomeOk");
        Objects.requireNonNull(maxTime, "maxTime");
        if (enabled) {
            if (baseTimeAllFailed.isNegative() || baseTimeAllFailed.isZero()) {
                throw new IllegalArgumentException("reconnect: base-time must be more than 0, was " + baseTimeAllFailed);
            }
            if (baseTimeSomeOk.isNegative() || baseTimeSomeOk.isZero()) {
                throw new IllegalArgumentException("reconnect: base-time (some flows ok) must be more than 0, was "
                        + baseTimeSomeOk);
            }
            if (maxTime.compareTo(baseTimeAllFailed) < 0) {
                throw new IllegalArgumentException("reconnect: max-time (" + maxTime.toMillis()
                        + " ms) must be at least base-time (" + baseTimeAllFailed.toMillis() + " ms)");
            }
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("reconnect: max-attempts must be 0 (never give up) or more, was "
                    + maxAttempts);
        }
    }

    /** RFC 5626 §4.5's defaults: base-time 30 s (all flows failed) or 90 s, max-time 1800 s, never give up. */
    public static ReconnectPolicy rfc5626() {
        return new ReconnectPolicy(true, Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(1800), 0);
    }

    /** The RFC's formula with another base-time and max-time (tests use milliseconds); never gives up. */
    public static ReconnectPolicy of(Duration baseTime, Duration maxTime) {
        return new ReconnectPolicy(true, baseTime, baseTime.multipliedBy(3), maxTime, 0);
    }

    /** This policy giving up after {@code attempts} attempts (0: never). */
    public ReconnectPolicy withMaxAttempts(int attempts) {
        return new ReconnectPolicy(enabled, baseTimeAllFailed, baseTimeSomeOk, maxTime, attempts);
    }

    /** The RFC's wait-time before the next attempt, without jitter. */
    public Duration waitTime(int consecutiveFailures, boolean otherFlowsOk) {
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutive failures cannot be negative: " + consecutiveFailures);
        }
        Duration base = otherFlowsOk ? baseTimeSomeOk : baseTimeAllFailed;
        // 2^31 of anything is past any max-time a test or the RFC uses; stop doubling before overflow
        int exponent = Math.min(consecutiveFailures, 30);
        long millis = base.toMillis();
        long scaled = millis > Long.MAX_VALUE >> exponent ? Long.MAX_VALUE : millis << exponent;
        return Duration.ofMillis(Math.min(maxTime.toMillis(), scaled));
    }

    /**
     * The time actually waited: a random share between 50% and 100% of {@link #waitTime} (RFC 5626 §4.5).
     *
     * @param random a number in [0, 1)
     */
    public Duration jitteredWait(int consecutiveFailures, boolean otherFlowsOk, DoubleSupplier random) {
        long upper = waitTime(consecutiveFailures, otherFlowsOk).toMillis();
        return Duration.ofMillis(Math.round(upper * (0.5 + 0.5 * random.getAsDouble())));
    }

    /** Whether another attempt may follow {@code attemptsSoFar}. */
    public boolean mayAttempt(int attemptsSoFar) {
        return enabled && (maxAttempts == 0 || attemptsSoFar < maxAttempts);
    }

    /** One line for reports: {@code none}, or {@code rfc5626 base 30 s, max 1800 s}. */
    public String describe() {
        if (!enabled) {
            return "none";
        }
        return "rfc5626 base " + baseTimeAllFailed.toMillis() + " ms, max " + maxTime.toMillis() + " ms"
                + (maxAttempts == 0 ? "" : ", at most " + maxAttempts + " attempts");
    }
}
