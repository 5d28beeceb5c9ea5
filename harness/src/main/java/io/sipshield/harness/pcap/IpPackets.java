package io.sipshield.harness.pcap;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Builds raw IP packets ({@link LinkType#RAW}: no link header) around a UDP or TCP payload, as a
 * capture on the wire would hold them: IPv4 (20-byte header, DF set, TTL 64, header checksum) or
 * IPv6 (hop limit 64), then UDP or TCP (20-byte header, window 65535) with the checksum over the
 * pseudo-header (RFC 768, RFC 793, RFC 8200 §8.1). Both addresses must be of one family.
 */
public final class IpPackets {

    /** The largest payload one packet here carries (IPv4 total length is 16 bits; 65535 - 20 - 20). */
    public static final int MAX_PAYLOAD = 65_495;

    static final int TCP = 6;
    static final int UDP = 17;

    /** TCP flags (RFC 793 §3.1). */
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private IpPackets() {
    }

    /** A UDP datagram from {@code source} to {@code destination}. */
    public static byte[] udp(InetSocketAddress source, InetSocketAddress destination, byte[] payload) {
        checkPayload(payload);
        ByteBuffer udp = ByteBuffer.allocate(8 + payload.length);
        udp.putShort((short) source.getPort()).putShort((short) destination.getPort())
                .putShort((short) udp.capacity()).putShort((short) 0).put(payload);
        return ip(source, destination, UDP, udp.array());
    }

    /**
     * A TCP segment.
     *
     * @param sequence        the sequence number of the first payload byte (or of the SYN/FIN)
     * @param acknowledgement the next sequence number expected from the other side (sent with {@link #ACK})
     * @param flags           {@link #SYN}, {@link #ACK}, {@link #PSH}, {@link #FIN} ORed
     */
    public static byte[] tcp(InetSocketAddress source, InetSocketAddress destination, long sequence,
                             long acknowledgement, int flags, byte[] payload) {
        checkPayload(payload);
        ByteBuffer tcp = ByteBuffer.allocate(20 + payload.length);
        tcp.putShort((short) source.getPort()).putShort((short) destination.getPort())
                .putInt((int) sequence).putInt((flags & ACK) != 0 ? (int) acknowledgement : 0)
                .put((byte) (5 << 4)).put((byte) flags).putShort((short) 0xFFFF)
                .putShort((short) 0).putShort((short) 0).put(payload);
        return ip(source, destination, TCP, tcp.array());
    }

    private static void checkPayload(byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload: " + payload.length + " bytes, one packet holds at most "
                    + MAX_PAYLOAD);
        }
    }

    /** Wraps a transport segment (checksum field zero) in IP and fills the transport checksum. */
    private static byte[] ip(InetSocketAddress source, InetSocketAddress destination, int protocol, byte[] segment) {
        byte[] from = source.getAddress().getAddress();
        byte[] to = destination.getAddress().getAddress();
        if (from.length != to.length) {
            throw new IllegalArgumentException("addresses: " + source + " and " + destination
                    + " are not of one IP version");
        }
        long pseudo = sum(from) + sum(to) + protocol + segment.length;
        int checksumAt = protocol == TCP ? 16 : 6;
        int checksum = UdpDatagram.checksum(segment, 0, segment.length, pseudo);
        if (protocol == UDP && checksum == 0) {
            checksum = 0xFFFF; // RFC 768: a computed 0 is sent as all ones
        }
        segment[checksumAt] = (byte) (checksum >>> 8);
        segment[checksumAt + 1] = (byte) checksum;
        ByteBuffer packet;
        if (source.getAddress() instanceof Inet4Address) {
            packet = ByteBuffer.allocate(20 + segment.length);
            packet.put((byte) 0x45).put((byte) 0).putShort((short) packet.capacity()).putShort((short) 0)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0)
                    .put(from).put(to);
            int header = UdpDatagram.checksum(packet.array(), 0, 20, 0);
            packet.putShort(10, (short) header);
        } else {
            packet = ByteBuffer.allocate(40 + segment.length);
            packet.putInt(0x6000_0000).putShort((short) segment.length).put((byte) protocol).put((byte) 64)
                    .put(from).put(to);
        }
        packet.put(segment);
        return packet.array();
    }

    private static long sum(byte[] address) {
        long sum = 0;
        for (int i = 0; i < address.length; i += 2) {
            sum += ((address[i] & 0xFF) << 8) | (address[i + 1] & 0xFF);
        }
        return sum;
    }
}
