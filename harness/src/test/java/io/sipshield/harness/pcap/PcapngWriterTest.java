package io.sipshield.harness.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pcapng blocks, read back byte by byte here and by {@link PcapReader}. */
class PcapngWriterTest {

    private static final byte[] KEY_LOG = "CLIENT_RANDOM 00112233 44556677\n".getBytes(StandardCharsets.US_ASCII);

    /** {type, offset, length} of each block, checking the trailing length copy and 32-bit alignment. */
    private static List<int[]> blocks(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<int[]> blocks = new ArrayList<>();
        int at = 0;
        while (at < file.length) {
            int type = in.getInt(at);
            int length = in.getInt(at + 4);
            assertEquals(0, length % 4, "block at " + at + " is not 32-bit aligned");
            assertEquals(length, in.getInt(at + length - 4), "trailing length of the block at " + at);
            blocks.add(new int[] {type, at, length});
            at += length;
        }
        assertEquals(file.length, at);
        return blocks;
    }

    private static byte[] sample() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter writer = new PcapngWriter(out, "sipshield", "a comment")) {
            int raw = writer.addInterface(LinkType.RAW, "phones");
            writer.writeDecryptionSecrets(PcapngWriter.TLS_KEY_LOG, KEY_LOG);
            writer.writePacket(raw, 1_700_000_000_123_456_789L, new byte[] {0x45, 1, 2}); // 3 bytes: padded
            writer.writePacket(raw, 1_700_000_001_000_000_000L, new byte[] {0x45, 1, 2, 3});
        }
        return out.toByteArray();
    }

    @Test
    void writesSectionInterfaceSecretsThenPacketsInOrder() throws Exception {
        List<int[]> blocks = blocks(sample());
        assertEquals(List.of(PcapngWriter.SECTION_HEADER, PcapngWriter.INTERFACE_DESCRIPTION,
                        PcapngWriter.DECRYPTION_SECRETS, PcapngWriter.ENHANCED_PACKET, PcapngWriter.ENHANCED_PACKET),
                blocks.stream().map(b -> b[0]).toList());
    }

    @Test
    void theSectionHeaderHasTheByteOrderMagicVersionOneAndAnUnknownLength() throws Exception {
        ByteBuffer in = ByteBuffer.wrap(sample()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x1A2B3C4D, in.getInt(8));
        assertEquals(1, in.getShort(12));
        assertEquals(0, in.getShort(14));
        assertEquals(-1L, in.getLong(16));
    }

    @Test
    void theInterfaceIsRawIpWithNanosecondTimestamps() throws Exception {
        byte[] file = sample();
        int[] idb = blocks(file).get(1);
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(LinkType.RAW.value(), in.getShort(idb[1] + 8));
        // options: if_name "phones" (6 bytes, padded to 8), then if_tsresol = 9
        int options = idb[1] + 16;
        assertEquals(2, in.getShort(options));
        assertEquals(6, in.getShort(options + 2));
        assertEquals(9, in.getShort(options + 12));
        assertEquals(1, in.getShort(options + 14));
        assertEquals(9, in.get(options + 16));
    }

    @Test
    void theSecretsBlockHoldsTheKeyLogAsTlsk() throws Exception {
        byte[] file = sample();
        int[] dsb = blocks(file).get(2);
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x544c534b, in.getInt(dsb[1] + 8));
        assertEquals(KEY_LOG.length, in.getInt(dsb[1] + 12));
        assertArrayEquals(KEY_LOG, Arrays.copyOfRange(file, dsb[1] + 16, dsb[1] + 16 + KEY_LOG.length));
        assertEquals(12 + 8 + PcapngWriter.padded(KEY_LOG.length), dsb[2]);
    }

    @Test
    void packetsReadBackWithTheirNanosecondTimestampsAndBytes() throws Exception {
        List<CapturedPacket> packets = PcapReader.read(sample(), "sample");
        assertEquals(2, packets.size());
        assertEquals(CapturedPacket.of(LinkType.RAW, 1_700_000_000_123_456_789L, new byte[] {0x45, 1, 2}), packets.get(0));
        assertEquals(CapturedPacket.of(LinkType.RAW, 1_700_000_001_000_000_000L, new byte[] {0x45, 1, 2, 3}),
                packets.get(1));
    }

    @Test
    void aPacketOnAnInterfaceNeverDescribedIsRefused() throws Exception {
        PcapngWriter writer = new PcapngWriter(new ByteArrayOutputStream(), "sipshield");
        writer.addInterface(LinkType.RAW, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> writer.writePacket(1, 0, new byte[1]));
        assertEquals("interfaceId: 1 names no interface; 1 added", e.getMessage());
    }
}
