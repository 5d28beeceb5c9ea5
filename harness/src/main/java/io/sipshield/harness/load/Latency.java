package io.sipshield.harness.load;

/** The latencies a load run measures, each into its own histogram. */
public enum Latency {
    /** TCP connect plus TLS handshake plus the phone's check of the server chain: connect() to its TlsReport. */
    TLS_HANDSHAKE("tls handshake"),
    /** REGISTER sent to its final response, the digest challenge and the authenticated retry included. */
    REGISTER("register round trip"),
    /** INVITE sent to its final 2xx (challenge and retry included): call setup as the caller sees it. */
    CALL_SETUP("call setup"),
    /** One RTP payload sent to the same payload echoed back, decrypted (per packet). */
    MEDIA_ROUND_TRIP("media round trip");

    private final String label;

    Latency(String label) {
        this.label = label;
    }

    /** The name shown in tables and charts ({@code "register round trip"}). */
    public String label() {
        return label;
    }

    /** The name used as a JSON key ({@code "register_round_trip"}). */
    public String key() {
        return label.replace(' ', '_');
    }
}
