package io.sipshield.emulator.capture;

/**
 * Receives the session secrets a capture needs to be read: the TLS secrets of each connection as
 * NSS key log lines, and the SDES keys of each call. Only for a capture the user asked for: these
 * are live secrets, never to be logged. Called on the phone's event loops; implementations must be
 * thread-safe.
 */
public interface SecretsTap {

    /**
     * One NSS key log line (no line end), as BoringSSL's key log callback produces it:
     * {@code CLIENT_RANDOM <random> <master secret>} for TLS 1.0-1.2, the
     * {@code CLIENT_HANDSHAKE_TRAFFIC_SECRET}, {@code SERVER_HANDSHAKE_TRAFFIC_SECRET},
     * {@code CLIENT_TRAFFIC_SECRET_0}, {@code SERVER_TRAFFIC_SECRET_0} (and {@code EXPORTER_SECRET})
     * lines for TLS 1.3. Format: https://firefox-source-docs.mozilla.org/security/nss/legacy/key_log_format/
     */
    void tlsKeyLog(String line);

    /** The phone's TLS stack cannot export its secrets (the JDK provider); {@code reason} says why. */
    void tlsSecretsUnavailable(String reason);

    /** A call's media keys were settled. */
    void srtpKeys(SrtpKeys keys);
}
