package io.sipshield.harness.mock.config;

/** pjsip.conf transport {@code protocol} within the mock's subset (Asterisk also has ws, wss and flow). */
public enum TransportProtocol {
    UDP(5060), TCP(5060), TLS(5061);

    private final int defaultPort;

    TransportProtocol(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** The port PJSIP binds when {@code bind} names none: 5060, or 5061 for TLS. */
    public int defaultPort() {
        return defaultPort;
    }
}
