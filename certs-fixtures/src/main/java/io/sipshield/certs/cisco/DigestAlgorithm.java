package io.sipshield.certs.cisco;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The digest a Cisco header signature uses (HASH_ALGORITHM, tag 0x08); the signature itself is
 * always RSA PKCS#1 v1.5.
 *
 * <p>The format defines three codes. usecallmanager's {@code tlvfile} and {@code sgnfile} build and
 * verify only SHA-1 (the default, and what the public ITLFile.tlv uses) and SHA-512; they define
 * SHA-256 as a constant but refuse it. sipshield builds and verifies all three, and
 * {@link #acceptedByCertutils()} says which ones those tools would take.
 */
public enum DigestAlgorithm {
    SHA1(1, "SHA-1", "SHA1withRSA"),
    SHA256(2, "SHA-256", "SHA256withRSA"),
    SHA512(3, "SHA-512", "SHA512withRSA");

    private final int code;
    private final String displayName;
    private final String jcaSignature;

    DigestAlgorithm(int code, String displayName, String jcaSignature) {
        this.code = code;
        this.displayName = displayName;
        this.jcaSignature = jcaSignature;
    }

    /** The byte stored in HASH_ALGORITHM. */
    public int code() {
        return code;
    }

    /** "SHA-1", "SHA-256", "SHA-512". */
    public String displayName() {
        return displayName;
    }

    /** The JCA signature algorithm: RSA PKCS#1 v1.5 with this digest. */
    public String jcaSignature() {
        return jcaSignature;
    }

    /** Whether usecallmanager's certutils build and verify this digest (SHA-1 and SHA-512 only). */
    public boolean acceptedByCertutils() {
        return this != SHA256;
    }

    public static Optional<DigestAlgorithm> fromCode(int code) {
        return Arrays.stream(values()).filter(digest -> digest.code == code).findFirst();
    }

    /** Accepts "sha1", "SHA-1", "sha256", "sha-512", ... as tools spell them. */
    public static Optional<DigestAlgorithm> fromName(String name) {
        String key = name.trim().toUpperCase(Locale.ROOT).replace("-", "");
        return Arrays.stream(values()).filter(digest -> digest.name().equals(key)).findFirst();
    }

    /** Every code with its name, for error messages: "1 = SHA-1, 2 = SHA-256, 3 = SHA-512". */
    static String allCodes() {
        return Arrays.stream(values()).map(digest -> digest.code + " = " + digest.displayName)
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return displayName;
    }
}
