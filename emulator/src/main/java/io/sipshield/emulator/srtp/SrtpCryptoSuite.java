package io.sipshield.emulator.srtp;

import java.util.Optional;

/**
 * An SRTP crypto suite as named in SDES {@code a=crypto} lines (RFC 4568 §6.2) with the lengths
 * that define it.
 *
 * <p>Each constant carries every length the engine needs, so a further AES-CM suite
 * (AES_192_CM / AES_256_CM_HMAC_SHA1_xx, RFC 6188) is one more constant with a longer master key:
 * key derivation and the counter-mode cipher already take any AES key length. An AEAD suite
 * (RFC 7714 GCM) would add a {@link Transform} value.
 */
public enum SrtpCryptoSuite {

    /** AES-128 counter mode, HMAC-SHA1 with an 80-bit SRTP tag (RFC 4568 §6.2.1). */
    AES_CM_128_HMAC_SHA1_80("AES_CM_128_HMAC_SHA1_80", Transform.AES_CM_HMAC_SHA1, 16, 14, 20, 10, 10),

    /** AES-128 counter mode, HMAC-SHA1 with a 32-bit SRTP tag; SRTCP keeps 80 bits (RFC 4568 §6.2.2). */
    AES_CM_128_HMAC_SHA1_32("AES_CM_128_HMAC_SHA1_32", Transform.AES_CM_HMAC_SHA1, 16, 14, 20, 4, 10);

    /** How packets are encrypted and authenticated. */
    public enum Transform {
        /** AES in counter mode (RFC 3711 §4.1.1) plus a truncated HMAC-SHA1 (RFC 3711 §4.2.1). */
        AES_CM_HMAC_SHA1
    }

    private final String sdpName;
    private final Transform transform;
    private final int masterKeyLength;
    private final int masterSaltLength;
    private final int sessionAuthKeyLength;
    private final int authTagLength;
    private final int srtcpAuthTagLength;

    SrtpCryptoSuite(String sdpName, Transform transform, int masterKeyLength, int masterSaltLength,
            int sessionAuthKeyLength, int authTagLength, int srtcpAuthTagLength) {
        this.sdpName = sdpName;
        this.transform = transform;
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
        this.sessionAuthKeyLength = sessionAuthKeyLength;
        this.authTagLength = authTagLength;
        this.srtcpAuthTagLength = srtcpAuthTagLength;
    }

    /** The suite name exactly as written in an {@code a=crypto} line. */
    public String sdpName() {
        return sdpName;
    }

    public Transform transform() {
        return transform;
    }

    /** Master key length in bytes; the session encryption key has the same length. */
    public int masterKeyLength() {
        return masterKeyLength;
    }

    /** Master salt length in bytes; the session salt has the same length. */
    public int masterSaltLength() {
        return masterSaltLength;
    }

    /** Length in bytes of {@code key||salt} as carried inline in SDES. */
    public int keyAndSaltLength() {
        return masterKeyLength + masterSaltLength;
    }

    /** Session authentication key length in bytes (160 bits for HMAC-SHA1, RFC 3711 §8.2). */
    public int sessionAuthKeyLength() {
        return sessionAuthKeyLength;
    }

    /** SRTP authentication tag length in bytes. */
    public int authTagLength() {
        return authTagLength;
    }

    /** SRTCP authentication tag length in bytes (80 bits for both SHA1 suites, RFC 4568 §6.2.2). */
    public int srtcpAuthTagLength() {
        return srtcpAuthTagLength;
    }

    /**
     * The suite with this exact SDP name. Matching is case-sensitive, as Asterisk's res_srtp
     * compares it.
     */
    public static Optional<SrtpCryptoSuite> fromSdpName(String name) {
        for (SrtpCryptoSuite suite : values()) {
            if (suite.sdpName.equals(name)) {
                return Optional.of(suite);
            }
        }
        return Optional.empty();
    }
}
