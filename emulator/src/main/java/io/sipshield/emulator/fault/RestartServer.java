package io.sipshield.emulator.fault;

import java.time.Duration;

/**
 * The server restarts: {@code after} the run started it closes every connection and stops listening,
 * and {@code downtime} later it listens again on the same address and port with its registrations lost,
 * as an Asterisk restart does. Every phone must reconnect with backoff and register again.
 *
 * @param after    time from the start of the run to the restart
 * @param downtime how long nothing listens
 */
public record RestartServer(Duration after, Duration downtime) implements ServerFault {

    /** The name in scenario files. */
    public static final String NAME = "restart-server";

    public RestartServer {
        Checks.notNegative(NAME, "after", after);
        Checks.notNegative(NAME, "downtime", downtime);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "server restarts after " + after.toMillis() + " ms, down for " + downtime.toMillis() + " ms";
    }
}
