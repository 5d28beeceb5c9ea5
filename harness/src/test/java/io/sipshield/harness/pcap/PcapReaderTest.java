package io.sipshield.harness.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Capture files in and out, and UDP datagrams found in and rewritten into frames. */
class PcapReaderTest {

    private static final byte[] PAYLOAD = "hello, rtp".getBytes();

    @Test
    void classicPcapReadsBackWhatWasWritten() throws Exception {
        List<CapturedPacket> read = PcapReader.read(Frames.classicPcap(1,
                List.of(Frames.ethernetIpv4(1, 2, PAYLOAD), Frames.ethernetIpv4(3, 4, PAYLOAD))), "t");
        assertEquals(2, read.size());
        assertEquals(1_700_000_000_001_000_000L, read.get(1).timestampNanos());
        byte[] rewritten = PcapWriter.encode(1, read);
        assertEquals(read, PcapReader.read(rewritten, "again"));
    }

    @Test
    void pcapngWithNanosecondResolutionAndABlockToSkip() throws Exception {
        List<CapturedPacket> read = PcapReader.read(Frames.pcapng(113, List.of(Frames.linuxCookedIpv6(5, 6, PAYLOAD))), "t");
        assertEquals(1, read.size());
        assertEquals(113, read.get(0).linkType());
        assertEquals(1_700_000_000_000_000_000L, read.get(0).timestampNanos());
    }

    @Test
    void udpIsFoundBehindEveryLinkType() {
        assertUdp(Frames.ethernetIpv4(4000, 4002, PAYLOAD), LinkType.ETHERNET, "127.0.0.1", "127.0.0.2");
        assertUdp(Frames.vlanIpv4Padded(4000, 4002, PAYLOAD), LinkType.ETHERNET, "127.0.0.1", "127.0.0.2");
        assertUdp(Frames.linuxCookedIpv6(4000, 4002, PAYLOAD), LinkType.LINUX_SLL, "::1", "::2");
        assertUdp(Frames.nullIpv4(4000, 4002, PAYLOAD), LinkType.NULL, "127.0.0.1", "127.0.0.2");
        byte[] raw = Arrays.copyOfRange(Frames.ethernetIpv4(4000, 4002, PAYLOAD), 14, 14 + 20 + 8 + PAYLOAD.length);
        assertUdp(raw, LinkType.RAW, "127.0.0.1", "127.0.0.2");
    }

    private static void assertUdp(byte[] frame, LinkType type, String source, String destination) {
        UdpDatagram udp = UdpDatagram.parse(CapturedPacket.of(type, 0, frame)).orElseThrow(() -> new AssertionError(type));
        assertEquals(new InetSocketAddress(source, 4000), udp.source());
        assertEquals(new InetSocketAddress(destination, 4002), udp.destination());
        assertArrayEquals(PAYLOAD, udp.payload());
    }

    @Test
    void fragmentsTruncatedPacketsAndOtherProtocolsAreNotUdpDatagrams() {
        byte[] fragment = Frames.ethernetIpv4(1, 2, PAYLOAD);
        fragment[14 + 6] = 0x20; // more fragments
        assertTrue(UdpDatagram.parse(CapturedPacket.of(LinkType.ETHERNET, 0, fragment)).isEmpty());
        byte[] frame = Frames.ethernetIpv4(1, 2, PAYLOAD);
        CapturedPacket truncated = new CapturedPacket(1, 0, Arrays.copyOf(frame, 40), frame.length);
        assertTrue(UdpDatagram.parse(truncated).isEmpty());
        byte[] tcp = Frames.ethernetIpv4(1, 2, PAYLOAD);
        tcp[14 + 9] = 6;
        assertTrue(UdpDatagram.parse(CapturedPacket.of(LinkType.ETHERNET, 0, tcp)).isEmpty());
        assertTrue(UdpDatagram.parse(new CapturedPacket(147, 0, frame, frame.length)).isEmpty(), "unknown link type");
    }

    @Test
    void aNewPayloadGetsRightLengthsAndChecksums() {
        byte[] longer = "a longer payload than before".getBytes();
        UdpDatagram v4 = UdpDatagram.parse(CapturedPacket.of(LinkType.ETHERNET, 0,
                Frames.vlanIpv4Padded(1, 2, PAYLOAD))).orElseThrow();
        byte[] out = v4.withPayload(longer).data();
        assertEquals(18 + 20 + 8 + longer.length, out.length, "the Ethernet padding is gone");
        assertEquals(20 + 8 + longer.length, ((out[20] & 0xFF) << 8) | (out[21] & 0xFF));
        assertEquals(0, Frames.checksum(out, 18, 20, 0), "IPv4 header checksum");
        assertArrayEquals(longer, UdpDatagram.parse(v4.packet().withData(out)).orElseThrow().payload());

        UdpDatagram v6 = UdpDatagram.parse(CapturedPacket.of(LinkType.LINUX_SLL, 0,
                Frames.linuxCookedIpv6(1, 2, PAYLOAD))).orElseThrow();
        byte[] rewritten = v6.withPayload(longer).data();
        assertArrayEquals(Frames.linuxCookedIpv6(1, 2, longer), rewritten, "same bytes as built from scratch");
    }

    @Test
    void brokenFilesSayWhereAndWhat() {
        assertEquals("t: not a pcap or pcapng file (magic 0x68656c6c)",
                assertThrows(PcapFormatException.class, () -> PcapReader.read("hello world".getBytes(), "t")).getMessage());
        byte[] cut = Frames.classicPcap(1, List.of(Frames.ethernetIpv4(1, 2, PAYLOAD)));
        PcapFormatException e = assertThrows(PcapFormatException.class,
                () -> PcapReader.read(Arrays.copyOf(cut, cut.length - 3), "t"));
        assertEquals("t: record at byte 24 claims 52 bytes, only 49 are left", e.getMessage());
        assertThrows(PcapFormatException.class, () -> PcapReader.read(new byte[] {1}, "t"));
    }

    @Test
    void aPcapFileHasOneLinkType() {
        List<CapturedPacket> mixed = List.of(CapturedPacket.of(LinkType.ETHERNET, 0, new byte[20]),
                CapturedPacket.of(LinkType.RAW, 0, new byte[20]));
        assertThrows(IllegalArgumentException.class, () -> PcapWriter.encode(1, mixed));
    }
}
