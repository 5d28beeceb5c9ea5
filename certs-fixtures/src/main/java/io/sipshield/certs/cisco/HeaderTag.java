package io.sipshield.certs.cisco;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The tags of a Cisco signed header, shared by {@code .tlv} trust lists and {@code .sgn} files
 * (DEVICES.md §A.1, usecallmanager tlvfile). Every element is tag (1 byte), length (2 bytes,
 * big-endian) and value, except {@link #PADDING}, a single byte. {@link #SIGNER_INFO},
 * {@link #SIGNATURE_INFO} and {@link #SIGNATURE_ALGORITHM_INFO} are containers: their length
 * counts the elements that follow them, which are read as elements in their own right.
 */
public enum HeaderTag {
    VERSION(0x01, Kind.VALUE),
    HEADER_LENGTH(0x02, Kind.VALUE),
    SIGNER_INFO(0x03, Kind.CONTAINER),
    SIGNER_NAME(0x04, Kind.VALUE),
    SERIAL_NUMBER(0x05, Kind.VALUE),
    /** The signer's issuer; CUCM's tools call it CANAME. */
    ISSUER_NAME(0x06, Kind.VALUE),
    SIGNATURE_INFO(0x07, Kind.CONTAINER),
    HASH_ALGORITHM(0x08, Kind.VALUE),
    SIGNATURE_ALGORITHM_INFO(0x09, Kind.CONTAINER),
    SIGNATURE_ALGORITHM(0x0A, Kind.VALUE),
    SIGNATURE_MODULUS(0x0B, Kind.VALUE),
    SIGNATURE(0x0C, Kind.VALUE),
    PADDING(0x0D, Kind.PADDING),
    FILENAME(0x0E, Kind.VALUE),
    TIMESTAMP(0x0F, Kind.VALUE),
    /** Only in trust lists: 1.0 (default) or 1.1 (EC records, HTTPS provisioning). */
    SIGNER_VERSION(0x1C, Kind.VALUE);

    /** How an element with this tag is laid out. */
    public enum Kind {
        /** tag, length, value */
        VALUE,
        /** tag, length of the elements that follow */
        CONTAINER,
        /** the tag byte alone */
        PADDING
    }

    /** Signature sizes in bytes, indexed by SIGNATURE_MODULUS (0 = 512-bit ... 3 = 4096-bit). */
    static final List<Integer> MODULUS_SIZES = List.of(64, 128, 256, 512);

    private final int code;
    private final Kind kind;

    HeaderTag(int code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    public int code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    /** "SIGNER_NAME (tag 0x04)". */
    public String describe() {
        return String.format("%s (tag 0x%02X)", name(), code);
    }

    public static Optional<HeaderTag> fromCode(int code) {
        return Arrays.stream(values()).filter(tag -> tag.code == code).findFirst();
    }

    /** Why {@code value} cannot be this element's value, or empty when it can. Containers and padding carry no value. */
    Optional<String> problemWith(Octets value) {
        return switch (this) {
            case VERSION, SIGNER_VERSION -> exactLength(value, 2, "major and minor version");
            case HEADER_LENGTH -> exactLength(value, 2, "an unsigned 16-bit length");
            case HASH_ALGORITHM -> exactLength(value, 1, "the hash algorithm code")
                    .or(() -> DigestAlgorithm.fromCode(value.unsignedAt(0)).isPresent() ? Optional.empty()
                            : Optional.of("unknown hash algorithm " + value.unsignedAt(0) + " (" + DigestAlgorithm.allCodes() + ")"));
            case SIGNATURE_ALGORITHM -> exactLength(value, 1, "the signature algorithm code");
            case SIGNATURE_MODULUS -> exactLength(value, 1, "the modulus size index");
            case TIMESTAMP -> exactLength(value, 4, "an unsigned 32-bit Unix time");
            case SIGNATURE -> value.isEmpty() ? Optional.of("the signature is empty") : Optional.empty();
            case SIGNER_NAME, ISSUER_NAME, FILENAME -> NulTerminatedText.problemWith(value);
            case SERIAL_NUMBER -> Optional.empty();
            case SIGNER_INFO, SIGNATURE_INFO, SIGNATURE_ALGORITHM_INFO, PADDING -> value.isEmpty() ? Optional.empty()
                    : Optional.of("a " + kind.name().toLowerCase(Locale.ROOT) + " element carries no value of its own");
        };
    }

    private static Optional<String> exactLength(Octets value, int length, String what) {
        return value.length() == length ? Optional.empty()
                : Optional.of("declares " + value.length() + " byte(s); it is " + length + " (" + what + ")");
    }
}
