package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.harness.mock.MockAsterisk;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sipshield probe} against the embedded mock Asterisk (and a bare TLS server) on loopback. */
class ProbeCommandTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static MockAsterisk pbx(FixtureName certificate, List<String> protocols) {
        MockAsterisk.Builder builder = MockAsterisk.builder().certificate(PKI.get(certificate)).port(0)
                .bindAddress("127.0.0.1").eventLoopGroup(LOOPS);
        if (protocols != null) {
            builder.tlsProtocols(protocols);
        }
        return builder.build().start();
    }

    private int probe(InetSocketAddress address, String... args) {
        List<String> all = new ArrayList<>(List.of("127.0.0.1:" + address.getPort()));
        all.addAll(List.of(args));
        CommandLine cli = new CommandLine(new ProbeCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(all.toArray(new String[0]));
    }

    private Path pem(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Path root() throws Exception {
        return pem("root.pem", PKI.get(FixtureName.TEST_ROOT).certificatePem());
    }

    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void aValidatingDSeriesAcceptsTheRightServer() throws Exception {
        try (MockAsterisk pbx = pbx(FixtureName.PBX_SERVER, null)) {
            int code = probe(pbx.address(), "--profile", "digium-d65@2_9_2", "--trust", root().toString(),
                    "--server-name", "pbx.sip.test");
            assertEquals(ExitCodes.OK, code, out + "\n" + err);
        }
        String text = out.toString();
        assertTrue(text.contains("handshake:   TLSv1.2, TLS_"), text);
        assertTrue(text.contains("bitmask:     0x00000000"), text);
        assertTrue(text.contains("client cert: not asked for"), text);
        assertTrue(text.contains("0  CN=pbx.sip.test"), text);
        assertTrue(text.contains("verdict:     the phone would go on"), text);
    }

    @Test
    void anUnknownCaStopsAValidatingPhoneButNotAnOldOne() throws Exception {
        try (MockAsterisk pbx = pbx(FixtureName.PBX_SERVER, null)) {
            assertEquals(ExitCodes.FAILED, probe(pbx.address(), "--profile", "digium-d6x-2_9_0",
                    "--server-name", "pbx.sip.test", "--json"));
            JsonNode root = json();
            assertFalse(root.get("phoneGoesOn").asBoolean());
            assertTrue(root.get("flags").toString().contains("EUNTRUSTED"), root.toString());
            assertEquals("TLSv1.2", root.get("protocol").asText());
            out.getBuffer().setLength(0);
            assertEquals(ExitCodes.OK, probe(pbx.address(), "--profile", "digium-d65@2_2_0_4",
                    "--server-name", "pbx.sip.test"));
            assertTrue(out.toString().contains("it does not enforce the bitmask"), out.toString());
        }
    }

    @Test
    void theWrongHostIsTheIdentityFlag() throws Exception {
        try (MockAsterisk pbx = pbx(FixtureName.PBX_SERVER, null)) {
            assertEquals(ExitCodes.FAILED, probe(pbx.address(), "--profile", "digium-d65@2_9_2", "--trust",
                    root().toString(), "--server-name", "other.sip.test", "--json"));
        }
        assertEquals("0x40000000", json().get("bitmask").asText());
    }

    @Test
    void aServerThatOnlySpeaksTls13SendsAnAlert() throws Exception {
        try (MockAsterisk pbx = pbx(FixtureName.PBX_SERVER, List.of("TLSv1.3"))) {
            assertEquals(ExitCodes.FAILED, probe(pbx.address(), "--profile", "digium-d65@2_9_2", "--trust",
                    root().toString(), "--json"));
        }
        JsonNode failure = json().get("failure");
        assertEquals("server", failure.get("sentBy").asText(), failure.toString());
        assertEquals("protocol_version", failure.get("alert").asText(), failure.toString());
        assertTrue(json().get("protocol").isNull());
    }

    @Test
    void ciscoPinsTheServerCertificateItself() throws Exception {
        IssuedCertificate server = PKI.get(FixtureName.PBX_SERVER);
        try (MockAsterisk pbx = pbx(FixtureName.PBX_SERVER, null)) {
            assertEquals(ExitCodes.OK, probe(pbx.address(), "--profile", "cisco-8845@14.2", "--trust",
                    pem("pinned.pem", server.certificatePem()).toString()), out + "\n" + err);
            out.getBuffer().setLength(0);
            assertEquals(ExitCodes.FAILED, probe(pbx.address(), "--profile", "cisco-8845@14.2", "--trust",
                    root().toString(), "--json"));
            assertTrue(json().get("flags").toString().contains("EUNTRUSTED"), out.toString());
        }
    }

    @Test
    void reportsAClientCertificateRequestAndWhatTheProfileSends() throws Exception {
        IssuedCertificate device = PKI.get(FixtureName.ALGO_DEVICE);
        Path clientCert = pem("device.pem", device.certificatePem() + device.privateKeyPem());
        Channel server = requestingServer();
        try {
            InetSocketAddress address = (InetSocketAddress) server.localAddress();
            assertEquals(ExitCodes.OK, probe(address, "--profile", "algo-8301@3.1+sipclient", "--trust",
                    root().toString(), "--server-name", "pbx.sip.test", "--client-cert", clientCert.toString(),
                    "--json"), out + "\n" + err);
            assertTrue(json().get("clientCertificateRequested").asBoolean());
            assertTrue(json().get("clientCertificateSent").asBoolean());
            out.getBuffer().setLength(0);
            assertEquals(ExitCodes.OK, probe(address, "--profile", "digium-d65@2_9_2", "--trust",
                    root().toString(), "--server-name", "pbx.sip.test", "--client-cert", clientCert.toString()));
            assertTrue(out.toString().contains("the server asked for one; the phone sent none "
                    + "(this device cannot present one)"), out.toString());
        } finally {
            server.close().syncUninterruptibly();
        }
    }

    @Test
    void writesAnNssKeyLogOnlyWhenAsked() throws Exception {
        Path keyLog = dir.resolve("keys.log");
        try (MockAsterisk pbx = pbx(FixtureName.PBX_SERVER, null)) {
            assertEquals(ExitCodes.OK, probe(pbx.address(), "--profile", "digium-d65@2_9_2", "--trust",
                    root().toString(), "--server-name", "pbx.sip.test"));
            assertFalse(Files.exists(keyLog));
            assertEquals(ExitCodes.OK, probe(pbx.address(), "--profile", "digium-d65@2_9_2", "--trust",
                    root().toString(), "--server-name", "pbx.sip.test", "--keylog", keyLog.toString()));
        }
        String line = Files.readString(keyLog).trim();
        assertTrue(Pattern.matches("CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}", line), line);
    }

    @Test
    void unusableInputIsOneLineAndExitTwo() throws Exception {
        InetSocketAddress nowhere = new InetSocketAddress("127.0.0.1", 9);
        Path garbage = pem("garbage.pem", "this is not a certificate\n");
        Path certOnly = pem("cert-only.pem", PKI.get(FixtureName.ALGO_DEVICE).certificatePem());
        String[][] cases = {
            {"--profile", "digium-d65@9_9_9"},
            {"--profile", "digium-d65@2_9_2", "--trust", garbage.toString()},
            {"--profile", "algo-8301@3.1", "--client-cert", certOnly.toString()},
            {"--profile", "digium-d65@2_9_2", "--trust", dir.resolve("missing.pem").toString()},
        };
        for (String[] args : cases) {
            err.getBuffer().setLength(0);
            assertEquals(ExitCodes.INVALID_INPUT, probe(nowhere, args), String.join(" ", args));
            String message = err.toString().trim();
            assertTrue(message.startsWith("sipshield probe: ") && !message.contains("\n")
                    && !message.contains("Exception in"), message);
        }
        CommandLine cli = new CommandLine(new ProbeCommand());
        cli.setErr(new PrintWriter(err));
        for (String target : List.of("no-port", "127.0.0.1:", "127.0.0.1:99999", "::1:5061", "127.0.0.1:x")) {
            err.getBuffer().setLength(0);
            assertEquals(ExitCodes.INVALID_INPUT, cli.execute(target, "--profile", "digium-d65@2_9_2"), target);
            assertTrue(err.toString().startsWith("sipshield probe: "), err.toString());
        }
    }

    @Test
    void aClosedPortIsAFailureNotAStackTrace() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertEquals(ExitCodes.FAILED, probe(new InetSocketAddress("127.0.0.1", port), "--profile",
                "digium-d65@2_9_2", "--timeout", "3"));
        assertTrue(err.toString().startsWith("sipshield probe: cannot connect to 127.0.0.1:" + port), err.toString());
    }

    /** A bare TLS server with the pbx-server certificate that asks for (but does not need) a client certificate. */
    private static Channel requestingServer() throws Exception {
        IssuedCertificate certificate = PKI.get(FixtureName.PBX_SERVER);
        SslContext context = SslContextBuilder.forServer(certificate.privateKey(), certificate.chainWithoutRoot())
                .sslProvider(SslProvider.OPENSSL).protocols("TLSv1.2").clientAuth(ClientAuth.OPTIONAL)
                .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        return new ServerBootstrap().group(LOOPS).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(context.newHandler(ch.alloc()));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }
}
