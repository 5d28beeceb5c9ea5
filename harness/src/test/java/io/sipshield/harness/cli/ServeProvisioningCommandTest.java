package io.sipshield.harness.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.CertificateSpec;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.KeyAlgorithm;
import io.sipshield.certs.format.AsteriskTlsFiles;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ServeProvisioningCommandTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final Pattern LISTENING = Pattern.compile(
            "provisioning server for .*: HTTP 127\\.0\\.0\\.1:(\\d+) HTTPS 127\\.0\\.0\\.1:(\\d+) TFTP 127\\.0\\.0\\.1:(\\d+)");
    private static final String CONFIG = "SEP001122334455.cnf.xml";

    @TempDir
    Path dir;

    private Path tftpboot() throws Exception {
        Path served = Files.createDirectories(dir.resolve("tftpboot"));
        Files.writeString(served.resolve(CONFIG), "<device/>\n");
        return served;
    }

    private Path pem(String name, String... blocks) throws Exception {
        return Files.writeString(dir.resolve(name), String.join("", blocks));
    }

    @Test
    void servesADirectoryAloneOverHttpHttpsAndTftpAndLogsEachRequest() throws Exception {
        Path served = tftpboot();
        IssuedCertificate ec = CertificateSpec.leaf("localhost").sanIp("127.0.0.1").serverAuth()
                .keyAlgorithm(KeyAlgorithm.EC_P256).issuedBy(PKI.get(FixtureName.TEST_ROOT_EC)).build();
        Path cert = pem("https.pem", ec.certificatePem());
        Path key = pem("https.key", ec.privateKeyPem());
        CliConsole cli = new CliConsole();
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(() -> cli.run("serve",
                "--provisioning", served.toString(), "--bind", "127.0.0.1", "--http-port", "0", "--https-port", "0",
                "--https-cert", cert.toString(), "--https-key", key.toString(), "--tftp-port", "0", "--for", "8"));
        await().atMost(Duration.ofSeconds(20)).until(() -> LISTENING.matcher(cli.out()).find());
        Matcher ports = LISTENING.matcher(cli.out());
        assertTrue(ports.find());

        HttpResponse<String> http = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ports.group(1) + "/" + CONFIG)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> https = trusting(ec).send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + ports.group(2) + "/" + CONFIG + ".sgn")).build(),
                HttpResponse.BodyHandlers.ofString());
        byte[] tftp = tftpRead(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(ports.group(3))), CONFIG);

        assertEquals("<device/>\n", http.body());
        assertEquals("<device/>\n", https.body());
        assertArrayEquals("<device/>\n".getBytes(StandardCharsets.US_ASCII), tftp);
        await().atMost(Duration.ofSeconds(10)).until(() -> cli.out().contains("provisioning TFTP"));
        assertEquals(0, serving.get(30, TimeUnit.SECONDS), cli.out());
        String log = cli.out();
        assertTrue(log.matches("(?s).*provisioning HTTP 127\\.0\\.0\\.1:\\d+ GET /" + Pattern.quote(CONFIG)
                + ": SERVED \\(200\\), 10 bytes.*"), log);
        assertTrue(log.contains(".sgn -> " + CONFIG + ": SERVED (200)"), log);
        assertTrue(log.matches("(?s).*provisioning TFTP 127\\.0\\.0\\.1:\\d+ RRQ " + Pattern.quote(CONFIG)
                + ": SERVED, 10 bytes.*"), log);
        assertTrue(!log.contains("warning"), log);
    }

    @Test
    void servesTogetherWithTheMock() throws Exception {
        Path served = tftpboot();
        Path fixtures = Path.of("..", "..", "shared", "fixtures", "asterisk");
        AsteriskTlsFiles.in(Files.createDirectories(dir.resolve("keys")))
                .write(PKI.get(FixtureName.PBX_SERVER), List.of(PKI.get(FixtureName.TEST_ROOT).certificate()));
        for (String name : List.of("pjsip.conf", "extensions.conf")) {
            Files.writeString(dir.resolve(name), Files.readString(fixtures.resolve(name)).replace("@RUN_DIR@", dir.toString()));
        }
        CliConsole cli = new CliConsole();

        int exit = cli.run("serve", "--config", dir.toString(), "--port", "0", "--provisioning", served.toString(),
                "--bind", "127.0.0.1", "--http-port", "0", "--tftp-port", "0", "--no-console", "--for", "1");

        assertEquals(0, exit, cli.out());
        assertTrue(cli.out().matches("(?s).*provisioning server for .*: HTTP 127\\.0\\.0\\.1:\\d+ TFTP 127\\.0\\.0\\.1:\\d+.*"),
                cli.out());
        assertTrue(cli.out().contains("listening on 127.0.0.1:"), cli.out());
    }

    @Test
    void anRsaCertificateIsServedWithAWarningForCiscoPhones() throws Exception {
        IssuedCertificate rsa = PKI.get(FixtureName.PBX_SERVER);
        Path both = pem("rsa.pem", rsa.certificatePem(), rsa.privateKeyPem());
        CliConsole cli = new CliConsole();

        int exit = cli.run("serve", "--provisioning", tftpboot().toString(), "--bind", "127.0.0.1",
                "--http-port", "0", "--https-port", "0", "--https-cert", both.toString(), "--tftp-port", "0", "--for", "0");

        assertEquals(0, exit, cli.out());
        assertTrue(cli.out().contains("warning: --https-cert has a RSA key: Cisco phones accept only an EC key"),
                cli.out());
    }

    @Test
    void neitherConfigNorProvisioningIsUnusableInput() {
        String err = refused("serve");
        assertTrue(err.contains("--config DIR") && err.contains("--provisioning DIR"), err);
    }

    @Test
    void provisioningOptionsWithoutProvisioningAreUnusableInput() throws Exception {
        Path config = dir;
        String err = refused("serve", "--config", config.toString(), "--tftp-port", "6969");
        assertTrue(err.contains("--tftp-port belong(s) to the provisioning server: add --provisioning DIR"), err);
    }

    @Test
    void mockOptionsWithoutConfigAreUnusableInput() throws Exception {
        String err = refused("serve", "--provisioning", tftpboot().toString(), "--port", "5061");
        assertTrue(err.contains("configure the mock Asterisk: add --config DIR"), err);
    }

    @Test
    void anHttpsPortWithoutACertificateIsUnusableInput() throws Exception {
        String err = refused("serve", "--provisioning", tftpboot().toString(), "--https-port", "0");
        assertTrue(err.contains("--https-port needs --https-cert FILE"), err);
    }

    @Test
    void aKeyOfAnotherCertificateIsUnusableInput() throws Exception {
        IssuedCertificate ec = PKI.get(FixtureName.PBX_SERVER_EC);
        Path cert = pem("ec.pem", ec.certificatePem());
        Path otherKey = pem("other.key", PKI.get(FixtureName.PBX_SERVER).privateKeyPem());
        String err = refused("serve", "--provisioning", tftpboot().toString(), "--https-cert", cert.toString(),
                "--https-key", otherKey.toString());
        assertTrue(err.contains("--https-key: the private key does not belong to the first certificate"), err);
    }

    @Test
    void aCertificateWithoutKeyIsUnusableInput() throws Exception {
        Path cert = pem("ec.pem", PKI.get(FixtureName.PBX_SERVER_EC).certificatePem());
        String err = refused("serve", "--provisioning", tftpboot().toString(), "--https-cert", cert.toString());
        assertTrue(err.contains("holds no private key; give it with --https-key FILE"), err);
    }

    @Test
    void aMissingDirectoryIsUnusableInput() {
        String err = refused("serve", "--provisioning", dir.resolve("nowhere").toString());
        assertTrue(err.contains("nowhere: not a directory"), err);
    }

    @Test
    void aPortInUseIsUnusableInputNamingIt() throws Exception {
        try (DatagramSocket busy = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String err = refused("serve", "--provisioning", tftpboot().toString(), "--bind", "127.0.0.1",
                    "--http-port", "0", "--tftp-port", String.valueOf(busy.getLocalPort()));
            assertTrue(err.contains("cannot listen for TFTP on 127.0.0.1:" + busy.getLocalPort()), err);
        }
    }

    private static String refused(String... args) {
        CliConsole cli = new CliConsole();
        assertEquals(2, cli.run(args), cli.err());
        assertTrue(cli.err().startsWith("sipshield serve: "), cli.err());
        return cli.err();
    }

    private static HttpClient trusting(IssuedCertificate leaf) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("root", leaf.chain().get(leaf.chain().size() - 1));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }

    /** One RRQ in octet mode, for a file under 512 bytes: DATA 1, ACK 1. */
    private static byte[] tftpRead(InetSocketAddress server, String name) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(5000);
            ByteBuffer request = ByteBuffer.allocate(100).putShort((short) 1)
                    .put(name.getBytes(StandardCharsets.US_ASCII)).put((byte) 0)
                    .put("octet".getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
            socket.send(new DatagramPacket(request.array(), request.position(), server));
            DatagramPacket data = new DatagramPacket(new byte[600], 600);
            socket.receive(data);
            ByteBuffer packet = ByteBuffer.wrap(data.getData(), 0, data.getLength());
            assertEquals(3, packet.getShort(), "DATA");
            assertEquals(1, packet.getShort(), "block 1");
            byte[] content = Arrays.copyOfRange(data.getData(), 4, data.getLength());
            byte[] ack = ByteBuffer.allocate(4).putShort((short) 4).putShort((short) 1).array();
            socket.send(new DatagramPacket(ack, 4, data.getSocketAddress()));
            return content;
        }
    }
}
