package io.sipshield.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.harness.mock.MediaEncryption;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.MockAsteriskSettings;
import io.sipshield.harness.mock.MockEndpoint;
import io.sipshield.harness.mock.ServerPersonality;
import io.sipshield.harness.mock.config.MockAsteriskConfiguration;
import io.sipshield.harness.run.AsteriskConfigExport;
import io.sipshield.harness.run.AsteriskServerConfig;
import io.sipshield.harness.run.ScenarioFiles;
import io.sipshield.harness.scenario.Endpoint;
import io.sipshield.harness.scenario.MockServer;
import io.sipshield.harness.scenario.Scenario;
import io.sipshield.harness.scenario.ScenarioLoader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * For every case of the suite whose server is the mock Asterisk: {@code asterisk-config} writes the
 * configuration ({@link AsteriskConfigExport}), the mock's own reader loads the written directory and a mock
 * starts from it on port 0, and it must equal the mock the scenario describes (endpoints with auth, AOR,
 * codecs and media encryption; transport versions, ciphers, client verification, CA list and the certificate
 * chain it sends; the dialplan). For scenarios with structured keys the reference mock is built from the keys
 * directly, without any configuration text, so a renderer that drifts from the keys fails here; for
 * scenarios with their own pjsip.conf the reference is that text as the runner loads it. The sent chain is
 * also checked on the wire, with a TLS handshake, where the transport allows a plain TLS 1.2/1.3 client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsteriskConfigSuiteTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();

    private final FixtureCatalog catalog = FixtureCatalog.create();
    private final ScenarioLoader loader = new ScenarioLoader();
    private AsteriskConfigExport export;
    private Path fixtures;

    @AfterAll
    void close() {
        if (export != null) {
            export.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyAsteriskMockIsWrittenAsTheConfigurationItRuns(@TempDir Path dir) throws Exception {
        fixtures = dir.resolve("fixtures");
        export = AsteriskConfigExport.builder().catalog(catalog).fixturesDirectory(fixtures).build();
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (Path file : scenarioFiles()) {
            for (Scenario scenario : loader.loadAll(file)) {
                if (scenario.setup().server() instanceof MockServer mock && mock.personality() == ServerPersonality.ASTERISK) {
                    Path out = dir.resolve("out" + n++);
                    tests.add(dynamicTest(scenario.id(), MODULE.resolve(file).toUri(), () -> equivalent(scenario, mock, out)));
                }
            }
        }
        assertTrue(tests.size() > 50, "the suite has fewer Asterisk mock cases than expected: " + tests.size());
        return tests.stream();
    }

    private void equivalent(Scenario scenario, MockServer server, Path out) throws Exception {
        AsteriskConfigExport.Exported written = export.write(scenario, out);
        for (Path key : written.keyFiles()) {
            if (key.toString().endsWith(".key")) {
                assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(key)), key + " is a private key");
            }
        }
        assertFalse(Files.readString(written.pjsipConf()).contains("${fixtures}/"));
        try (MockAsterisk reference = reference(scenario, server).bindAddress("127.0.0.1").port(0).build().start();
             MockAsterisk generated = MockAsteriskConfiguration.load(out).builder().bindAddress("127.0.0.1").port(0)
                     .build().start()) {
            MockAsteriskSettings expected = reference.settings();
            MockAsteriskSettings actual = generated.settings();
            assertEquals(expected.endpoints(), actual.endpoints(), "endpoints (auth, aor, codecs, media encryption)");
            assertEquals(expected.dialplan(), actual.dialplan(), "dialplan");
            assertEquals(expected.tlsProtocols(), actual.tlsProtocols(), "TLS versions (method)");
            assertEquals(expected.presentedChain(), actual.presentedChain(), "certificate chain sent");
            assertEquals(expected, actual, "every setting");
            if (actual.ciphers().isEmpty() && !actual.requireClientCert()
                    && actual.tlsProtocols().stream().allMatch(p -> p.equals("TLSv1.2") || p.equals("TLSv1.3"))) {
                assertEquals(subjects(expected.presentedChain()), subjects(handshakeChain(generated.address())),
                        "the chain the generated transport sends in a real handshake");
            }
        }
    }

    /** The mock as the scenario describes it: structured keys straight into the builder, or its own text. */
    private MockAsterisk.Builder reference(Scenario scenario, MockServer server) throws Exception {
        if (server.config() != null) {
            AsteriskServerConfig text = AsteriskServerConfig.of(scenario, server);
            Path dir = Files.createTempDirectory(fixtures.getParent(), "reference");
            Files.writeString(dir.resolve("pjsip.conf"), text.pjsipConf().replace("${fixtures}", fixtures.toString()));
            Files.writeString(dir.resolve("extensions.conf"), text.extensionsConf().replace("${fixtures}", fixtures.toString()));
            return MockAsteriskConfiguration.load(dir).builder();
        }
        // the keys' meaning, independently of the renderer (MockEndpoint's own defaults)
        MockAsterisk.Builder builder = MockAsterisk.builder()
                .certificate(catalog.get(FixtureName.byId(server.certificate()).orElseThrow()));
        for (Endpoint e : server.endpoints()) {
            builder.endpoint(new MockEndpoint(e.id(), e.password(),
                    e.mediaEncryption() == Endpoint.MediaEncryption.SDES ? MediaEncryption.SDES : MediaEncryption.NO)
                    .withMediaEncryptionOptimistic(e.mediaEncryptionOptimistic()).withSrtpTag32(e.srtpTag32()));
        }
        server.extensions().forEach(builder::extension);
        return builder;
    }

    private static List<String> subjects(List<? extends Certificate> chain) {
        return chain.stream().map(c -> ((X509Certificate) c).getSubjectX500Principal().getName()).toList();
    }

    private static List<Certificate> handshakeChain(InetSocketAddress address) throws Exception {
        SslContext client = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .trustManager(InsecureTrustManagerFactory.INSTANCE).protocols("TLSv1.2", "TLSv1.3").build();
        javax.net.ssl.SSLContext jdk = ((io.netty.handler.ssl.JdkSslContext) client).context();
        try (SSLSocket socket = (SSLSocket) jdk.getSocketFactory().createSocket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return Arrays.asList(socket.getSession().getPeerCertificates());
        }
    }

    private static List<Path> scenarioFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(MODULE)) {
            return walk.filter(Files::isRegularFile).map(MODULE::relativize)
                    .filter(file -> file.getNameCount() == 1 || isScenarioDirectory(file.getName(0).toString()))
                    .filter(ScenarioFiles::isScenarioFile).sorted().toList();
        }
    }

    private static boolean isScenarioDirectory(String name) {
        return !name.equals("schema") && !name.equals("src") && !name.startsWith("target") && !name.startsWith(".");
    }
}
