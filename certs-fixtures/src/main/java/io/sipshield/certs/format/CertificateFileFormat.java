package io.sipshield.certs.format;

/** The layout of a certificate file, as {@link CertificateFiles#read} detects it from the content. */
public enum CertificateFileFormat {
    /** PEM text: any mix of CERTIFICATE, private key and X509 CRL blocks (RFC 7468, OpenSSL's traditional keys). */
    PEM("PEM text"),
    /** One X.509 certificate, DER (.der, .cer, .crt). */
    DER_CERTIFICATE("DER X.509 certificate"),
    /** One certificate revocation list, DER (.crl). */
    DER_CRL("DER X.509 CRL"),
    /** One private key, DER: PKCS#8 (encrypted or not), PKCS#1 RSA or SEC1 EC (.key, .p8). */
    DER_PRIVATE_KEY("DER private key"),
    /** A certs-only PKCS#7 SignedData, DER (.p7b, as MX-ONE imports it). */
    PKCS7_DER("PKCS#7 certificate bundle, DER"),
    /** A certs-only PKCS#7 SignedData in one PEM block ({@code -----BEGIN PKCS7-----}). */
    PKCS7_PEM("PKCS#7 certificate bundle, PEM"),
    /** A PKCS#12 key store (.p12, .pfx), password-protected. */
    PKCS12("PKCS#12 key store");

    private final String description;

    CertificateFileFormat(String description) {
        this.description = description;
    }

    /** A short human name, e.g. "PKCS#12 key store". */
    public String description() {
        return description;
    }
}
