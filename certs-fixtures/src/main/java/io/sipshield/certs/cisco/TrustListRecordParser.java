package io.sipshield.certs.cisco;

import io.sipshield.certs.cisco.ByteReader.Bound;
import io.sipshield.certs.cisco.ByteReader.Element;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the records after a trust list's header, to the end of the file, as tlvfile does: each
 * starts with RECORD_LENGTH, its fields come in any order until that many bytes are read. Stricter
 * where tlvfile would misread: fields must stay inside their record, a tag may appear once, an
 * unknown tag is an error, and ROLE and CERTIFICATE (a DER certificate) are required.
 */
final class TrustListRecordParser {

    private static final int LENGTH_FIELD = 5;

    private TrustListRecordParser() {
    }

    static List<TrustListRecord> parse(ByteReader in, SignedHeader header) throws TrustListFormatException {
        List<TrustListRecord> records = new ArrayList<>();
        while (!in.atEnd()) {
            records.add(record(in, records.size() + 1, header));
        }
        return List.copyOf(records);
    }

    private static TrustListRecord record(ByteReader in, int index, SignedHeader header) throws TrustListFormatException {
        int start = in.offset();
        String name = "record " + index;
        Element lengthElement = new Element(start, name + " " + RecordTag.RECORD_LENGTH.describe());
        int tag = in.u8(in.file(), lengthElement);
        if (tag != RecordTag.RECORD_LENGTH.code()) {
            throw in.error(lengthElement, String.format("found tag 0x%02X where a record starts with RECORD_LENGTH (0x01)%s",
                    tag, header.version().equals(FormatVersion.SIGNED_FILE)
                            ? "; the header's version is 1.0, so this is probably a .sgn signed file, not a trust list" : ""));
        }
        int declared = in.u16(in.file(), lengthElement);
        if (declared != 2) {
            throw in.error(lengthElement, "declares " + declared + " byte(s); it is 2 (an unsigned 16-bit length)");
        }
        int length = in.u16(in.file(), lengthElement);
        if (length < LENGTH_FIELD) {
            throw in.error(lengthElement, "says the record is " + length + " bytes, but RECORD_LENGTH alone takes " + LENGTH_FIELD);
        }
        if (start + length > in.length()) {
            throw in.error(lengthElement, "says the record is " + length + " bytes but only " + (in.length() - start)
                    + " remain in the file: truncated");
        }
        Bound record = new Bound(start + length, name);
        List<RecordField> fields = new ArrayList<>();
        Set<RecordTag> seen = EnumSet.noneOf(RecordTag.class);
        while (in.offset() < record.end()) {
            int fieldStart = in.offset();
            Element unknown = new Element(fieldStart, name + " field");
            int code = in.u8(record, unknown);
            RecordTag fieldTag = RecordTag.fromCode(code)
                    .orElseThrow(() -> in.error(unknown, String.format("unknown record tag 0x%02X (known: 0x01 to 0x0C)", code)));
            Element element = new Element(fieldStart, name + " " + fieldTag.describe());
            if (!seen.add(fieldTag) || fieldTag == RecordTag.RECORD_LENGTH) {
                throw in.error(element, "appears a second time in the record");
            }
            int fieldLength = in.u16(record, element);
            Octets value = in.bytes(fieldLength, record, element);
            try {
                fields.add(new RecordField(fieldTag, value));
            } catch (InvalidValueException e) {
                throw in.error(element, e.problem());
            }
        }
        for (RecordTag required : List.of(RecordTag.ROLE, RecordTag.CERTIFICATE)) {
            if (!seen.contains(required)) {
                throw in.error(new Element(start, name), "missing " + required.describe());
            }
        }
        return new TrustListRecord(fields);
    }
}
