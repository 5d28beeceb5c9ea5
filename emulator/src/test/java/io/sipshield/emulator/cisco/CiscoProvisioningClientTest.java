package io.sipshield.emulator.cisco;

import static io.sipshield.emulator.cisco.CiscoTestPki.ASTERISK;
import static io.sipshield.emulator.cisco.CiscoTestPki.MAC;
import static io.sipshield.emulator.cisco.CiscoTestPki.SAST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.CertificateSpec;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.cisco.FormatVersion;
import io.sipshield.certs.cisco.TrustListFile;
import io.sipshield.certs.cisco.TrustListRole;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class CiscoProvisioningClientTest {

    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private static final String CONFIG = MAC.configFileName();
    private static final String SIGNED_CONFIG = CONFIG + ".sgn";
    /** An RSA certificate pinned as TFTP: signs files, but may not serve HTTPS (needs EC). */
    private static final IssuedCertificate APACHE_RSA = CertificateSpec.leaf("127.0.0.1").sanIp("127.0.0.1")
            .serverAuth().issuedBy(SAST).build();

    @TempDir
    Path state;
    private TestProvisioningServer server;
    private CiscoTrustStore store;

    @BeforeEach
    void start() throws IOException {
        server = new TestProvisioningServer();
        store = CiscoTrustStore.open(state, MAC);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private CiscoProvisioningClient.Builder client() {
        return CiscoProvisioningClient.builder().trustStore(store).server("127.0.0.1")
                .httpPort(server.httpPort()).tftpPort(server.tftp.port()).eventLoops(LOOPS)
                .timeout(Duration.ofSeconds(5)).tftpRetransmission(Duration.ofMillis(200), 3);
    }

    private ProvisioningResult provision() throws Exception {
        return client().build().provision().get(30, TimeUnit.SECONDS);
    }

    private static String text(ProvisioningResult result) {
        return new String(result.config().orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void withoutTrustListsThePhoneFetchesInOrderAndTakesTheUnsignedConfig() throws Exception {
        server.files.put(CONFIG, CiscoTestPki.config());

        ProvisioningResult result = provision();

        assertEquals(List.of("HTTP " + MAC.ctlFileName(), "HTTP " + MAC.itlFileName(), "HTTP ITLFile.tlv", "HTTP " + CONFIG),
                server.requests());
        assertEquals(CiscoTestPki.CONFIG, text(result));
        assertEquals(ProvisioningTransport.HTTP, result.configSource().orElseThrow());
        List<ProvisioningLog.Entry> log = result.log().entries();
        assertEquals(ProvisioningLog.Decision.ABSENT, log.get(0).decision(), result.log()::toString);
        assertEquals(ProvisioningLog.Decision.ACCEPTED, result.log().last(CONFIG).orElseThrow().decision());
    }

    @Test
    void aSignedConfigVerifiedByTheTftpRecordIsAccepted() throws Exception {
        server.files.put("ITLFile.tlv", CiscoTestPki.ccmOnlyItl().toBuilder().signedBy(SAST)
                .add(TrustListRole.TFTP, ASTERISK.certificate()).build().toBytes());
        server.files.put(SIGNED_CONFIG, CiscoTestPki.signedConfig(SIGNED_CONFIG).toBytes());

        ProvisioningResult result = provision();

        assertEquals(ProvisioningLog.Decision.INSTALLED, result.log().last("ITLFile.tlv").orElseThrow().decision());
        assertEquals(SIGNED_CONFIG, result.configName());
        assertEquals(CiscoTestPki.CONFIG, text(result), result.log()::toString);
        assertTrue(result.log().last(SIGNED_CONFIG).orElseThrow().reason().startsWith("signature verified"));
    }

    @Test
    void aTamperedSignedConfigIsRejected() throws Exception {
        server.files.put("ITLFile.tlv", CiscoTestPki.itl("ITLFile.tlv").signerVersion(FormatVersion.SIGNER_1_0).build().toBytes());
        byte[] tampered = CiscoTestPki.signedConfig(SIGNED_CONFIG).toBytes();
        tampered[tampered.length - 10] ^= 0x20;
        server.files.put(SIGNED_CONFIG, tampered);

        ProvisioningResult result = provision();

        ProvisioningLog.Entry entry = result.log().last(SIGNED_CONFIG).orElseThrow();
        assertEquals(ProvisioningLog.Decision.REJECTED, entry.decision(), result.log()::toString);
        assertTrue(entry.reason().contains("does not verify"), entry::reason);
        assertTrue(result.config().isEmpty());
    }

    @Test
    void aSignedConfigNamingAnotherFileIsRejected() throws Exception {
        server.files.put("ITLFile.tlv", CiscoTestPki.itl("ITLFile.tlv").signerVersion(FormatVersion.SIGNER_1_0).build().toBytes());
        server.files.put(SIGNED_CONFIG, CiscoTestPki.signedConfig("SEP665544332211.cnf.xml.sgn").toBytes());

        ProvisioningResult result = provision();

        ProvisioningLog.Entry entry = result.log().last(SIGNED_CONFIG).orElseThrow();
        assertEquals(ProvisioningLog.Decision.REJECTED, entry.decision(), result.log()::toString);
        assertTrue(entry.reason().contains("FILENAME is 'SEP665544332211.cnf.xml.sgn'"), entry::reason);
    }

    @Test
    void anUnsignedConfigIsRejectedWhenTheTrustListHasATftpRole() throws Exception {
        server.files.put("ITLFile.tlv", CiscoTestPki.itl("ITLFile.tlv").signerVersion(FormatVersion.SIGNER_1_0).build().toBytes());
        server.files.put(SIGNED_CONFIG, CiscoTestPki.config());   // a rewrite rule serving the plain file on 6970

        ProvisioningResult result = provision();

        ProvisioningLog.Entry entry = result.log().last(SIGNED_CONFIG).orElseThrow();
        assertEquals(ProvisioningLog.Decision.REJECTED, entry.decision(), result.log()::toString);
        assertTrue(entry.reason().startsWith("unsigned content"), entry::reason);
        assertTrue(result.config().isEmpty());
    }

    @Test
    void aConfigSignedByAKeyOutsideTheTrustStoreIsRejected() throws Exception {
        server.files.put("ITLFile.tlv", CiscoTestPki.itl("ITLFile.tlv").signerVersion(FormatVersion.SIGNER_1_0).build().toBytes());
        server.files.put(SIGNED_CONFIG, io.sipshield.certs.cisco.SignedFile.builder().signedBy(APACHE_RSA)
                .payload(CiscoTestPki.config()).filename(SIGNED_CONFIG).build().toBytes());

        ProvisioningResult result = provision();

        ProvisioningLog.Entry entry = result.log().last(SIGNED_CONFIG).orElseThrow();
        assertEquals(ProvisioningLog.Decision.REJECTED, entry.decision(), result.log()::toString);
        assertTrue(entry.reason().contains("none of the trust store's"), entry::reason);
    }

    @Test
    void httpsWithAnEcCertificatePinnedAsTftpServesTheConfig() throws Exception {
        server.withHttps(CiscoTestPki.APACHE_EC);
        server.files.put("ITLFile.tlv", CiscoTestPki.itl("ITLFile.tlv").build().toBytes());   // signer version 1.1
        server.httpsFiles.put(SIGNED_CONFIG, CiscoTestPki.config());                         // plain content on 6971

        ProvisioningResult result = client().httpsPort(server.httpsPort()).build().provision().get(30, TimeUnit.SECONDS);

        assertEquals(ProvisioningTransport.HTTPS, result.configSource().orElseThrow(), result.log()::toString);
        assertEquals(CiscoTestPki.CONFIG, text(result));
        assertEquals("HTTPS " + SIGNED_CONFIG, server.requests().get(server.requests().size() - 1));
    }

    @Test
    void httpsWithAnRsaCertificateIsRefusedAndThePhoneFallsBackToHttp() throws Exception {
        server.withHttps(APACHE_RSA);
        server.files.put("ITLFile.tlv", CiscoTestPki.itl("ITLFile.tlv")
                .add(TrustListRole.TFTP, APACHE_RSA.certificate()).build().toBytes());
        server.httpsFiles.put(SIGNED_CONFIG, CiscoTestPki.config());
        server.files.put(SIGNED_CONFIG, CiscoTestPki.signedConfig(SIGNED_CONFIG).toBytes());

        ProvisioningResult result = client().httpsPort(server.httpsPort()).build().provision().get(30, TimeUnit.SECONDS);

        ProvisioningLog.Entry refused = result.log().entries().stream()
                .filter(e -> e.transport() == ProvisioningTransport.HTTPS).findFirst().orElseThrow();
        assertEquals(FetchResult.Status.REFUSED, refused.status(), result.log()::toString);
        assertEquals(ProvisioningLog.Decision.FALLBACK, refused.decision());
        assertTrue(refused.reason().contains("EC key"), refused::reason);
        assertEquals(ProvisioningTransport.HTTP, result.configSource().orElseThrow(), result.log()::toString);
        assertEquals(CiscoTestPki.CONFIG, text(result));
        assertFalse(server.requests().contains("HTTPS " + SIGNED_CONFIG), server.requests()::toString);
    }

    @Test
    void withoutHttpThePhoneFallsBackToTftpForEveryFile() throws Exception {
        server.files.put("ITLFile.tlv", CiscoTestPki.itl("ITLFile.tlv").signerVersion(FormatVersion.SIGNER_1_0).build().toBytes());
        byte[] large = new byte[1500];   // three blocks: 512, 512, 476
        byte[] config = CiscoTestPki.config();
        System.arraycopy(config, 0, large, 0, config.length);
        java.util.Arrays.fill(large, config.length, large.length, (byte) ' ');
        server.files.put(SIGNED_CONFIG, io.sipshield.certs.cisco.SignedFile.builder().signedBy(ASTERISK)
                .payload(large).filename(SIGNED_CONFIG).build().toBytes());

        ProvisioningResult result = client().httpPort(closedTcpPort()).build().provision().get(30, TimeUnit.SECONDS);

        assertEquals(List.of(MAC.ctlFileName(), MAC.itlFileName(), "ITLFile.tlv", SIGNED_CONFIG), server.tftp.requests());
        assertEquals(ProvisioningLog.Decision.FALLBACK, result.log().entries().get(0).decision(), result.log()::toString);
        assertEquals(ProvisioningLog.Decision.ABSENT, result.log().last(MAC.ctlFileName()).orElseThrow().decision());
        assertEquals(ProvisioningTransport.TFTP, result.log().last("ITLFile.tlv").orElseThrow().transport());
        assertEquals(ProvisioningTransport.TFTP, result.configSource().orElseThrow(), result.log()::toString);
        assertArrayEquals(large, result.config().orElseThrow());
    }

    @Test
    void theStoreSurvivesTheRunAndARogueItlOnTheNextBootIsRejected() throws Exception {
        server.files.put("ITLFile.tlv", CiscoTestPki.itl("ITLFile.tlv").signerVersion(FormatVersion.SIGNER_1_0).build().toBytes());
        provision();
        server.files.put("ITLFile.tlv", TrustListFile.builder().signedBy(CiscoTestPki.ROGUE_SAST).filename("ITLFile.tlv")
                .build().toBytes());
        store = CiscoTrustStore.open(state, MAC);

        ProvisioningResult second = provision();

        assertEquals(ProvisioningLog.Decision.REJECTED, second.log().last("ITLFile.tlv").orElseThrow().decision());
        assertEquals(SIGNED_CONFIG, second.configName(), "the stored TFTP role still asks for the signed file");
    }

    private static int closedTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void tftpRetransmitsAnUnansweredRequestAndReAcknowledgesDuplicates() throws Exception {
        server.files.put(CONFIG, CiscoTestPki.config());
        server.tftp.ignoreRequests(1);
        server.tftp.duplicateFirstBlock();
        TftpFetcher tftp = new TftpFetcher(LOOPS, Duration.ofMillis(200), 3);

        FetchResult result = tftp.get(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), server.tftp.port()), CONFIG)
                .get(10, TimeUnit.SECONDS);

        assertEquals(FetchResult.Status.OK, result.status(), result::toString);
        assertEquals(List.of(CONFIG, CONFIG), server.tftp.requests());
        assertArrayEquals(CiscoTestPki.config(), result.body());
    }

    @Test
    void tftpReportsAMissingFileAndASilentServer() throws Exception {
        TftpFetcher tftp = new TftpFetcher(LOOPS, Duration.ofMillis(100), 2);
        FetchResult missing = tftp.get(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), server.tftp.port()), "nope.xml")
                .get(10, TimeUnit.SECONDS);
        int silentPort;
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silentPort = silent.getLocalPort();
            FetchResult timedOut = tftp.get(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), silentPort), "x.xml")
                    .get(10, TimeUnit.SECONDS);
            assertEquals(FetchResult.Status.UNREACHABLE, timedOut.status(), timedOut::toString);
            assertTrue(timedOut.detail().contains("after 3 tries"), timedOut::detail);
        }
        assertEquals(FetchResult.Status.NOT_FOUND, missing.status(), missing::toString);
        assertTrue(missing.detail().startsWith("TFTP error 1 (file not found)"), missing::detail);
    }

    @Test
    void exactMultiplesOf512EndWithAnEmptyBlock() throws Exception {
        byte[] file = new byte[1024];
        new java.util.Random(5).nextBytes(file);
        server.files.put("two-blocks.bin", file);
        TftpFetcher tftp = new TftpFetcher(LOOPS, Duration.ofMillis(200), 3);

        FetchResult result = tftp.get(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), server.tftp.port()), "two-blocks.bin")
                .get(10, TimeUnit.SECONDS);

        assertArrayEquals(file, result.body());
        assertTrue(result.detail().startsWith("TFTP 3 block(s)"), result::detail);
    }

    @Test
    void httpResponsesAreReadWithLengthChunkedOrToClose() {
        byte[] chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals("abcde", new String(HttpResponseBytes.parse(chunked).body(), StandardCharsets.US_ASCII));
        HttpResponseBytes notFound = HttpResponseBytes.parse("HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nabcXYZ"
                .getBytes(StandardCharsets.US_ASCII));
        assertEquals(404, notFound.status());
        assertEquals("abc", new String(notFound.body(), StandardCharsets.US_ASCII));
        assertEquals("rest", new String(HttpResponseBytes.parse("HTTP/1.0 200 OK\r\n\r\nrest".getBytes(StandardCharsets.US_ASCII)).body(),
                StandardCharsets.US_ASCII));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> HttpResponseBytes.parse("SIP/2.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage().contains("not an HTTP status line"), e::getMessage);
    }

}
