package io.sipshield.certs.cisco;

import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * One element of a signed header, in file order: a value element (tag, length, value), a
 * container (tag and the length of the elements it groups, which follow it), or a padding byte.
 *
 * @param tag            the element's tag
 * @param declaredLength the stored length: the value's length for a value element, the grouped
 *                       elements' length for a container, 0 for padding (which stores none)
 * @param value          the value; empty for containers and padding
 */
public record HeaderElement(HeaderTag tag, int declaredLength, Octets value) {

    private static final Octets NONE = Octets.of();

    public HeaderElement {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(value, "value");
        switch (tag.kind()) {
            case PADDING -> {
                if (declaredLength != 0 || !value.isEmpty()) {
                    throw new IllegalArgumentException("PADDING is a single byte with no length or value");
                }
            }
            case CONTAINER -> {
                if (!value.isEmpty() || declaredLength < 0 || declaredLength > 0xFFFF) {
                    throw new IllegalArgumentException(tag + " is a container: no value, a length of 0 to 65535");
                }
            }
            case VALUE -> {
                if (declaredLength != value.length() || declaredLength > 0xFFFF) {
                    throw new IllegalArgumentException(tag + ": the length must be the value's, at most 65535; was "
                            + declaredLength + " for " + value.length() + " byte(s)");
                }
                tag.problemWith(value).ifPresent(problem -> {
                    throw new InvalidValueException(tag.describe(), problem);
                });
            }
        }
    }

    /** A value element. */
    public static HeaderElement of(HeaderTag tag, Octets value) {
        return new HeaderElement(tag, value.length(), value);
    }

    /** A NUL-terminated UTF-8 string element. */
    public static HeaderElement text(HeaderTag tag, String text) {
        return of(tag, NulTerminatedText.encode(text));
    }

    /** A container grouping {@code length} bytes of the elements after it. */
    public static HeaderElement container(HeaderTag tag, int length) {
        return new HeaderElement(tag, length, NONE);
    }

    public static HeaderElement padding() {
        return new HeaderElement(HeaderTag.PADDING, 0, NONE);
    }

    /** Bytes this element takes in the file: 1 for padding, 3 for a container, 3 plus the value otherwise. */
    public int encodedLength() {
        return switch (tag.kind()) {
            case PADDING -> 1;
            case CONTAINER -> 3;
            case VALUE -> 3 + value.length();
        };
    }

    void encodeTo(ByteArrayOutputStream out) {
        out.write(tag.code());
        if (tag.kind() != HeaderTag.Kind.PADDING) {
            out.write(declaredLength >>> 8);
            out.write(declaredLength & 0xFF);
            out.writeBytes(value.bytes());
        }
    }

    /** The value as a string, for the string tags (SIGNER_NAME, ISSUER_NAME, FILENAME). */
    String text() {
        return NulTerminatedText.decode(value);
    }

    /** The value as an unsigned big-endian number (1, 2 or 4 bytes). */
    long unsigned() {
        long number = 0;
        for (int i = 0; i < value.length(); i++) {
            number = (number << 8) | value.unsignedAt(i);
        }
        return number;
    }
}
