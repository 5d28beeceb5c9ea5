package io.sipshield.harness.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads capture files: classic pcap (microsecond and nanosecond magic, either byte order) and
 * pcapng (section header, interface description, enhanced and simple packet blocks, several
 * sections and interfaces; other blocks are skipped). Packets come back in file order with each
 * interface's link type and timestamps in nanoseconds.
 */
public final class PcapReader {

    private static final int PCAP_MICROS = 0xA1B2C3D4;
    private static final int PCAP_NANOS = 0xA1B23C4D;
    private static final int NG_SECTION = 0x0A0D0D0A;
    private static final int NG_BYTE_ORDER = 0x1A2B3C4D;
    private static final int NG_INTERFACE = 1;
    private static final int NG_OBSOLETE_PACKET = 2;
    private static final int NG_SIMPLE_PACKET = 3;
    private static final int NG_ENHANCED_PACKET = 6;
    private static final int OPTION_TS_RESOLUTION = 9;

    private PcapReader() {
    }

    /** Every packet of the file. */
    public static List<CapturedPacket> read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString());
    }

    /**
     * Every packet of a capture held in memory.
     *
     * @param name how to call it in error messages
     */
    public static List<CapturedPacket> read(byte[] capture, String name) throws IOException {
        if (capture.length < 4) {
            throw new PcapFormatException(name + ": " + capture.length + " bytes, too short for a capture file");
        }
        ByteBuffer in = ByteBuffer.wrap(capture);
        int magic = in.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (magic == NG_SECTION) {
            return readNg(in, name);
        }
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            int m = in.order(order).getInt(0);
            if (m == PCAP_MICROS || m == PCAP_NANOS) {
                return readClassic(in.order(order), m == PCAP_NANOS, name);
            }
        }
        throw new PcapFormatException(name + ": not a pcap or pcapng file (magic 0x" + Integer.toHexString(magic) + ")");
    }

    private static List<CapturedPacket> readClassic(ByteBuffer in, boolean nanos, String name) throws IOException {
        if (in.capacity() < 24) {
            throw new PcapFormatException(name + ": the pcap file header is cut short (" + in.capacity() + " of 24 bytes)");
        }
        int linkType = in.getInt(20) & 0x0FFFFFFF;
        List<CapturedPacket> packets = new ArrayList<>();
        int at = 24;
        while (at < in.capacity()) {
            if (at + 16 > in.capacity()) {
                throw new PcapFormatException(name + ": record header at byte " + at + " is cut short");
            }
            long seconds = in.getInt(at) & 0xFFFF_FFFFL;
            long fraction = in.getInt(at + 4) & 0xFFFF_FFFFL;
            int captured = in.getInt(at + 8);
            int original = in.getInt(at + 12);
            if (captured < 0 || at + 16 + (long) captured > in.capacity()) {
                throw new PcapFormatException(name + ": record at byte " + at + " claims " + Integer.toUnsignedString(captured)
                        + " bytes, only " + (in.capacity() - at - 16) + " are left");
            }
            byte[] data = new byte[captured];
            in.get(at + 16, data);
            long timestamp = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000);
            packets.add(new CapturedPacket(linkType, timestamp, data, Math.max(original, captured)));
            at += 16 + captured;
        }
        return packets;
    }

    private static List<CapturedPacket> readNg(ByteBuffer in, String name) throws IOException {
        List<CapturedPacket> packets = new ArrayList<>();
        List<int[]> interfaces = new ArrayList<>(); // {linkType, snapLength}
        List<Long> resolutions = new ArrayList<>(); // units per second
        ByteBuffer bigEndian = in.duplicate().order(ByteOrder.BIG_ENDIAN); // the section magic reads the same either way
        int at = 0;
        while (at < in.capacity()) {
            if (at + 12 > in.capacity()) {
                throw new PcapFormatException(name + ": pcapng block at byte " + at + " is cut short");
            }
            int type = bigEndian.getInt(at);
            if (type == NG_SECTION) {
                int bom = in.getInt(at + 8);
                if (bom == NG_BYTE_ORDER) {
                    in.order(ByteOrder.BIG_ENDIAN);
                } else if (Integer.reverseBytes(bom) == NG_BYTE_ORDER) {
                    in.order(ByteOrder.LITTLE_ENDIAN);
                } else {
                    throw new PcapFormatException(name + ": pcapng section at byte " + at + " has no byte-order magic");
                }
                interfaces.clear();
                resolutions.clear();
            } else {
                type = in.getInt(at);
            }
            int length = in.getInt(at + 4);
            if (length < 12 || length % 4 != 0 || at + (long) length > in.capacity()) {
                throw new PcapFormatException(name + ": pcapng block at byte " + at + " has length "
                        + Integer.toUnsignedString(length) + ", not a multiple of 4 within the file");
            }
            int body = at + 8;
            int bodyEnd = at + length - 4;
            switch (type) {
                case NG_INTERFACE -> {
                    interfaces.add(new int[] {in.getShort(body) & 0xFFFF, in.getInt(body + 4)});
                    resolutions.add(resolution(in, body + 8, bodyEnd));
                }
                case NG_ENHANCED_PACKET, NG_OBSOLETE_PACKET -> {
                    int id = type == NG_ENHANCED_PACKET ? in.getInt(body) : in.getShort(body) & 0xFFFF;
                    if (id < 0 || id >= interfaces.size()) {
                        throw new PcapFormatException(name + ": packet block at byte " + at + " names interface " + id
                                + ", the section describes " + interfaces.size());
                    }
                    long units = ((in.getInt(body + 4) & 0xFFFF_FFFFL) << 32) | (in.getInt(body + 8) & 0xFFFF_FFFFL);
                    int captured = in.getInt(body + 12);
                    int original = in.getInt(body + 16);
                    if (captured < 0 || body + 20 + (long) captured > bodyEnd) {
                        throw new PcapFormatException(name + ": packet block at byte " + at + " claims "
                                + Integer.toUnsignedString(captured) + " bytes, more than the block holds");
                    }
                    byte[] data = new byte[captured];
                    in.get(body + 20, data);
                    packets.add(new CapturedPacket(interfaces.get(id)[0], nanos(units, resolutions.get(id)), data,
                            Math.max(original, captured)));
                }
                case NG_SIMPLE_PACKET -> {
                    if (interfaces.isEmpty()) {
                        throw new PcapFormatException(name + ": simple packet block at byte " + at + " before any interface");
                    }
                    int original = in.getInt(body);
                    int snap = interfaces.get(0)[1];
                    int captured = Math.min(original, snap == 0 ? Integer.MAX_VALUE : snap);
                    captured = Math.min(captured, bodyEnd - body - 4);
                    byte[] data = new byte[Math.max(0, captured)];
                    in.get(body + 4, data);
                    packets.add(new CapturedPacket(interfaces.get(0)[0], 0, data, Math.max(original, data.length)));
                }
                default -> {
                    // name resolution, statistics, decryption secrets, custom blocks
                }
            }
            at += length;
        }
        return packets;
    }

    /** if_tsresol (option 9): 10^-n or 2^-n seconds; default microseconds. */
    private static long resolution(ByteBuffer in, int at, int end) {
        while (at + 4 <= end) {
            int code = in.getShort(at) & 0xFFFF;
            int length = in.getShort(at + 2) & 0xFFFF;
            if (code == 0) {
                break;
            }
            if (code == OPTION_TS_RESOLUTION && length >= 1) {
                int value = in.get(at + 4) & 0xFF;
                int exponent = value & 0x7F;
                return (value & 0x80) != 0 ? 1L << Math.min(exponent, 62) : pow10(exponent);
            }
            at += 4 + ((length + 3) & ~3);
        }
        return 1_000_000;
    }

    private static long pow10(int exponent) {
        long value = 1;
        for (int i = 0; i < Math.min(exponent, 18); i++) {
            value *= 10;
        }
        return value;
    }

    private static long nanos(long units, long perSecond) {
        long seconds = units / perSecond;
        long remainder = units % perSecond;
        return seconds * 1_000_000_000L + (long) (remainder * (1e9 / perSecond));
    }
}
