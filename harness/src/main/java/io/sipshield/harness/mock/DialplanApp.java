package io.sipshield.harness.mock;

import io.sipshield.harness.mock.dialplan.DialplanApplication;
import java.util.List;
import java.util.Optional;
import java.time.Duration;

/** Shorthands for the dialplans tests and scenarios use most, each a list of priorities. */
public enum DialplanApp {
    /** {@code Answer()} then {@code Echo()}: every frame the caller sends is sent back. */
    ECHO(List.of(new DialplanApplication.Answer(Duration.ZERO), new DialplanApplication.Echo())),
    /** {@code Busy()} before any Answer(): chan_pjsip sends 486 Busy Here (cause 17, USER_BUSY). */
    BUSY(List.of(new DialplanApplication.Busy(Optional.empty()))),
    /** {@code Congestion()} before any Answer(): chan_pjsip sends 503 Service Unavailable (cause 34, CONGESTION). */
    CONGESTION(List.of(new DialplanApplication.Congestion(Optional.empty())));

    private final List<DialplanApplication> priorities;

    DialplanApp(List<DialplanApplication> priorities) {
        this.priorities = priorities;
    }

    /** The priorities the shorthand stands for. */
    public List<DialplanApplication> priorities() {
        return priorities;
    }
}
