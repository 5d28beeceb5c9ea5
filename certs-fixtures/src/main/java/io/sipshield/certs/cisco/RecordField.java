package io.sipshield.certs.cisco;

import java.util.Objects;

/**
 * One element of a trust-list record other than RECORD_LENGTH: tag, length (the value's) and value.
 *
 * @param tag   the field's tag
 * @param value its value as stored
 */
public record RecordField(RecordTag tag, Octets value) {

    public RecordField {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(value, "value");
        if (value.length() > 0xFFFF) {
            throw new InvalidValueException(tag.describe(), "a value is at most 65535 bytes; this one is " + value.length());
        }
        tag.problemWith(value).ifPresent(problem -> {
            throw new InvalidValueException(tag.describe(), problem);
        });
    }

    /** A NUL-terminated UTF-8 string field (DNS_NAME, SUBJECT_NAME, ISSUER_NAME). */
    public static RecordField text(RecordTag tag, String text) {
        return new RecordField(tag, NulTerminatedText.encode(text));
    }

    /** Bytes this field takes in the file: tag, length and value. */
    public int encodedLength() {
        return 3 + value.length();
    }

    String text() {
        return NulTerminatedText.decode(value);
    }
}
