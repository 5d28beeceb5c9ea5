package io.sipshield.emulator.fault;

import java.time.Duration;

/**
 * The server stops answering at {@code when}: it keeps the connection open and reads, but sends
 * nothing for {@code duration} ({@link Duration#ZERO}: until the connection closes). The phone must end
 * its transaction with a timeout outcome that says what it waited for, and never hang.
 *
 * @param when     the moment on the connection
 * @param duration how long the server is silent; zero for ever
 */
public record Stall(FaultMoment when, Duration duration) implements ServerFault {

    /** The name in scenario files. */
    public static final String NAME = "stall";

    public Stall {
        Checks.present(NAME, "when", when);
        Checks.notNegative(NAME, "duration", duration);
    }

    /** Whether the stall lasts until the connection closes. */
    public boolean forever() {
        return duration.isZero();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "server stalls " + when.label() + (forever() ? " for ever" : " for " + duration.toMillis() + " ms");
    }
}
