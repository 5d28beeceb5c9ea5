package io.sipshield.harness.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes classic pcap files (little-endian, nanosecond timestamps), which Wireshark and tcpdump read. */
public final class PcapWriter {

    private static final int PCAP_NANOS = 0xA1B23C4D;
    private static final int SNAP_LENGTH = 262_144;

    private PcapWriter() {
    }

    /**
     * A capture of {@code packets}, all of one link type.
     *
     * @throws IllegalArgumentException if the packets have different link types (classic pcap has one per file)
     */
    public static byte[] encode(int linkType, List<CapturedPacket> packets) {
        int size = 24;
        for (CapturedPacket packet : packets) {
            if (packet.linkType() != linkType) {
                throw new IllegalArgumentException("packets: a pcap file has one link type (" + linkType
                        + "), a packet has " + packet.linkType());
            }
            size += 16 + packet.data().length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(PCAP_NANOS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAP_LENGTH)
                .putInt(linkType);
        for (CapturedPacket packet : packets) {
            out.putInt((int) Math.floorDiv(packet.timestampNanos(), 1_000_000_000L))
                    .putInt((int) Math.floorMod(packet.timestampNanos(), 1_000_000_000L))
                    .putInt(packet.data().length).putInt(packet.originalLength()).put(packet.data());
        }
        return out.array();
    }

    /** Writes {@link #encode} to a file. */
    public static void write(Path file, int linkType, List<CapturedPacket> packets) throws IOException {
        Files.write(file, encode(linkType, packets));
    }
}
