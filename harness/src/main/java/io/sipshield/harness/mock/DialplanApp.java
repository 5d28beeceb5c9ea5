package io.sipshield.harness.mock;

/** The dialplan applications the mock runs for an extension. */
public enum DialplanApp {
    /** {@code Answer()} then {@code Echo()}: every frame the caller sends is sent back. */
    ECHO
}
