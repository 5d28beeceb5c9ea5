package io.sipshield.emulator.sip;

/** What {@link DigestVerifier} found in a request's credentials (RFC 2617 §3.2.2, RFC 3261 §22.4). */
public enum DigestStatus {
    /** The credentials are right and the nonce is fresh. */
    OK,
    /** The credentials are right but the nonce expired: challenge again with {@code stale=true}. */
    STALE,
    /** The request-digest does not match the password. */
    WRONG_PASSWORD,
    /** The nonce (or the opaque that goes with it) was not issued by this verifier. */
    UNKNOWN_NONCE,
    /** The realm is not this verifier's realm. */
    UNKNOWN_REALM,
    /** The username is not the expected one. */
    UNKNOWN_USER,
    /** The request carries no credentials at all: answer with a challenge. */
    MISSING,
    /** The credentials cannot be parsed, are not Digest, or use an algorithm or qop other than MD5 / auth. */
    MALFORMED
}
