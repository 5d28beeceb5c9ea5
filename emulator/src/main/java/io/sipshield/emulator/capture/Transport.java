package io.sipshield.emulator.capture;

/** The transport a tapped packet travelled on: TCP for SIP over TLS, UDP for SRTP and SRTCP. */
public enum Transport {
    TCP,
    UDP
}
