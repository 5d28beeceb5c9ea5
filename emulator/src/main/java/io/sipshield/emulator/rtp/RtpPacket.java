package io.sipshield.emulator.rtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * An RTP data packet (RFC 3550 §5.1), version 2. Encoding writes the 12-byte fixed header and the
 * payload; decoding skips CSRCs and the header extension and removes padding.
 *
 * <p>The payload array is not copied, to keep the media path allocation-light: do not change it
 * after building the packet. Equality and hash compare payload content.
 *
 * @param payloadType    0-127 (RFC 3551: 0 = PCMU, 8 = PCMA)
 * @param marker         the M bit
 * @param sequenceNumber 0-65535
 * @param timestamp      0 to 2^32-1
 * @param ssrc           0 to 2^32-1
 * @param payload        the payload bytes
 */
public record RtpPacket(int payloadType, boolean marker, int sequenceNumber, long timestamp, long ssrc, byte[] payload) {

    /** Length of the fixed header. */
    public static final int HEADER_LENGTH = 12;

    public RtpPacket {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payloadType: expected 0-127, got " + payloadType);
        }
        if (sequenceNumber < 0 || sequenceNumber > 0xFFFF) {
            throw new IllegalArgumentException("sequenceNumber: expected 0-65535, got " + sequenceNumber);
        }
        if (timestamp < 0 || timestamp > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("timestamp: expected 0 to 2^32-1, got " + timestamp);
        }
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ssrc: expected 0 to 2^32-1, got " + ssrc);
        }
        Objects.requireNonNull(payload, "payload");
    }

    /** The packet on the wire: V=2, no padding, no extension, no CSRCs. */
    public byte[] encode() {
        return encode(0);
    }

    /**
     * The packet on the wire in an array {@code spare} bytes longer, zero at the end: room for what
     * SRTP appends (MKI and tag) without another copy.
     */
    public byte[] encode(int spare) {
        if (spare < 0) {
            throw new IllegalArgumentException("spare: expected 0 or more bytes, got " + spare);
        }
        byte[] out = new byte[HEADER_LENGTH + payload.length + spare];
        out[0] = (byte) 0x80;
        out[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        out[2] = (byte) (sequenceNumber >>> 8);
        out[3] = (byte) sequenceNumber;
        writeInt(out, 4, timestamp);
        writeInt(out, 8, ssrc);
        System.arraycopy(payload, 0, out, HEADER_LENGTH, payload.length);
        return out;
    }

    /**
     * Reads a packet.
     *
     * @throws IllegalArgumentException naming what is wrong: too short, version, CSRC list,
     *                                  extension or padding running past the end
     */
    public static RtpPacket decode(byte[] data) {
        return decode(data, 0, data.length);
    }

    /** Reads a packet from {@code data[offset..offset+length)}. */
    public static RtpPacket decode(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (length < HEADER_LENGTH) {
            throw new IllegalArgumentException("RTP packet: " + length + " bytes, shorter than the 12-byte header");
        }
        int first = data[offset] & 0xFF;
        int version = first >>> 6;
        if (version != 2) {
            throw new IllegalArgumentException("RTP packet: version " + version + ", expected 2");
        }
        int headerLength = HEADER_LENGTH + 4 * (first & 0x0F);
        if (headerLength > length) {
            throw new IllegalArgumentException("RTP packet: " + (first & 0x0F) + " CSRCs need " + headerLength
                    + " bytes, packet has " + length);
        }
        if ((first & 0x10) != 0) {
            if (headerLength + 4 > length) {
                throw new IllegalArgumentException("RTP packet: X bit set but no room for the extension header");
            }
            int words = ((data[offset + headerLength + 2] & 0xFF) << 8) | (data[offset + headerLength + 3] & 0xFF);
            headerLength += 4 + 4 * words;
            if (headerLength > length) {
                throw new IllegalArgumentException("RTP packet: header extension of " + words
                        + " words runs past the end");
            }
        }
        int end = length;
        if ((first & 0x20) != 0) {
            int padding = data[offset + length - 1] & 0xFF;
            if (padding == 0 || padding > length - headerLength) {
                throw new IllegalArgumentException("RTP packet: padding count " + padding + " does not fit the "
                        + (length - headerLength) + " bytes after the header");
            }
            end -= padding;
        }
        int second = data[offset + 1] & 0xFF;
        return new RtpPacket(second & 0x7F, (second & 0x80) != 0,
                ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF),
                readInt(data, offset + 4), readInt(data, offset + 8),
                Arrays.copyOfRange(data, offset + headerLength, offset + end));
    }

    private static long readInt(byte[] data, int at) {
        return ((data[at] & 0xFFL) << 24) | ((data[at + 1] & 0xFF) << 16) | ((data[at + 2] & 0xFF) << 8)
                | (data[at + 3] & 0xFF);
    }

    private static void writeInt(byte[] data, int at, long value) {
        data[at] = (byte) (value >>> 24);
        data[at + 1] = (byte) (value >>> 16);
        data[at + 2] = (byte) (value >>> 8);
        data[at + 3] = (byte) value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RtpPacket that && payloadType == that.payloadType && marker == that.marker
                && sequenceNumber == that.sequenceNumber && timestamp == that.timestamp && ssrc == that.ssrc
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(payloadType, marker, sequenceNumber, timestamp, ssrc) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + (marker ? ", M" : "") + ", seq=" + sequenceNumber + ", ts=" + timestamp
                + ", ssrc=" + ssrc + ", payload=" + payload.length + " bytes]";
    }
}
