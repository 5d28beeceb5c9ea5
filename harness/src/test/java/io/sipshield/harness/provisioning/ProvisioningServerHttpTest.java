package io.sipshield.harness.provisioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.SslProvider;
import io.sipshield.certs.CertificateSpec;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.KeyAlgorithm;
import io.sipshield.harness.provisioning.ProvisioningRequest.Status;
import io.sipshield.harness.provisioning.ProvisioningRequest.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class ProvisioningServerHttpTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final String CONFIG = "SEP001122334455.cnf.xml";
    private static final String CONFIG_XML = "<device><deviceSecurityMode>3</deviceSecurityMode></device>\n";

    @TempDir
    Path temp;

    private Path served;
    private ProvisioningServer server;

    @BeforeEach
    void setUp() throws Exception {
        served = Files.createDirectories(temp.resolve("tftpboot"));
        Files.writeString(temp.resolve("secret.txt"), "not for phones");
        Files.writeString(served.resolve(CONFIG), CONFIG_XML);
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private ProvisioningServer start(ProvisioningServer.Builder builder) {
        server = builder.directory(served).bindAddress("127.0.0.1").httpPort(0).withoutTftp().build().start();
        return server;
    }

    private static HttpClient plain() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    private ProvisioningRequest taken() throws InterruptedException {
        ProvisioningRequest request = server.takeRequest(Duration.ofSeconds(10));
        assertNotNull(request, "no request recorded");
        return request;
    }

    @Test
    void getServesTheFileWithItsLength() throws Exception {
        start(ProvisioningServer.builder());

        HttpResponse<String> response = plain().send(HttpRequest.newBuilder(server.uri(Transport.HTTP, CONFIG)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals(CONFIG_XML, response.body());
        assertEquals(String.valueOf(CONFIG_XML.length()), response.headers().firstValue("content-length").orElseThrow());
        assertEquals("text/xml", response.headers().firstValue("content-type").orElseThrow());
        ProvisioningRequest request = taken();
        assertEquals(Transport.HTTP, request.transport());
        assertEquals("GET", request.method());
        assertEquals("/" + CONFIG, request.path());
        assertEquals(CONFIG, request.servedFile());
        assertEquals(Status.SERVED, request.status());
        assertEquals(200, request.code());
        assertEquals(CONFIG_XML.length(), request.bytes());
        assertEquals("127.0.0.1", request.remote().getAddress().getHostAddress());
    }

    @Test
    void headGivesTheLengthWithoutTheBody() throws Exception {
        start(ProvisioningServer.builder());

        HttpResponse<String> response = plain().send(HttpRequest.newBuilder(server.uri(Transport.HTTP, CONFIG))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
        assertEquals(String.valueOf(CONFIG_XML.length()), response.headers().firstValue("content-length").orElseThrow());
        ProvisioningRequest request = taken();
        assertEquals("HEAD", request.method());
        assertEquals(0, request.bytes());
    }

    @Test
    void aLargeFileComesWholeOnAKeptAliveConnection() throws Exception {
        byte[] content = new byte[2 * 1024 * 1024 + 13];
        new Random(1).nextBytes(content);
        Files.write(served.resolve("firmware.loads"), content);
        start(ProvisioningServer.builder());
        HttpClient client = plain();

        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(server.uri(Transport.HTTP, "firmware.loads"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode());
            assertArrayEquals(content, response.body());
            assertEquals(content.length, taken().bytes());
        }
        assertEquals("application/octet-stream", HttpProvisioningHandler.contentType("firmware.loads"));
    }

    @Test
    void aMissingFileIs404() throws Exception {
        start(ProvisioningServer.builder());

        HttpResponse<String> response = plain().send(HttpRequest.newBuilder(
                server.uri(Transport.HTTP, "CTLSEP001122334455.tlv")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(404, response.statusCode());
        ProvisioningRequest request = taken();
        assertEquals(Status.NOT_FOUND, request.status());
        assertEquals(404, request.code());
        assertEquals("", request.servedFile());
    }

    @Test
    void otherMethodsAre405WithAllow() throws Exception {
        start(ProvisioningServer.builder());

        HttpResponse<String> response = plain().send(HttpRequest.newBuilder(server.uri(Transport.HTTP, CONFIG))
                .PUT(HttpRequest.BodyPublishers.ofString("overwrite")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(405, response.statusCode());
        assertEquals("GET, HEAD", response.headers().firstValue("allow").orElseThrow());
        assertEquals(CONFIG_XML, Files.readString(served.resolve(CONFIG)));
        ProvisioningRequest request = taken();
        assertEquals("PUT", request.method());
        assertEquals(Status.NOT_ALLOWED, request.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../secret.txt", "/%2e%2e/secret.txt", "/sub/..%2f..%2fsecret.txt", "/..%5csecret.txt",
            "/sub/../../secret.txt", "/", "/sub/", "/link.txt"})
    void namesLeavingTheDirectoryAndDirectoriesAre403(String target) throws Exception {
        Files.createDirectories(served.resolve("sub"));
        Files.createSymbolicLink(served.resolve("link.txt"), temp.resolve("secret.txt"));
        start(ProvisioningServer.builder());

        String response = raw(server.httpAddress(), "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertTrue(response.startsWith("HTTP/1.1 403 Forbidden\r\n"), response);
        assertTrue(!response.contains("not for phones"), response);
        ProvisioningRequest request = taken();
        assertEquals(Status.FORBIDDEN, request.status());
        assertEquals(403, request.code());
    }

    @Test
    void anUnparsableRequestIs400() throws Exception {
        start(ProvisioningServer.builder());

        String response = raw(server.httpAddress(), "GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), response);
        assertEquals(Status.BAD_REQUEST, taken().status());
    }

    @Test
    void theQueryStringIsIgnored() throws Exception {
        start(ProvisioningServer.builder());

        String response = raw(server.httpAddress(), "GET /" + CONFIG + "?mac=001122334455 HTTP/1.0\r\n\r\n");

        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
        assertTrue(response.endsWith(CONFIG_XML), response);
    }

    @Test
    void plainHttpDoesNotMapSgnRequests() throws Exception {
        start(ProvisioningServer.builder());

        HttpResponse<String> response = plain().send(HttpRequest.newBuilder(server.uri(Transport.HTTP, CONFIG + ".sgn"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(404, response.statusCode(), "on 6970 the phone gets the signed file or nothing");
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
    void httpsWithAnEcCertificateServesTheUnsignedConfigForItsSgnName(SslProvider provider) throws Exception {
        IssuedCertificate ec = ecServerCertificate();
        start(ProvisioningServer.builder().httpsPort(0).httpsCertificate(ec).tlsProvider(provider));

        HttpResponse<String> response = trusting(PKI.get(FixtureName.TEST_ROOT_EC).certificate()).send(
                HttpRequest.newBuilder(server.uri(Transport.HTTPS, CONFIG + ".sgn")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals(CONFIG_XML, response.body());
        X509Certificate presented = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
        assertEquals(ec.certificate(), presented);
        assertEquals("EC", presented.getPublicKey().getAlgorithm());
        ProvisioningRequest request = taken();
        assertEquals(Transport.HTTPS, request.transport());
        assertEquals("/" + CONFIG + ".sgn", request.path());
        assertEquals(CONFIG, request.servedFile());
        assertTrue(request.toLine().contains(".sgn -> " + CONFIG), request.toLine());
    }

    @Test
    void httpsWithoutTheRewriteServesNamesAsTheyAre() throws Exception {
        start(ProvisioningServer.builder().httpsPort(0).httpsCertificate(ecServerCertificate()).unsignedConfigOnHttps(false));

        HttpResponse<String> response = trusting(PKI.get(FixtureName.TEST_ROOT_EC).certificate()).send(
                HttpRequest.newBuilder(server.uri(Transport.HTTPS, CONFIG + ".sgn")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(404, response.statusCode());
    }

    @Test
    void httpsRefusesTraversalToo() throws Exception {
        start(ProvisioningServer.builder().httpsPort(0).httpsCertificate(ecServerCertificate()));

        HttpResponse<String> response = trusting(PKI.get(FixtureName.TEST_ROOT_EC).certificate()).send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.httpsAddress().getPort()
                        + "/%2e%2e/secret.txt")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(403, response.statusCode());
        assertEquals(Status.FORBIDDEN, taken().status());
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsTheHandshake() throws Exception {
        start(ProvisioningServer.builder().httpsPort(0).httpsCertificate(ecServerCertificate()));

        HttpClient client = trusting(PKI.get(FixtureName.TEST_ROOT).certificate());

        assertThrows(SSLHandshakeException.class, () -> client.send(
                HttpRequest.newBuilder(server.uri(Transport.HTTPS, CONFIG)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void httpsIsOffWithoutACertificate() {
        start(ProvisioningServer.builder());

        assertTrue(!server.serves(Transport.HTTPS));
        IllegalStateException error = assertThrows(IllegalStateException.class, server::httpsAddress);
        assertTrue(error.getMessage().contains("HTTPS is not served"), error.getMessage());
    }

    @Test
    void aPortInUseNamesTheTransportAndPort() throws Exception {
        start(ProvisioningServer.builder());
        int taken = server.httpAddress().getPort();

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> ProvisioningServer.builder()
                .directory(served).bindAddress("127.0.0.1").httpPort(taken).withoutTftp().build().start());

        assertTrue(error.getMessage().startsWith("cannot listen for HTTP on 127.0.0.1:" + taken), error.getMessage());
    }

    @Test
    void aMissingDirectoryIsRefusedAtBuild() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ProvisioningServer.builder()
                .directory(temp.resolve("nowhere")).build());

        assertTrue(error.getMessage().contains("nowhere") && error.getMessage().contains("not a directory"),
                error.getMessage());
    }

    @Test
    void aServerThatServesNothingIsRefusedAtBuild() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ProvisioningServer.builder()
                .directory(served).withoutHttp().withoutTftp().build());

        assertTrue(error.getMessage().contains("serves nothing"), error.getMessage());
    }

    @Test
    void everyRequestIsInTheListAndGoesToTheListener() throws Exception {
        java.util.List<ProvisioningRequest> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        start(ProvisioningServer.builder().onRequest(heard::add));
        HttpClient client = plain();

        client.send(HttpRequest.newBuilder(server.uri(Transport.HTTP, CONFIG)).build(), HttpResponse.BodyHandlers.discarding());
        client.send(HttpRequest.newBuilder(server.uri(Transport.HTTP, "ITLFile.tlv")).build(),
                HttpResponse.BodyHandlers.discarding());
        taken();
        taken();

        assertEquals(2, server.requests().size());
        // the listener is told after the request is journalled: wait for it rather than race it
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 2);
        assertEquals(server.requests(), heard);
        assertEquals(Status.SERVED, server.requests().get(0).status());
        assertEquals(Status.NOT_FOUND, server.requests().get(1).status());
    }

    private static IssuedCertificate ecServerCertificate() {
        return CertificateSpec.leaf("localhost").sanDns("localhost").sanIp("127.0.0.1").serverAuth()
                .keyAlgorithm(KeyAlgorithm.EC_P256).issuedBy(PKI.get(FixtureName.TEST_ROOT_EC)).build();
    }

    private static HttpClient trusting(X509Certificate root) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("root", root);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Sends exactly these bytes and reads the whole answer (the request asks the server to close). */
    private static String raw(InetSocketAddress address, String request) throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
