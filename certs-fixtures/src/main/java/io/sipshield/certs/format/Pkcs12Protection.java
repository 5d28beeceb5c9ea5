package io.sipshield.certs.format;

/** How a PKCS#12 file written by {@link Pkcs12Writer} protects its key, certificates and integrity. */
public enum Pkcs12Protection {
    /** PBES2 AES-256-CBC with PBKDF2-HMAC-SHA256 and a SHA-256 MAC: OpenSSL 3's and the JDK's default. */
    AES_256_SHA256("PBES2 AES-256-CBC, PBKDF2-HMAC-SHA256, SHA-256 MAC"),
    /** pbeWithSHAAnd3-KeyTripleDES-CBC with a SHA-1 MAC: what OpenSSL 1.x writes and older devices expect. */
    LEGACY_3DES_SHA1("pbeWithSHAAnd3-KeyTripleDES-CBC, SHA-1 MAC");

    private final String description;

    Pkcs12Protection(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
