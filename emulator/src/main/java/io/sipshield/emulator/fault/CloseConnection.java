package io.sipshield.emulator.fault;

import java.time.Duration;

/**
 * The server closes the phone's connection at {@code when} (plus {@code delay}), on the first
 * {@code times} connections that reach that moment. {@code reset} aborts with a TCP RST (SO_LINGER 0)
 * instead of close_notify and FIN. The phone is expected to reconnect with backoff and register again
 * (RFC 5626 §4.4 flow recovery).
 *
 * @param when  the moment on the connection
 * @param delay how long after the moment (zero: at once)
 * @param times how many connections are closed (at least 1)
 * @param reset RST instead of an orderly close
 */
public record CloseConnection(FaultMoment when, Duration delay, int times, boolean reset) implements ServerFault {

    /** The name in scenario files. */
    public static final String NAME = "close-connection";

    public CloseConnection {
        Checks.present(NAME, "when", when);
        Checks.notNegative(NAME, "delay", delay);
        Checks.positive(NAME, "times", times);
    }

    /** Closes the first connection that reaches {@code when}, at once, with close_notify and FIN. */
    public static CloseConnection at(FaultMoment when) {
        return new CloseConnection(when, Duration.ZERO, 1, false);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "server " + (reset ? "resets" : "closes") + " the connection " + when.label()
                + (delay.isZero() ? "" : " + " + delay.toMillis() + " ms") + " (" + times + (times == 1 ? " time)" : " times)");
    }
}
