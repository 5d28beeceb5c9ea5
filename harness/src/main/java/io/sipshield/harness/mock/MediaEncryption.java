package io.sipshield.harness.mock;

/** pjsip.conf endpoint {@code media_encryption}. */
public enum MediaEncryption {
    /** {@code no}: plain RTP. */
    NO,
    /** {@code sdes}: SRTP keyed by a=crypto (RFC 4568); an offer without SRTP is answered 488. */
    SDES
}
