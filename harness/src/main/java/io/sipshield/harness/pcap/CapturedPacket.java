package io.sipshield.harness.pcap;

import java.util.Objects;

/**
 * One packet record of a capture file.
 *
 * @param linkType       the LINKTYPE_ number of the interface it was captured on
 * @param timestampNanos capture time, nanoseconds since 1970
 * @param data           the captured bytes, from the link-layer header on
 * @param originalLength the packet's length on the wire (more than {@code data.length} when the snapshot length cut it)
 */
public record CapturedPacket(int linkType, long timestampNanos, byte[] data, int originalLength) {

    public CapturedPacket {
        Objects.requireNonNull(data, "data");
        if (originalLength < data.length) {
            throw new IllegalArgumentException("originalLength: " + originalLength + " is less than the "
                    + data.length + " bytes captured");
        }
    }

    /** A whole (not truncated) packet. */
    public static CapturedPacket of(LinkType linkType, long timestampNanos, byte[] data) {
        return new CapturedPacket(linkType.value(), timestampNanos, data, data.length);
    }

    /** Whether the snapshot length cut the packet short. */
    public boolean truncated() {
        return originalLength > data.length;
    }

    /** Compares the bytes, not the array. */
    @Override
    public boolean equals(Object other) {
        return other instanceof CapturedPacket that && linkType == that.linkType && timestampNanos == that.timestampNanos
                && originalLength == that.originalLength && java.util.Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(linkType, timestampNanos, originalLength) * 31 + java.util.Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "CapturedPacket[linkType=" + linkType + ", timestampNanos=" + timestampNanos + ", " + data.length
                + " of " + originalLength + " bytes]";
    }

    /** The same record with other bytes (a rewritten packet). */
    public CapturedPacket withData(byte[] newData) {
        return new CapturedPacket(linkType, timestampNanos, newData, newData.length);
    }
}
