package io.sipshield.certs.cisco;

import io.sipshield.certs.cisco.ByteReader.Bound;
import io.sipshield.certs.cisco.ByteReader.Element;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the signed header as tlvfile and sgnfile do: VERSION first, HEADER_LENGTH second, then any
 * header element in any order until HEADER_LENGTH bytes are read; containers are entered, not
 * skipped; PADDING is one byte; an unknown tag is an error. Stricter than the tools where they would
 * misread: every length must stay inside the header, a tag may appear once, every value must have
 * its defined size, and HASH_ALGORITHM and SIGNATURE must be present.
 */
final class SignedHeaderParser {

    /** VERSION and HEADER_LENGTH: the smallest header there is. */
    private static final int FIXED_PART = 10;

    private SignedHeaderParser() {
    }

    static SignedHeader parse(ByteReader in) throws TrustListFormatException {
        List<HeaderElement> elements = new ArrayList<>();
        if (in.length() == 0) {
            throw in.error(new Element(0, "header " + HeaderTag.VERSION.describe()), "the file is empty");
        }
        elements.add(fixed(in, HeaderTag.VERSION, in.file()));
        Element lengthElement = new Element(in.offset(), "header " + HeaderTag.HEADER_LENGTH.describe());
        HeaderElement lengthField = fixed(in, HeaderTag.HEADER_LENGTH, in.file());
        elements.add(lengthField);
        int headerLength = (int) lengthField.unsigned();
        if (headerLength < FIXED_PART) {
            throw in.error(lengthElement, "says the header is " + headerLength + " bytes, but VERSION and HEADER_LENGTH alone take "
                    + FIXED_PART);
        }
        if (headerLength > in.length()) {
            throw in.error(lengthElement, "says the header is " + headerLength + " bytes but the file has only " + in.length()
                    + ": truncated");
        }
        Bound header = new Bound(headerLength, "the header");
        Set<HeaderTag> seen = EnumSet.of(HeaderTag.VERSION, HeaderTag.HEADER_LENGTH);
        while (in.offset() < headerLength) {
            int start = in.offset();
            int code = in.u8(header, new Element(start, "header element"));
            HeaderTag tag = HeaderTag.fromCode(code)
                    .orElseThrow(() -> in.error(new Element(start, "header element"), unknownTag(code)));
            Element element = new Element(start, "header " + tag.describe());
            if (tag != HeaderTag.PADDING && !seen.add(tag)) {
                throw in.error(element, "appears a second time; a header holds one " + tag);
            }
            elements.add(read(in, tag, header, element));
        }
        for (HeaderTag required : List.of(HeaderTag.HASH_ALGORITHM, HeaderTag.SIGNATURE)) {
            if (!seen.contains(required)) {
                throw in.error(new Element(headerLength, "header " + required.describe()),
                        "missing: the header (offset 0 to " + headerLength + ") has no " + required);
            }
        }
        return new SignedHeader(elements);
    }

    /** VERSION or HEADER_LENGTH at their fixed place: tag, length 2, two bytes. */
    private static HeaderElement fixed(ByteReader in, HeaderTag expected, Bound bound) throws TrustListFormatException {
        Element element = new Element(in.offset(), "header " + expected.describe());
        int code = in.u8(bound, element);
        if (code != expected.code()) {
            throw in.error(element, String.format("found tag 0x%02X where a Cisco .tlv or .sgn file has %s: %s",
                    code, expected, expected == HeaderTag.VERSION ? "not a trust list or signed file" : "the header is malformed"));
        }
        return read(in, expected, bound, element);
    }

    private static HeaderElement read(ByteReader in, HeaderTag tag, Bound header, Element element) throws TrustListFormatException {
        if (tag.kind() == HeaderTag.Kind.PADDING) {
            return HeaderElement.padding();
        }
        int length = in.u16(header, element);
        if (tag.kind() == HeaderTag.Kind.CONTAINER) {
            if (in.offset() + length > header.end()) {
                throw in.error(element, "groups " + length + " byte(s) from offset " + in.offset() + " but the header ends at offset "
                        + header.end());
            }
            return HeaderElement.container(tag, length);
        }
        Octets value = in.bytes(length, header, element);
        try {
            return HeaderElement.of(tag, value);
        } catch (InvalidValueException e) {
            throw in.error(element, e.problem());
        }
    }

    private static String unknownTag(int code) {
        if (code >= 0x10 && code <= 0x1B) {
            return String.format("tag 0x%02X is one of the encryption tags of .enc.sgn files (0x10 to 0x1B),"
                    + " which sipshield does not read", code);
        }
        return String.format("unknown header tag 0x%02X (known: 0x01 to 0x0F and 0x1C)", code);
    }
}
