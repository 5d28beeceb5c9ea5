package io.sipshield.certs.cisco;

import java.util.Arrays;

/**
 * A cursor over a file's bytes that reads big-endian numbers and values without running past a
 * bound (the end of the header, of a record or of the file), and reports every fault as a
 * {@link TrustListFormatException} naming the element's offset and the field.
 */
final class ByteReader {

    /**
     * Where a read must stop.
     *
     * @param end  the offset reads must stay before
     * @param name what ends there ("the header", "record 2"), for errors
     */
    record Bound(int end, String name) {
    }

    /** The element being read, for errors: its offset and name. */
    record Element(int offset, String name) {
    }

    private final String source;
    private final byte[] bytes;
    private int offset;

    ByteReader(String source, byte[] bytes) {
        this.source = source;
        this.bytes = bytes;
    }

    int offset() {
        return offset;
    }

    int length() {
        return bytes.length;
    }

    boolean atEnd() {
        return offset >= bytes.length;
    }

    /** The whole file as a bound. */
    Bound file() {
        return new Bound(bytes.length, "the file");
    }

    int u8(Bound bound, Element element) throws TrustListFormatException {
        need(1, bound, element);
        return bytes[offset++] & 0xFF;
    }

    /** An unsigned big-endian 16-bit number. */
    int u16(Bound bound, Element element) throws TrustListFormatException {
        need(2, bound, element);
        int value = (bytes[offset] & 0xFF) << 8 | (bytes[offset + 1] & 0xFF);
        offset += 2;
        return value;
    }

    Octets bytes(int length, Bound bound, Element element) throws TrustListFormatException {
        need(length, bound, element);
        Octets value = new Octets(Arrays.copyOfRange(bytes, offset, offset + length));
        offset += length;
        return value;
    }

    /** The bytes from {@code from} to the end of the file. */
    Octets rest(int from) {
        return new Octets(Arrays.copyOfRange(bytes, from, bytes.length));
    }

    TrustListFormatException error(Element element, String problem) {
        return new TrustListFormatException(source, element.offset(), element.name(), problem);
    }

    private void need(int count, Bound bound, Element element) throws TrustListFormatException {
        int end = Math.min(bound.end(), bytes.length);
        if (offset + count <= end) {
            return;
        }
        int left = Math.max(0, end - offset);
        if (end == bytes.length && bound.end() >= bytes.length) {
            throw error(element, "needs " + count + " byte(s) at offset " + offset + " but the file ends at offset "
                    + bytes.length + " (" + left + " left): truncated");
        }
        throw error(element, "needs " + count + " byte(s) at offset " + offset + " but " + bound.name()
                + " ends at offset " + bound.end() + " (" + left + " left)");
    }
}
