package io.sipshield.emulator.srtp;

/**
 * Reads the RTP and RTCP header fields SRTP needs (RFC 3550 §5.1, §5.3.1, §6.4): the RTP header
 * length with CSRC list and header extension (SRTP leaves all of it in the clear), SSRC, sequence
 * number, and big-endian 32-bit words.
 */
final class PacketFields {

    /** Returned when the bytes are not a version 2 RTP header that fits in {@code length}. */
    static final int MALFORMED = -1;

    private PacketFields() {
    }

    static int rtpHeaderLength(byte[] packet, int offset, int length) {
        if (length < 12 || (packet[offset] & 0xC0) != 0x80) {
            return MALFORMED;
        }
        int headerLength = 12 + 4 * (packet[offset] & 0x0F);
        if ((packet[offset] & 0x10) != 0) {
            if (headerLength + 4 > length) {
                return MALFORMED;
            }
            int words = ((packet[offset + headerLength + 2] & 0xFF) << 8) | (packet[offset + headerLength + 3] & 0xFF);
            headerLength += 4 + 4 * words;
        }
        return headerLength <= length ? headerLength : MALFORMED;
    }

    static int rtpSsrc(byte[] packet, int offset) {
        return readInt(packet, offset + 8);
    }

    static int rtpSequence(byte[] packet, int offset) {
        return ((packet[offset + 2] & 0xFF) << 8) | (packet[offset + 3] & 0xFF);
    }

    static int readInt(byte[] data, int at) {
        return ((data[at] & 0xFF) << 24) | ((data[at + 1] & 0xFF) << 16)
                | ((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF);
    }

    static void writeInt(byte[] data, int at, int value) {
        data[at] = (byte) (value >>> 24);
        data[at + 1] = (byte) (value >>> 16);
        data[at + 2] = (byte) (value >>> 8);
        data[at + 3] = (byte) value;
    }
}
