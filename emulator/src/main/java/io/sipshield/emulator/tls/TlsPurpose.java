package io.sipshield.emulator.tls;

/**
 * What the peer's certificate is checked for, as OpenSSL's purposes: a phone checks a server
 * ({@code ssl_server}), a PBX checks a phone's client certificate ({@code ssl_client}).
 */
public enum TlsPurpose {
    /** TLS server authentication: EKU serverAuth (or Netscape SGC), key usage for TLS, nsCertType SSL server. */
    SERVER,
    /** TLS client authentication: EKU clientAuth, digitalSignature or keyAgreement, nsCertType SSL client. */
    CLIENT
}
