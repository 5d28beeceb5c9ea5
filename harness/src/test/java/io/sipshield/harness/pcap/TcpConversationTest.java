package io.sipshield.harness.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Synthesized TCP: handshake, sequence numbers that follow the bytes, FIN, checksums that verify. */
class TcpConversationTest {

    private static final InetSocketAddress PHONE = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress PBX = new InetSocketAddress("127.0.0.1", 5061);

    private record Segment(int sourcePort, long seq, long ack, int flags, int payload) {
    }

    private static Segment segment(byte[] ip) {
        ByteBuffer in = ByteBuffer.wrap(ip);
        assertEquals(0x45, in.get(0) & 0xFF);
        assertEquals(ip.length, in.getShort(2) & 0xFFFF);
        assertEquals(0, Frames.checksum(ip, 0, 20, 0), "IPv4 header checksum");
        long pseudo = 0x7F00 + 0x0001 + 0x7F00 + 0x0001 + IpPackets.TCP + (ip.length - 20);
        assertEquals(0, Frames.checksum(ip, 20, ip.length - 20, pseudo), "TCP checksum");
        return new Segment(in.getShort(20) & 0xFFFF, in.getInt(24) & 0xFFFF_FFFFL, in.getInt(28) & 0xFFFF_FFFFL,
                in.get(33) & 0xFF, ip.length - 40);
    }

    @Test
    void opensWithSynSynAckAck() {
        List<Segment> open = new TcpConversation(PHONE, PBX).open().stream().map(TcpConversationTest::segment).toList();
        assertEquals(3, open.size());
        assertEquals(IpPackets.SYN, open.get(0).flags());
        assertEquals(40000, open.get(0).sourcePort());
        assertEquals(IpPackets.SYN | IpPackets.ACK, open.get(1).flags());
        assertEquals(open.get(0).seq() + 1, open.get(1).ack());
        assertEquals(IpPackets.ACK, open.get(2).flags());
        assertEquals(open.get(1).seq() + 1, open.get(2).ack());
    }

    @Test
    void sequenceNumbersFollowEachDirectionsBytes() {
        TcpConversation tcp = new TcpConversation(PHONE, PBX);
        List<Segment> hello = tcp.data(true, new byte[100]).stream().map(TcpConversationTest::segment).toList();
        assertEquals(4, hello.size(), "opened first, then the data");
        Segment clientData = hello.get(3);
        Segment serverData = segment(tcp.data(false, new byte[250]).get(0));
        Segment clientAgain = segment(tcp.data(true, new byte[10]).get(0));
        assertEquals(clientData.seq() + 100, clientAgain.seq());
        assertEquals(clientData.seq() + 100, serverData.ack());
        assertEquals(serverData.seq() + 250, clientAgain.ack());
        assertEquals(IpPackets.PSH | IpPackets.ACK, clientAgain.flags());
        assertEquals(10, clientAgain.payload());
    }

    @Test
    void largeWritesAreSplitIntoSegments() {
        TcpConversation tcp = new TcpConversation(PHONE, PBX);
        tcp.open();
        List<Segment> segments = tcp.data(true, new byte[TcpConversation.SEGMENT_SIZE * 2 + 5]).stream()
                .map(TcpConversationTest::segment).toList();
        assertEquals(List.of(TcpConversation.SEGMENT_SIZE, TcpConversation.SEGMENT_SIZE, 5),
                segments.stream().map(Segment::payload).toList());
        assertEquals(segments.get(0).seq() + TcpConversation.SEGMENT_SIZE, segments.get(1).seq());
    }

    @Test
    void closesWithFinFromBothSidesOnce() {
        TcpConversation tcp = new TcpConversation(PHONE, PBX);
        assertTrue(tcp.close().isEmpty(), "never opened, nothing to close");
        tcp.data(true, new byte[7]);
        List<Segment> close = tcp.close().stream().map(TcpConversationTest::segment).toList();
        assertEquals(List.of(IpPackets.FIN | IpPackets.ACK, IpPackets.FIN | IpPackets.ACK, IpPackets.ACK),
                close.stream().map(Segment::flags).toList());
        assertEquals(close.get(0).seq() + 1, close.get(1).ack());
        assertTrue(tcp.close().isEmpty());
    }

    @Test
    void udpChecksumsVerifyOnIpv6() {
        InetSocketAddress from = new InetSocketAddress("::1", 20000);
        InetSocketAddress to = new InetSocketAddress("::1", 30000);
        byte[] ip = IpPackets.udp(from, to, new byte[] {(byte) 0x80, 0, 0, 1});
        assertEquals(6, (ip[0] & 0xFF) >>> 4);
        long pseudo = 1 + 1 + IpPackets.UDP + 12;
        assertEquals(0, Frames.checksum(ip, 40, 12, pseudo), "UDP checksum over the IPv6 pseudo-header");
        UdpDatagram datagram = UdpDatagram.parse(CapturedPacket.of(LinkType.RAW, 0, ip)).orElseThrow();
        assertEquals(to, datagram.destination());
        assertEquals(4, datagram.payloadLength());
    }

    @Test
    void mixedAddressFamiliesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IpPackets.udp(PHONE, new InetSocketAddress("::1", 1), new byte[0]));
        assertTrue(e.getMessage().contains("not of one IP version"), e.getMessage());
    }

    @Test
    void aPayloadTooLargeForOnePacketIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IpPackets.udp(PHONE, PBX, new byte[IpPackets.MAX_PAYLOAD + 1]));
        assertEquals("payload: 65496 bytes, one packet holds at most 65495", e.getMessage());
    }
}
