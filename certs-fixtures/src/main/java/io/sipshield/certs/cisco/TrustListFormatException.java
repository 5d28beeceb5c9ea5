package io.sipshield.certs.cisco;

import java.io.IOException;
import java.util.Objects;

/**
 * A {@code .tlv} trust list or {@code .sgn} signed file whose bytes do not follow the Cisco TLV
 * format: names the file, the byte offset, the field and what was wrong, e.g.
 * {@code ITLFile.tlv: offset 1876, record 2 CERTIFICATE (tag 0x09): declares 971 bytes but only 12 remain}.
 */
public final class TrustListFormatException extends IOException {

    private final String source;
    private final int offset;
    private final String field;
    private final String problem;

    /**
     * @param source  the file as the user named it
     * @param offset  the byte offset of the fault from the start of the file
     * @param field   the element at fault, e.g. "header SIGNER_NAME (tag 0x04)" or "record 2 RECORD_LENGTH"
     * @param problem what was wrong, one sentence without a trailing period
     */
    public TrustListFormatException(String source, int offset, String field, String problem) {
        super(source + ": offset " + offset + ", " + field + ": " + problem);
        this.source = Objects.requireNonNull(source, "source");
        this.offset = offset;
        this.field = Objects.requireNonNull(field, "field");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The file as the user named it. */
    public String source() {
        return source;
    }

    /** The byte offset of the fault from the start of the file. */
    public int offset() {
        return offset;
    }

    /** The element at fault. */
    public String field() {
        return field;
    }

    /** What was wrong. */
    public String problem() {
        return problem;
    }
}
