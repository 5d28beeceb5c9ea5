package io.sipshield.certs;

/** What role a named fixture plays in a TLS handshake. */
public enum FixtureKind {
    /** A self-signed CA, to load as a trust anchor (or not, for the untrusted ones). */
    ROOT,
    /** A CA issued by another CA, sent by a server or client along with its leaf. */
    INTERMEDIATE,
    /** A TLS server certificate, for the PBX side. */
    SERVER,
    /** A TLS client certificate, for the phone side of mutual TLS. */
    CLIENT
}
