package io.sipshield.harness.pcap;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A UDP datagram found in a captured packet: Ethernet (with VLAN tags), Linux cooked v1/v2, BSD
 * and OpenBSD loopback or raw IP; IPv4 (with options) or IPv6 (with hop-by-hop, routing and
 * destination option headers); then UDP. Fragments and packets the snapshot length cut short
 * are not read. {@link #withPayload} rewrites the packet around a new payload, fixing the IP and
 * UDP lengths and checksums.
 *
 * @param packet        the captured packet
 * @param source        source address and port
 * @param destination   destination address and port
 * @param ipOffset      where the IP header starts
 * @param udpOffset     where the UDP header starts
 * @param payloadLength the UDP payload's length (it starts at {@code udpOffset + 8})
 */
public record UdpDatagram(CapturedPacket packet, InetSocketAddress source, InetSocketAddress destination, int ipOffset,
                          int udpOffset, int payloadLength) {

    private static final int UDP = 17;
    private static final int IPV4 = 0x0800;
    private static final int IPV6 = 0x86DD;

    public UdpDatagram {
        Objects.requireNonNull(packet, "packet");
    }

    /** The UDP datagram in this packet, if it holds a whole one. */
    public static Optional<UdpDatagram> parse(CapturedPacket packet) {
        if (packet.truncated()) {
            return Optional.empty();
        }
        byte[] data = packet.data();
        int ip = networkOffset(packet.linkType(), data);
        if (ip < 0 || ip >= data.length) {
            return Optional.empty();
        }
        int version = (data[ip] & 0xFF) >>> 4;
        try {
            return version == 4 ? ipv4(packet, ip) : version == 6 ? ipv6(packet, ip) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Where the IP header starts for this link type, or -1 when the frame carries no IP. */
    private static int networkOffset(int linkType, byte[] data) {
        Optional<LinkType> type = LinkType.of(linkType);
        if (type.isEmpty()) {
            return -1;
        }
        return switch (type.get()) {
            case RAW, IPV4, IPV6 -> 0;
            case NULL, LOOP -> 4;
            case ETHERNET -> {
                int at = 12;
                while (at + 2 <= data.length && (u16(data, at) == 0x8100 || u16(data, at) == 0x88A8)) {
                    at += 4;
                }
                yield at + 2 <= data.length && isIp(u16(data, at)) ? at + 2 : -1;
            }
            case LINUX_SLL -> data.length >= 16 && isIp(u16(data, 14)) ? 16 : -1;
            case LINUX_SLL2 -> data.length >= 20 && isIp(u16(data, 0)) ? 20 : -1;
        };
    }

    private static boolean isIp(int etherType) {
        return etherType == IPV4 || etherType == IPV6;
    }

    private static Optional<UdpDatagram> ipv4(CapturedPacket packet, int ip) throws UnknownHostException {
        byte[] data = packet.data();
        if (ip + 20 > data.length) {
            return Optional.empty();
        }
        int headerLength = 4 * (data[ip] & 0x0F);
        int totalLength = u16(data, ip + 2);
        boolean fragment = (u16(data, ip + 6) & 0x3FFF) != 0;
        if (headerLength < 20 || totalLength < headerLength + 8 || ip + totalLength > data.length || fragment
                || (data[ip + 9] & 0xFF) != UDP) {
            return Optional.empty();
        }
        InetAddress source = InetAddress.getByAddress(Arrays.copyOfRange(data, ip + 12, ip + 16));
        InetAddress destination = InetAddress.getByAddress(Arrays.copyOfRange(data, ip + 16, ip + 20));
        return udp(packet, ip, ip + headerLength, ip + totalLength, source, destination);
    }

    private static Optional<UdpDatagram> ipv6(CapturedPacket packet, int ip) throws UnknownHostException {
        byte[] data = packet.data();
        if (ip + 40 > data.length) {
            return Optional.empty();
        }
        int end = ip + 40 + u16(data, ip + 4);
        if (end > data.length) {
            return Optional.empty();
        }
        int next = data[ip + 6] & 0xFF;
        int at = ip + 40;
        while (next != UDP) {
            if (at + 8 > end) {
                return Optional.empty();
            }
            switch (next) {
                case 0, 43, 60 -> {
                    int length = 8 * (1 + (data[at + 1] & 0xFF));
                    next = data[at] & 0xFF;
                    at += length;
                }
                case 44 -> {
                    if ((u16(data, at + 2) & 0xFFF9) != 0) {
                        return Optional.empty(); // a fragment: offset or more-fragments set
                    }
                    next = data[at] & 0xFF;
                    at += 8;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        InetAddress source = InetAddress.getByAddress(Arrays.copyOfRange(data, ip + 8, ip + 24));
        InetAddress destination = InetAddress.getByAddress(Arrays.copyOfRange(data, ip + 24, ip + 40));
        return udp(packet, ip, at, end, source, destination);
    }

    private static Optional<UdpDatagram> udp(CapturedPacket packet, int ip, int udp, int ipEnd, InetAddress source,
                                             InetAddress destination) {
        byte[] data = packet.data();
        if (udp + 8 > ipEnd) {
            return Optional.empty();
        }
        int length = u16(data, udp + 4);
        if (length < 8 || udp + length > ipEnd) {
            return Optional.empty();
        }
        return Optional.of(new UdpDatagram(packet, new InetSocketAddress(source, u16(data, udp)),
                new InetSocketAddress(destination, u16(data, udp + 2)), ip, udp, length - 8));
    }

    /** A copy of the UDP payload. */
    public byte[] payload() {
        return Arrays.copyOfRange(packet.data(), udpOffset + 8, udpOffset + 8 + payloadLength);
    }

    /** The IP version, 4 or 6. */
    public int ipVersion() {
        return (packet.data()[ipOffset] & 0xFF) >>> 4;
    }

    /**
     * The packet with another UDP payload: link and IP headers kept, IP total/payload length, IPv4
     * header checksum, UDP length and UDP checksum recomputed (an IPv4 checksum of 0, "none", stays
     * 0); trailing link padding is dropped.
     */
    public CapturedPacket withPayload(byte[] payload) {
        int payloadOffset = udpOffset + 8;
        byte[] out = Arrays.copyOf(packet.data(), payloadOffset + payload.length);
        System.arraycopy(payload, 0, out, payloadOffset, payload.length);
        int udpLength = 8 + payload.length;
        put16(out, udpOffset + 4, udpLength);
        boolean checksummed = ipVersion() == 6 || u16(out, udpOffset + 6) != 0;
        put16(out, udpOffset + 6, 0);
        if (ipVersion() == 4) {
            put16(out, ipOffset + 2, out.length - ipOffset);
            int headerLength = 4 * (out[ipOffset] & 0x0F);
            put16(out, ipOffset + 10, 0);
            put16(out, ipOffset + 10, checksum(out, ipOffset, headerLength, 0));
        } else {
            put16(out, ipOffset + 4, out.length - ipOffset - 40);
        }
        if (checksummed) {
            int sum = pseudoHeaderSum(out, udpLength);
            int value = checksum(out, udpOffset, udpLength, sum);
            put16(out, udpOffset + 6, value == 0 ? 0xFFFF : value);
        }
        return packet.withData(out);
    }

    private int pseudoHeaderSum(byte[] out, int udpLength) {
        int addresses = ipVersion() == 4 ? ipOffset + 12 : ipOffset + 8;
        int addressBytes = ipVersion() == 4 ? 8 : 32;
        long sum = 0;
        for (int i = 0; i < addressBytes; i += 2) {
            sum += u16(out, addresses + i);
        }
        return (int) (sum + UDP + udpLength);
    }

    /** RFC 1071 ones'-complement sum of {@code data[offset..offset+length)} plus {@code initial}, complemented. */
    static int checksum(byte[] data, int offset, int length, long initial) {
        long sum = initial;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += u16(data, offset + i);
        }
        if ((length & 1) != 0) {
            sum += (data[offset + length - 1] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    private static int u16(byte[] data, int at) {
        return ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
    }

    private static void put16(byte[] data, int at, int value) {
        data[at] = (byte) (value >>> 8);
        data[at + 1] = (byte) value;
    }
}
