package io.sipshield.emulator.capture;

/** Which way a tapped packet went, seen from the phone. */
public enum Direction {
    /** From the phone to its peer. */
    SENT,
    /** From the peer to the phone. */
    RECEIVED
}
