package io.sipshield.emulator.tls;

/** Which certificates are checked against CRLs, as OpenSSL's {@code X509_V_FLAG_CRL_CHECK(_ALL)}. */
public enum CrlCheck {
    /** No revocation checking (OpenSSL's and PJSIP's default). */
    OFF,
    /** The server's own certificate only ({@code X509_V_FLAG_CRL_CHECK}). */
    LEAF,
    /** Every certificate of the chain ({@code X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL}). */
    CHAIN
}
