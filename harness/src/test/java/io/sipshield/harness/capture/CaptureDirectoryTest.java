package io.sipshield.harness.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.capture.Direction;
import io.sipshield.emulator.capture.SrtpKeys;
import io.sipshield.emulator.capture.TappedPacket;
import io.sipshield.emulator.capture.Transport;
import io.sipshield.emulator.sdp.CryptoAttribute;
import io.sipshield.harness.pcap.CapturedPacket;
import io.sipshield.harness.pcap.LinkType;
import io.sipshield.harness.pcap.PcapReader;
import io.sipshield.harness.pcap.UdpDatagram;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ScenarioCapture} makes of tapped bytes and how {@link CaptureDirectory} lays out the files; no network. */
class CaptureDirectoryTest {

    private static final InetSocketAddress PHONE = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress PBX = new InetSocketAddress("127.0.0.1", 5061);
    private static final InetSocketAddress PHONE_RTP = new InetSocketAddress("127.0.0.1", 20000);
    private static final InetSocketAddress PBX_RTP = new InetSocketAddress("127.0.0.1", 30000);
    private static final String KEY = "AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";

    @TempDir
    Path dir;

    private static ScenarioCapture call() {
        ScenarioCapture capture = new ScenarioCapture();
        capture.opened(1_000, PHONE, PBX);
        capture.packet(new TappedPacket(2_000, PHONE, PBX, Direction.SENT, Transport.TCP, new byte[] {22, 3, 1}));
        capture.tlsKeyLog("CLIENT_RANDOM aa bb");
        capture.packet(new TappedPacket(3_000, PHONE, PBX, Direction.RECEIVED, Transport.TCP, new byte[] {22, 3, 3, 0}));
        capture.srtpKeys(new SrtpKeys(PHONE_RTP, PBX_RTP, CryptoAttribute.parseKeying(KEY),
                CryptoAttribute.parseKeying(KEY)));
        capture.packet(new TappedPacket(4_000, PHONE_RTP, PBX_RTP, Direction.SENT, Transport.UDP, new byte[] {(byte) 0x80, 0}));
        capture.packet(new TappedPacket(5_000, PHONE_RTP, PBX_RTP, Direction.RECEIVED, Transport.UDP, new byte[] {(byte) 0x80, 1}));
        capture.closed(6_000, PHONE, PBX);
        return capture;
    }

    @Test
    void tcpGetsItsHandshakeAndFinAroundTheTlsBytesAndUdpItsDatagrams() {
        CaptureContents contents = call().contents();
        assertEquals(3 + 2 + 2 + 3, contents.frames().size(), "SYN x3, two data segments, two datagrams, FIN x3");
        UdpDatagram back = UdpDatagram.parse(CapturedPacket.of(LinkType.RAW, 0, contents.frames().get(6).ipPacket()))
                .orElseThrow();
        assertEquals(PBX_RTP, back.source());
        assertEquals(PHONE_RTP, back.destination());
        assertEquals(List.of("CLIENT_RANDOM aa bb"), contents.keyLog());
        assertEquals(List.of(5061), contents.tlsServerPorts());
    }

    @Test
    void theSecretsBlockComesBeforeTheFirstPacket() throws Exception {
        WrittenCapture written = new CaptureDirectory(dir).write(Path.of("x.yaml"), call().contents());
        byte[] file = Files.readAllBytes(written.pcapng());
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> types = new ArrayList<>();
        for (int at = 0; at < file.length; at += in.getInt(at + 4)) {
            types.add(in.getInt(at));
        }
        assertEquals(List.of(0x0A0D0D0A, 1, 0x0A), types.subList(0, 3));
        assertEquals(10, types.subList(3, types.size()).stream().filter(type -> type == 6).count());
        List<CapturedPacket> packets = PcapReader.read(written.pcapng());
        assertEquals(1_000, packets.get(0).timestampNanos());
        assertEquals(6_000, packets.get(packets.size() - 1).timestampNanos());
    }

    @Test
    void port5061NeedsNoDecodeAs() throws Exception {
        WrittenCapture written = new CaptureDirectory(dir).write(Path.of("x.yaml"), call().contents());
        assertNull(written.decodeAs());
        assertEquals(List.of(), written.decodeAsPorts());
        assertFalse(Files.exists(dir.resolve("x.decode-as")));
        assertFalse(CaptureDirectory.comment(call().contents()).contains("Decode As"));
    }

    @Test
    void theSrtpKeysFileHasOneCryptoValuePerSenderThatDecryptPcapAccepts() throws Exception {
        WrittenCapture written = new CaptureDirectory(dir).write(Path.of("x.yaml"), call().contents());
        List<String> lines = Files.readAllLines(written.srtpKeys());
        List<String> values = lines.stream().filter(line -> !line.startsWith("#")).toList();
        assertEquals(2, values.size());
        for (String value : values) {
            assertEquals(CryptoAttribute.parseKeying(KEY).key(), CryptoAttribute.parseKeying(value).key());
        }
        assertTrue(lines.contains("# sent by the phone, 127.0.0.1:20000 -> 127.0.0.1:30000"), lines::toString);
        assertTrue(lines.contains("# sent by the peer, 127.0.0.1:30000 -> 127.0.0.1:20000"), lines::toString);
    }

    @Test
    void aNameTakenEarlierInTheRunGetsItsDirectoryInFront() throws Exception {
        CaptureDirectory captures = new CaptureDirectory(dir);
        CaptureContents contents = call().contents();
        assertEquals("echo.pcapng", captures.write(Path.of("digium", "echo.yaml"), contents).pcapng()
                .getFileName().toString());
        assertEquals("cisco-echo.pcapng", captures.write(Path.of("cisco", "echo.yml"), contents).pcapng()
                .getFileName().toString());
        assertEquals("cisco-echo-2.pcapng", captures.write(Path.of("cisco", "echo.yaml"), contents).pcapng()
                .getFileName().toString());
    }

    @Test
    void aCaptureWithoutSecretsHasNoSecretsBlockAndSaysWhy() throws Exception {
        ScenarioCapture capture = new ScenarioCapture();
        capture.tlsSecretsUnavailable("the JDK TLS provider cannot export its session secrets");
        capture.packet(new TappedPacket(2_000, PHONE, PBX, Direction.SENT, Transport.TCP, new byte[] {22}));
        WrittenCapture written = new CaptureDirectory(dir).write(Path.of("jdk.yaml"), capture.contents());
        byte[] file = Files.readAllBytes(written.pcapng());
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at < file.length; at += in.getInt(at + 4)) {
            assertTrue(in.getInt(at) != 0x0A, "no Decryption Secrets Block without secrets");
        }
        assertTrue(CaptureDirectory.comment(capture.contents())
                .endsWith("the JDK TLS provider cannot export its session secrets."));
        assertTrue(written.describe().endsWith("; the JDK TLS provider cannot export its session secrets"));
    }
}
