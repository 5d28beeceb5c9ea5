package io.sipshield.harness.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Builds captured frames and capture files byte by byte, independently of the code under test. */
public final class Frames {

    private Frames() {
    }

    /** Ethernet II + IPv4 (no options) + UDP with checksum 0, 127.0.0.1:sport -> 127.0.0.2:dport. */
    public static byte[] ethernetIpv4(int sourcePort, int destinationPort, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + 20 + 8 + payload.length);
        b.put(new byte[6]).put(new byte[] {2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        ipv4Header(b, 8 + payload.length);
        b.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) (8 + payload.length))
                .putShort((short) 0).put(payload);
        return b.array();
    }

    /** 802.1Q-tagged Ethernet + IPv4 + UDP, with 6 bytes of trailing Ethernet padding. */
    public static byte[] vlanIpv4Padded(int sourcePort, int destinationPort, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(18 + 20 + 8 + payload.length + 6);
        b.put(new byte[12]).putShort((short) 0x8100).putShort((short) 7).putShort((short) 0x0800);
        ipv4Header(b, 8 + payload.length);
        b.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) (8 + payload.length))
                .putShort((short) 0).put(payload);
        return b.array();
    }

    private static void ipv4Header(ByteBuffer b, int udpLength) {
        int start = b.position();
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + udpLength)).putShort((short) 1).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 17).putShort((short) 0).put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 2});
        b.putShort(start + 10, (short) checksum(b.array(), start, 20, 0));
    }

    /** Linux cooked v1 + IPv6 (::1 -> ::2) + UDP with its mandatory checksum. */
    public static byte[] linuxCookedIpv6(int sourcePort, int destinationPort, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + 40 + 8 + payload.length);
        b.putShort((short) 0).putShort((short) 772).putShort((short) 6).put(new byte[8]).putShort((short) 0x86DD);
        int ip = b.position();
        byte[] source = new byte[16];
        source[15] = 1;
        byte[] destination = new byte[16];
        destination[15] = 2;
        b.putInt(0x6000_0000).putShort((short) (8 + payload.length)).put((byte) 17).put((byte) 64).put(source).put(destination);
        int udp = b.position();
        b.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) (8 + payload.length))
                .putShort((short) 0).put(payload);
        long pseudo = 17 + 8 + payload.length;
        for (int i = 0; i < 32; i += 2) {
            pseudo += ((b.get(ip + 8 + i) & 0xFF) << 8) | (b.get(ip + 9 + i) & 0xFF);
        }
        int sum = checksum(b.array(), udp, 8 + payload.length, pseudo);
        b.putShort(udp + 6, (short) (sum == 0 ? 0xFFFF : sum));
        return b.array();
    }

    /** BSD loopback (family 2 in little-endian host order) + IPv4 + UDP. */
    public static byte[] nullIpv4(int sourcePort, int destinationPort, byte[] payload) {
        byte[] ethernet = ethernetIpv4(sourcePort, destinationPort, payload);
        ByteBuffer b = ByteBuffer.allocate(4 + ethernet.length - 14);
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(2).order(ByteOrder.BIG_ENDIAN).put(ethernet, 14, ethernet.length - 14);
        return b.array();
    }

    /** RFC 1071 checksum. */
    public static int checksum(byte[] data, int offset, int length, long initial) {
        long sum = initial;
        for (int i = 0; i < length; i += 2) {
            int high = data[offset + i] & 0xFF;
            int low = i + 1 < length ? data[offset + i + 1] & 0xFF : 0;
            sum += (high << 8) | low;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    /** A classic pcap file, big-endian, microsecond timestamps, 1 ms apart. */
    public static byte[] classicPcap(int linkType, List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24);
        header.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType);
        out.writeBytes(header.array());
        for (int i = 0; i < frames.size(); i++) {
            byte[] frame = frames.get(i);
            ByteBuffer record = ByteBuffer.allocate(16);
            record.putInt(1_700_000_000).putInt(1000 * i).putInt(frame.length).putInt(frame.length);
            out.writeBytes(record.array());
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    /** A little-endian pcapng file: one section, one interface of {@code linkType} with nanosecond resolution. */
    public static byte[] pcapng(int linkType, List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(block(0x0A0D0D0A, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(0x1A2B3C4D)
                .putShort((short) 1).putShort((short) 0).putLong(-1).array()));
        out.writeBytes(block(1, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putShort((short) linkType)
                .putShort((short) 0).putInt(0).putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]).array()));
        out.writeBytes(block(0x0BAD, new byte[8])); // a custom block to skip
        for (int i = 0; i < frames.size(); i++) {
            byte[] frame = frames.get(i);
            int padded = (frame.length + 3) & ~3;
            long nanos = 1_700_000_000_000_000_000L + 1_000_000L * i;
            ByteBuffer body = ByteBuffer.allocate(20 + padded).order(ByteOrder.LITTLE_ENDIAN);
            body.putInt(0).putInt((int) (nanos >>> 32)).putInt((int) nanos).putInt(frame.length).putInt(frame.length).put(frame);
            out.writeBytes(block(6, body.array()));
        }
        return out.toByteArray();
    }

    private static byte[] block(int type, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(type).putInt(12 + body.length).put(body).putInt(12 + body.length);
        return b.array();
    }
}
