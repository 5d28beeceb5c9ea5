package io.sipshield.harness.mock;

/** The dialplan applications the mock runs for an extension. */
public enum DialplanApp {
    /** {@code Answer()} then {@code Echo()}: every frame the caller sends is sent back. */
    ECHO,
    /** {@code Busy()} before any Answer(): chan_pjsip sends 486 Busy Here (cause 17, USER_BUSY). */
    BUSY,
    /** {@code Congestion()} before any Answer(): chan_pjsip sends 503 Service Unavailable (cause 34, CONGESTION). */
    CONGESTION
}
