package io.sipshield.emulator.srtp;

import java.util.List;
import java.util.Optional;

/**
 * An SRTP crypto suite as named in SDES {@code a=crypto} lines (RFC 4568 §6.2, RFC 6188 §6,
 * RFC 7714 §14.1) with the lengths that define it.
 *
 * <p>Two transforms: AES in counter mode with a truncated HMAC-SHA1 (RFC 3711 §4; 128-, 192- and
 * 256-bit keys, RFC 6188), and AES-GCM (RFC 7714). Key derivation uses the AES-CM PRF keyed with the
 * master key, whatever its length (RFC 6188 §3, RFC 7714 §11).
 *
 * <p>The SRTCP tag of every AES-CM suite is 80 bits, also for the {@code _32} suites (RFC 4568
 * §6.2.2, RFC 6188 §6). {@link #AEAD_AES_128_GCM_8} and {@link #AEAD_AES_256_GCM_8} (8-octet GCM
 * tags) are not in RFC 7714: libsrtp implements them and Asterisk's res_srtp offers and accepts
 * them under these names, so the emulator can too.
 */
public enum SrtpCryptoSuite {

    /** AES-128 counter mode, HMAC-SHA1 with an 80-bit SRTP tag (RFC 4568 §6.2.1). */
    AES_CM_128_HMAC_SHA1_80("AES_CM_128_HMAC_SHA1_80", List.of(), Transform.AES_CM_HMAC_SHA1, 16, 14, 20, 10, 10),

    /** AES-128 counter mode, HMAC-SHA1 with a 32-bit SRTP tag; SRTCP keeps 80 bits (RFC 4568 §6.2.2). */
    AES_CM_128_HMAC_SHA1_32("AES_CM_128_HMAC_SHA1_32", List.of(), Transform.AES_CM_HMAC_SHA1, 16, 14, 20, 4, 10),

    /**
     * AES-192 counter mode, 80-bit tag (RFC 6188 §6). Also read under the draft name
     * {@code AES_CM_192_HMAC_SHA1_80}, as Asterisk's res_srtp accepts it.
     */
    AES_192_CM_HMAC_SHA1_80("AES_192_CM_HMAC_SHA1_80", List.of("AES_CM_192_HMAC_SHA1_80"),
            Transform.AES_CM_HMAC_SHA1, 24, 14, 20, 10, 10),

    /** AES-192 counter mode, 32-bit SRTP tag, 80-bit SRTCP tag (RFC 6188 §6); alias {@code AES_CM_192_HMAC_SHA1_32}. */
    AES_192_CM_HMAC_SHA1_32("AES_192_CM_HMAC_SHA1_32", List.of("AES_CM_192_HMAC_SHA1_32"),
            Transform.AES_CM_HMAC_SHA1, 24, 14, 20, 4, 10),

    /** AES-256 counter mode, 80-bit tag (RFC 6188 §6); alias {@code AES_CM_256_HMAC_SHA1_80}. */
    AES_256_CM_HMAC_SHA1_80("AES_256_CM_HMAC_SHA1_80", List.of("AES_CM_256_HMAC_SHA1_80"),
            Transform.AES_CM_HMAC_SHA1, 32, 14, 20, 10, 10),

    /** AES-256 counter mode, 32-bit SRTP tag, 80-bit SRTCP tag (RFC 6188 §6); alias {@code AES_CM_256_HMAC_SHA1_32}. */
    AES_256_CM_HMAC_SHA1_32("AES_256_CM_HMAC_SHA1_32", List.of("AES_CM_256_HMAC_SHA1_32"),
            Transform.AES_CM_HMAC_SHA1, 32, 14, 20, 4, 10),

    /** AES-128 GCM with a 16-octet tag for SRTP and SRTCP, 96-bit salt (RFC 7714 §12). */
    AEAD_AES_128_GCM("AEAD_AES_128_GCM", List.of(), Transform.AEAD_AES_GCM, 16, 12, 0, 16, 16),

