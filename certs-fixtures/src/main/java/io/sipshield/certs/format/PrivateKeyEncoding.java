package io.sipshield.certs.format;

/** How a private key is written in a PEM file (or, for PKCS#8, a DER file). */
public enum PrivateKeyEncoding {
    /** {@code -----BEGIN PRIVATE KEY-----}: unencrypted PKCS#8 (RFC 5208), what OpenSSL 3 writes by default. */
    PKCS8("PKCS#8", false),
    /** {@code -----BEGIN ENCRYPTED PRIVATE KEY-----}: PKCS#8 encrypted with a password (PBES2, AES-256-CBC, PBKDF2). */
    PKCS8_ENCRYPTED("PKCS#8, encrypted", true),
    /** {@code -----BEGIN RSA PRIVATE KEY-----} (PKCS#1) or {@code -----BEGIN EC PRIVATE KEY-----} (SEC1): OpenSSL's traditional form. */
    TRADITIONAL("traditional (PKCS#1 / SEC1)", false),
    /** The traditional form with {@code Proc-Type: 4,ENCRYPTED} and {@code DEK-Info: AES-128-CBC,<iv>} headers. */
    TRADITIONAL_ENCRYPTED("traditional (PKCS#1 / SEC1), encrypted", true);

    private final String description;
    private final boolean encrypted;

    PrivateKeyEncoding(String description, boolean encrypted) {
        this.description = description;
        this.encrypted = encrypted;
    }

    public String description() {
        return description;
    }

    /** Whether the encoding needs a password. */
    public boolean encrypted() {
        return encrypted;
    }
}
