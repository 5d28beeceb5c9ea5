package io.sipshield.emulator.srtp;

/** What became of one packet handed to {@code unprotect} (RFC 3711 §3.3). */
public enum SrtpStatus {
    /** Authenticated, not a replay, decrypted. */
    OK,
    /**
     * The authentication tag did not match (§3.3 step 5), or the packet's MKI names no master key
     * of the context (then no key can authenticate it).
     */
    AUTH_FAIL,
    /** The index was already received inside the replay window (§3.3.2). */
    REPLAY,
    /** The index lies behind the replay window, so it cannot be checked and is dropped (§3.3.2). */
    TOO_OLD,
    /** Too short, not version 2, or a header that runs past the end. */
    MALFORMED,
    /**
     * The master key's lifetime is used up (§9.2: the negotiated lifetime, at most 2^48 SRTP or
     * 2^31 SRTCP packets, or an index beyond the last one), so the key must not process the packet.
     */
    KEY_EXPIRED
}