    /** AES-256 GCM with a 16-octet tag for SRTP and SRTCP, 96-bit salt (RFC 7714 §12). */
    AEAD_AES_256_GCM("AEAD_AES_256_GCM", List.of(), Transform.AEAD_AES_GCM, 32, 12, 0, 16, 16),

    /** AES-128 GCM with an 8-octet tag for SRTP and SRTCP (libsrtp's aes_gcm_128_8_auth; Asterisk's name). */
    AEAD_AES_128_GCM_8("AEAD_AES_128_GCM_8", List.of(), Transform.AEAD_AES_GCM, 16, 12, 0, 8, 8),

    /** AES-256 GCM with an 8-octet tag for SRTP and SRTCP (libsrtp's aes_gcm_256_8_auth; Asterisk's name). */
    AEAD_AES_256_GCM_8("AEAD_AES_256_GCM_8", List.of(), Transform.AEAD_AES_GCM, 32, 12, 0, 8, 8);

    /** How packets are encrypted and authenticated. */
    public enum Transform {
        /** AES in counter mode (RFC 3711 §4.1.1) plus a truncated HMAC-SHA1 (RFC 3711 §4.2.1). */
        AES_CM_HMAC_SHA1,
        /** AES-GCM authenticated encryption, the RTP header as associated data (RFC 7714 §8-§10). */
        AEAD_AES_GCM
    }

    private final String sdpName;
    private final List<String> sdpAliases;
    private final Transform transform;
    private final int masterKeyLength;
    private final int masterSaltLength;
    private final int sessionAuthKeyLength;
    private final int authTagLength;
    private final int srtcpAuthTagLength;

    SrtpCryptoSuite(String sdpName, List<String> sdpAliases, Transform transform, int masterKeyLength,
            int masterSaltLength, int sessionAuthKeyLength, int authTagLength, int srtcpAuthTagLength) {
        this.sdpName = sdpName;
        this.sdpAliases = sdpAliases;
        this.transform = transform;
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
        this.sessionAuthKeyLength = sessionAuthKeyLength;
        this.authTagLength = authTagLength;
        this.srtcpAuthTagLength = srtcpAuthTagLength;
    }

    /** The suite name exactly as written in an {@code a=crypto} line (the RFC name). */
    public String sdpName() {
        return sdpName;
    }

    /** Other names that mean this suite when read (draft names Asterisk accepts); never written. */
    public List<String> sdpAliases() {
        return sdpAliases;
    }

    public Transform transform() {
        return transform;
    }

    /** Whether this is an AEAD (GCM) suite, which has no separate authentication key. */
    public boolean isAead() {
        return transform == Transform.AEAD_AES_GCM;
    }

    /** Master key length in bytes; the session encryption key has the same length. */
    public int masterKeyLength() {
        return masterKeyLength;
    }

    /** Master salt length in bytes (14 for AES-CM, 12 for GCM); the session salt has the same length. */
    public int masterSaltLength() {
        return masterSaltLength;
    }

    /** Length in bytes of {@code key||salt} as carried inline in SDES. */
    public int keyAndSaltLength() {
        return masterKeyLength + masterSaltLength;
    }

    /** Session authentication key length in bytes: 160 bits for HMAC-SHA1 (RFC 3711 §8.2), 0 for GCM. */
    public int sessionAuthKeyLength() {
        return sessionAuthKeyLength;
    }

    /** SRTP authentication tag length in bytes. */
    public int authTagLength() {
        return authTagLength;
    }

    /** SRTCP authentication tag length in bytes (80 bits for every AES-CM suite, RFC 4568 §6.2.2). */
    public int srtcpAuthTagLength() {
        return srtcpAuthTagLength;
    }

    /**
     * The suite with this SDP name or alias. Matching is case-sensitive, as Asterisk's res_srtp
     * compares it.
     */
    public static Optional<SrtpCryptoSuite> fromSdpName(String name) {
        for (SrtpCryptoSuite suite : values()) {
            if (suite.sdpName.equals(name) || suite.sdpAliases.contains(name)) {
                return Optional.of(suite);
            }
        }
        return Optional.empty();
    }
}
