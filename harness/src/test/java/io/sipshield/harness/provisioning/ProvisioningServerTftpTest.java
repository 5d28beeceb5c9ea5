package io.sipshield.harness.provisioning;

import static io.sipshield.harness.provisioning.TestTftpClient.DATA;
import static io.sipshield.harness.provisioning.TestTftpClient.ERROR;
import static io.sipshield.harness.provisioning.TestTftpClient.OACK;
import static io.sipshield.harness.provisioning.TestTftpClient.RRQ;
import static io.sipshield.harness.provisioning.TestTftpClient.WRQ;
import static io.sipshield.harness.provisioning.TestTftpClient.ack;
import static io.sipshield.harness.provisioning.TestTftpClient.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.harness.provisioning.ProvisioningRequest.Status;
import io.sipshield.harness.provisioning.ProvisioningRequest.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class ProvisioningServerTftpTest {

    @TempDir
    Path temp;

    private Path served;
    private ProvisioningServer server;
    private TestTftpClient client;

    @BeforeEach
    void setUp() throws Exception {
        served = Files.createDirectories(temp.resolve("tftpboot"));
        Files.writeString(temp.resolve("secret.txt"), "not for phones");
        client = new TestTftpClient(5000);
    }

    @AfterEach
    void tearDown() {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    private InetSocketAddress start(ProvisioningServer.Builder builder) {
        server = builder.directory(served).bindAddress("127.0.0.1").withoutHttp().tftpPort(0).build().start();
        return server.tftpAddress();
    }

    private InetSocketAddress start() {
        return start(ProvisioningServer.builder());
    }

    private ProvisioningRequest taken() throws InterruptedException {
        ProvisioningRequest request = server.takeRequest(Duration.ofSeconds(10));
        assertNotNull(request, "no request recorded");
        return request;
    }

    @Test
    void aSmallFileComesInOneShortBlock() throws Exception {
        byte[] content = "<device><deviceSecurityMode>3</deviceSecurityMode></device>".getBytes(StandardCharsets.US_ASCII);
        Files.write(served.resolve("SEP001122334455.cnf.xml"), content);
        InetSocketAddress address = start();

        TestTftpClient.Download download = client.read(address, "SEP001122334455.cnf.xml");

        assertArrayEquals(content, download.content());
        assertEquals(List.of(content.length), download.blockLengths());
        assertNotEquals(address.getPort(), download.transferId().getPort(), "a transfer runs from a fresh port (RFC 1350 §4)");
        ProvisioningRequest request = taken();
        assertEquals(Transport.TFTP, request.transport());
        assertEquals("RRQ", request.method());
        assertEquals("SEP001122334455.cnf.xml", request.path());
        assertEquals("SEP001122334455.cnf.xml", request.servedFile());
        assertEquals(Status.SERVED, request.status());
        assertEquals(0, request.code());
        assertEquals(content.length, request.bytes());
        assertTrue(request.toLine().startsWith("TFTP 127.0.0.1:"), request.toLine());
    }

    @Test
    void anExactMultipleOf512EndsWithAnEmptyBlock() throws Exception {
        byte[] content = random(1024, 1);
        Files.write(served.resolve("ITLFile.tlv"), content);

        TestTftpClient.Download download = client.read(start(), "ITLFile.tlv");

        assertArrayEquals(content, download.content());
        assertEquals(List.of(512, 512, 0), download.blockLengths());
        assertEquals(1024, taken().bytes());
    }

    @Test
    void anEmptyFileIsOneEmptyBlock() throws Exception {
        Files.write(served.resolve("empty.txt"), new byte[0]);

        TestTftpClient.Download download = client.read(start(), "empty.txt");

        assertEquals(List.of(0), download.blockLengths());
        assertEquals(Status.SERVED, taken().status());
    }

    @Test
    void aLargeFileComesWhole() throws Exception {
        byte[] content = random(3 * 1024 * 1024 + 77, 2);
        Files.write(served.resolve("firmware.loads"), content);

        TestTftpClient.Download download = client.read(start(), "firmware.loads");

        assertArrayEquals(content, download.content());
        assertEquals(content.length / 512 + 1, download.blockLengths().size());
        assertEquals(content.length, taken().bytes());
    }

    @Test
    void aLeadingSlashNamesTheSameFile() throws Exception {
        Files.writeString(served.resolve("CTLSEP001122334455.tlv"), "ctl");

        assertArrayEquals("ctl".getBytes(StandardCharsets.US_ASCII),
                client.read(start(), "/CTLSEP001122334455.tlv").content());
    }

    @Test
    void aMissingFileIsError1() throws Exception {
        InetSocketAddress address = start();
        client.send(request(RRQ, "CTLSEP001122334455.tlv", "octet"), address);

        TestTftpClient.Packet answer = client.receive();

        assertEquals(ERROR, answer.opcode());
        assertEquals(1, answer.number());
        ProvisioningRequest request = taken();
        assertEquals(Status.NOT_FOUND, request.status());
        assertEquals(1, request.code());
        assertEquals("", request.servedFile());
        assertTrue(request.toLine().contains("NOT_FOUND (error 1)"), request.toLine());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.txt", "/../secret.txt", "sub/../../secret.txt", "..", "..\\secret.txt",
            "./../secret.txt", "a/b/../../../secret.txt"})
    void aNameLeavingTheDirectoryIsError2(String name) throws Exception {
        Files.createDirectories(served.resolve("sub"));
        Files.createDirectories(served.resolve("a/b"));
        InetSocketAddress address = start();
        client.send(request(RRQ, name, "octet"), address);

        TestTftpClient.Packet answer = client.receive();

        assertEquals(ERROR, answer.opcode());
        assertEquals(2, answer.number(), answer.text());
        ProvisioningRequest request = taken();
        assertEquals(Status.FORBIDDEN, request.status());
        assertEquals(name, request.path());
        assertEquals(0, request.bytes());
    }

    @Test
    void aDirectoryIsError2() throws Exception {
        Files.createDirectories(served.resolve("locales"));
        InetSocketAddress address = start();
        client.send(request(RRQ, "locales", "octet"), address);

        TestTftpClient.Packet answer = client.receive();

        assertEquals(ERROR, answer.opcode());
        assertEquals(2, answer.number());
        assertEquals(Status.FORBIDDEN, taken().status());
    }

    @Test
    void aSymbolicLinkOutOfTheDirectoryIsError2() throws Exception {
        Files.createSymbolicLink(served.resolve("link.txt"), temp.resolve("secret.txt"));
        InetSocketAddress address = start();
        client.send(request(RRQ, "link.txt", "octet"), address);

        TestTftpClient.Packet answer = client.receive();

        assertEquals(ERROR, answer.opcode());
        assertEquals(2, answer.number());
    }

    @Test
    void aWriteRequestIsError4AndWritesNothing() throws Exception {
        InetSocketAddress address = start();
        client.send(request(WRQ, "SEP001122334455.cnf.xml", "octet"), address);

        TestTftpClient.Packet answer = client.receive();

        assertEquals(ERROR, answer.opcode());
        assertEquals(4, answer.number());
        assertTrue(Files.notExists(served.resolve("SEP001122334455.cnf.xml")));
        ProvisioningRequest request = taken();
        assertEquals("WRQ", request.method());
        assertEquals(Status.NOT_ALLOWED, request.status());
        assertEquals(4, request.code());
    }

    @Test
    void mailModeIsError4() throws Exception {
        Files.writeString(served.resolve("a.txt"), "a");
        InetSocketAddress address = start();
        client.send(request(RRQ, "a.txt", "mail"), address);

        TestTftpClient.Packet answer = client.receive();

        assertEquals(ERROR, answer.opcode());
        assertEquals(4, answer.number());
        assertEquals(Status.NOT_ALLOWED, taken().status());
    }

    @Test
    void aRequestWithoutTerminatorsIsError4() throws Exception {
        InetSocketAddress address = start();
        client.send(new byte[] {0, 1, 'a', 'b'}, address);

        TestTftpClient.Packet answer = client.receive();

        assertEquals(ERROR, answer.opcode());
        assertEquals(4, answer.number());
        assertEquals(Status.BAD_REQUEST, taken().status());
    }

    @Test
    void netasciiTurnsLineEndsIntoCrLf() throws Exception {
        Files.writeString(served.resolve("text.cfg"), "a\nb\r\nc\rd");
        InetSocketAddress address = start();
        client.send(request(RRQ, "text.cfg", "NetASCII"), address);

        TestTftpClient.Download download = client.receiveBlocks(512, 1);

        assertArrayEquals(new byte[] {'a', '\r', '\n', 'b', '\r', '\n', 'c', '\r', 0, 'd'}, download.content());
    }

    @Test
    void aLostAckMakesTheServerSendTheBlockAgain() throws Exception {
        byte[] content = random(700, 3);
        Files.write(served.resolve("SoftKeys.xml"), content);
        InetSocketAddress address = start(ProvisioningServer.builder().tftpTimeout(Duration.ofMillis(200)));
        client.send(request(RRQ, "SoftKeys.xml", "octet"), address);

        TestTftpClient.Packet first = client.receive();
        // the ACK for block 1 is "lost": nothing sent
        TestTftpClient.Packet again = client.receive();

        assertEquals(DATA, again.opcode());
        assertEquals(1, again.number());
        assertArrayEquals(first.payload(), again.payload());
        client.send(ack(1), again.sender());
        TestTftpClient.Download rest = client.receiveBlocks(512, 2);
        assertEquals(List.of(700 - 512), rest.blockLengths());
        ProvisioningRequest request = taken();
        assertEquals(Status.SERVED, request.status());
        assertEquals(700, request.bytes());
        assertTrue(request.detail().contains("retransmission"), request.detail());
    }

    @Test
    void aClientThatStopsAcknowledgingIsRecordedIncomplete() throws Exception {
        Files.write(served.resolve("big.bin"), random(4096, 4));
        InetSocketAddress address = start(ProvisioningServer.builder().tftpTimeout(Duration.ofMillis(100)).tftpRetries(2));
        client.send(request(RRQ, "big.bin", "octet"), address);

        int copies = 0;
        for (TestTftpClient.Packet packet = client.receive(); packet != null; packet = client.receiveOrNull()) {
            assertEquals(1, packet.number());
            copies++;
            if (copies == 3) {
                break;
            }
        }

        ProvisioningRequest request = taken();
        assertEquals(Status.INCOMPLETE, request.status());
        assertEquals(0, request.bytes());
        assertTrue(request.detail().contains("no ACK for block 1 after 3 tries"), request.detail());
        assertEquals(3, copies);
    }

    @Test
    void aDuplicateAckDoesNotResendTheNextBlock() throws Exception {
        byte[] content = random(1500, 5);
        Files.write(served.resolve("Ringlist.xml"), content);
        InetSocketAddress address = start();
        client.send(request(RRQ, "Ringlist.xml", "octet"), address);

        TestTftpClient.Packet block1 = client.receive();
        client.send(ack(1), block1.sender());
        client.send(ack(1), block1.sender()); // duplicate: must not trigger a second block 2
        TestTftpClient.Packet block2 = client.receive();
        client.send(ack(2), block2.sender());
        TestTftpClient.Packet next = client.receive();

        assertEquals(2, block2.number());
        assertEquals(3, next.number(), "block 2 was sent twice (Sorcerer's Apprentice)");
        client.send(ack(3), next.sender());
        assertEquals(Status.SERVED, taken().status());
    }

    @Test
    void aPacketFromAnotherPortGetsError5AndTheTransferGoesOn() throws Exception {
        byte[] content = random(600, 6);
        Files.write(served.resolve("DialTemplate.xml"), content);
        InetSocketAddress address = start();
        client.send(request(RRQ, "DialTemplate.xml", "octet"), address);
        TestTftpClient.Packet block1 = client.receive();

        try (TestTftpClient stranger = new TestTftpClient(5000)) {
            stranger.send(ack(1), block1.sender());
            TestTftpClient.Packet answer = stranger.receive();
            assertEquals(ERROR, answer.opcode());
            assertEquals(5, answer.number());
        }
        client.send(ack(1), block1.sender());
        TestTftpClient.Download rest = client.receiveBlocks(512, 2);
        assertEquals(600 - 512, rest.content().length);
        assertEquals(Status.SERVED, taken().status());
    }

    @Test
    void blksizeAndTsizeAreAcknowledgedInAnOack() throws Exception {
        byte[] content = random(2500, 7);
        Files.write(served.resolve("g3-tones.xml"), content);
        InetSocketAddress address = start();
        client.send(request(RRQ, "g3-tones.xml", "octet", "blksize", "1024", "tsize", "0", "windowsize", "4"), address);

        TestTftpClient.Packet oack = client.receive();
        assertEquals(OACK, oack.opcode());
        assertEquals(Map.of("blksize", "1024", "tsize", "2500"), oack.options());
        client.send(ack(0), oack.sender());
        TestTftpClient.Download download = client.receiveBlocks(1024, 1);

        assertArrayEquals(content, download.content());
        assertEquals(List.of(1024, 1024, 452), download.blockLengths());
        assertTrue(taken().detail().contains("blksize 1024"));
    }

    @Test
    void blksizeIsCappedAtTheConfiguredMaximum() throws Exception {
        Files.write(served.resolve("a.bin"), random(100, 8));
        InetSocketAddress address = start(ProvisioningServer.builder().tftpMaxBlockSize(1428));
        client.send(request(RRQ, "a.bin", "octet", "blksize", "8192"), address);

        assertEquals(Map.of("blksize", "1428"), client.receive().options());
    }

    @Test
    void anOutOfRangeBlksizeIsIgnored() throws Exception {
        Files.write(served.resolve("a.bin"), random(100, 9));
        InetSocketAddress address = start();
        client.send(request(RRQ, "a.bin", "octet", "blksize", "4"), address);

        TestTftpClient.Packet first = client.receive();

        assertEquals(DATA, first.opcode(), "no OACK when no option was accepted: block 1 straight away");
        assertEquals(1, first.number());
    }

    @Test
    void anAckOnTheRequestPortIsError4() throws Exception {
        InetSocketAddress address = start();
        client.send(ack(1), address);

        TestTftpClient.Packet answer = client.receive();

        assertEquals(ERROR, answer.opcode());
        assertEquals(4, answer.number());
    }

    @Test
    void closingTheServerStopsTheTransport() throws Exception {
        Files.writeString(served.resolve("a.txt"), "a");
        InetSocketAddress address = start();
        server.close();
        try (TestTftpClient late = new TestTftpClient(300)) {
            late.send(request(RRQ, "a.txt", "octet"), address);
            assertNull(late.receiveOrNull());
        }
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
