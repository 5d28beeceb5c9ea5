package io.sipshield.certs.cisco;

import java.util.Arrays;
import java.util.Optional;

/**
 * The tags inside a trust-list record (DEVICES.md §A.1). Every record starts with
 * {@link #RECORD_LENGTH}; the other elements may come in any order. usecallmanager's tlvfile writes
 * SUBJECT_NAME, ISSUER_NAME, SERIAL_NUMBER, ROLE, PUBLIC_KEY, SIGNATURE, CERTIFICATE; CUCM also
 * writes DNS_NAME and IP_ADDRESS.
 */
public enum RecordTag {
    /** The whole record's length, these 5 bytes included; always first. */
    RECORD_LENGTH(0x01),
    DNS_NAME(0x02),
    SUBJECT_NAME(0x03),
    /** The role code; CUCM calls it FUNCTION. */
    ROLE(0x04),
    ISSUER_NAME(0x05),
    SERIAL_NUMBER(0x06),
    /** RSA: PKCS#1 RSAPublicKey DER; EC: the X9.62 uncompressed point. */
    PUBLIC_KEY(0x07),
    /** The certificate's own signatureValue bytes. */
    SIGNATURE(0x08),
    /** The whole X.509 certificate, DER. */
    CERTIFICATE(0x09),
    IP_ADDRESS(0x0A),
    CERTIFICATE_HASH(0x0B),
    /** The hash algorithm of CERTIFICATE_HASH. */
    HASH_ALGORITHM(0x0C);

    private final int code;

    RecordTag(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** "CERTIFICATE (tag 0x09)". */
    public String describe() {
        return String.format("%s (tag 0x%02X)", name(), code);
    }

    public static Optional<RecordTag> fromCode(int code) {
        return Arrays.stream(values()).filter(tag -> tag.code == code).findFirst();
    }

    /** Why {@code value} cannot be this field's value, or empty when it can. */
    Optional<String> problemWith(Octets value) {
        return switch (this) {
            case RECORD_LENGTH -> Optional.of("RECORD_LENGTH only starts a record");
            case DNS_NAME, SUBJECT_NAME, ISSUER_NAME -> NulTerminatedText.problemWith(value);
            case ROLE -> value.length() == 2 ? Optional.empty()
                    : Optional.of("declares " + value.length() + " byte(s); it is 2 (an unsigned 16-bit role code)");
            case HASH_ALGORITHM -> value.length() == 1 ? Optional.empty()
                    : Optional.of("declares " + value.length() + " byte(s); it is 1 (the hash algorithm code)");
            case IP_ADDRESS -> value.length() == 4 || value.length() == 16 ? Optional.empty()
                    : Optional.of("declares " + value.length() + " byte(s); an IP address is 4 (or 16 for IPv6)");
            case PUBLIC_KEY -> value.isEmpty() ? Optional.of("the public key is empty") : Optional.empty();
            case CERTIFICATE -> DerCertificates.problemWith(value);
            case SERIAL_NUMBER, SIGNATURE, CERTIFICATE_HASH -> Optional.empty();
        };
    }
}
