package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.format.AsteriskTlsFiles;
import io.sipshield.certs.format.CertificateFileException;
import io.sipshield.certs.format.MxOneChainFile;
import io.sipshield.certs.format.PemFiles;
import io.sipshield.certs.format.PrivateKeyEncoding;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.tls.TlsReport;
import io.sipshield.emulator.ua.SipTrace;
import io.sipshield.harness.mock.config.MockAsteriskConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain each personality sends: Asterisk sends cert_file as it is (OpenSSL's
 * SSL_CTX_use_certificate_chain_file), MX-ONE sends eri_sn_cert.pem's server certificate and
 * intermediates (seed 004). Also the MX-ONE personality on the SIP layer, and the options that do
 * not belong to a personality.
 */
@Timeout(60)
class MockServerCertificateChainTest {

    private static final Path FIXTURES = Path.of("..", "..", "shared", "fixtures", "asterisk");
    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    @TempDir
    Path runDir;

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The reference pjsip.conf and extensions.conf, with cert_file holding exactly {@code certFile}. */
    private Path asteriskConfig(IssuedCertificate server, List<X509Certificate> certFile) throws Exception {
        Path keys = Files.createDirectories(runDir.resolve("keys"));
        AsteriskTlsFiles files = AsteriskTlsFiles.in(keys).write(server, List.of(PKI.get(FixtureName.TEST_ROOT).certificate()));
        PemFiles.write(files.certFile(), PemFiles.certificates(certFile));
        for (String name : List.of("pjsip.conf", "extensions.conf")) {
            Files.writeString(runDir.resolve(name),
                    Files.readString(FIXTURES.resolve(name)).replace("@RUN_DIR@", runDir.toString()));
        }
        return runDir;
    }

    private static Phone phone(MockAsterisk pbx, String host) {
        return Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder().account("101", "pass101")
                .serverHost(host).serverAddress(pbx.address())
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate()).build(), LOOPS);
    }

    @Test
    void asteriskSendsCertFileWithItsIntermediate() throws Exception {
        IssuedCertificate server = PKI.get(FixtureName.PBX_SERVER_VIA_INTERMEDIATE);
        List<X509Certificate> leafAndIntermediate = server.chainWithoutRoot();
        assertEquals(2, leafAndIntermediate.size());
        try (MockAsterisk pbx = MockAsteriskConfiguration.load(asteriskConfig(server, leafAndIntermediate)).builder()
                .port(0).eventLoopGroup(LOOPS).build().start();
             Phone phone = phone(pbx, "pbx.sip.test")) {
            TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
            assertEquals(leafAndIntermediate, tls.peerChain());
            assertTrue(tls.established(), tls::toString);
        }
    }

    @Test
    void asteriskSendsTheRootTooWhenCertFileHoldsIt() throws Exception {
        IssuedCertificate server = PKI.get(FixtureName.PBX_SERVER_VIA_INTERMEDIATE);
        try (MockAsterisk pbx = MockAsteriskConfiguration.load(asteriskConfig(server, server.chain())).builder()
                .port(0).eventLoopGroup(LOOPS).build().start();
             Phone phone = phone(pbx, "pbx.sip.test")) {
            assertEquals(server.chain(), phone.connect().get(10, TimeUnit.SECONDS).peerChain(),
                    "PJSIP sends every certificate of cert_file");
        }
    }

    @Test
    void asteriskWithALeafOnlyCertFileSendsTheLeafAlone() throws Exception {
        IssuedCertificate server = PKI.get(FixtureName.PBX_SERVER_VIA_INTERMEDIATE);
        try (MockAsterisk pbx = MockAsteriskConfiguration.load(asteriskConfig(server, List.of(server.certificate())))
                .builder().port(0).eventLoopGroup(LOOPS).build().start();
             Phone phone = phone(pbx, "pbx.sip.test")) {
            TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
            assertEquals(List.of(server.certificate()), tls.peerChain());
            assertTrue(!tls.established(), "the phone cannot reach test-root without the intermediate");
        }
    }

    @Test
    void mxOneSendsServerCertificateAndIntermediatesFromEriSnCertPemAndRegistersPhones() throws Exception {
        IssuedCertificate mxOne = PKI.get(FixtureName.MX_ONE_SERVER);
        Path file = runDir.resolve(MxOneChainFile.FILE_NAME);
        MxOneChainFile.write(file, mxOne);
        try (MockAsterisk pbx = MockAsterisk.builder().personality(ServerPersonality.MX_ONE)
                .mxOneCertificateFile(file)
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .port(0).eventLoopGroup(LOOPS).build().start();
             Phone phone = phone(pbx, "lim2.mx.sip.test")) {
            TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
            assertEquals(mxOne.chainWithoutRoot(), tls.peerChain(), "leaf and test-intermediate, not the root");
            assertEquals(2, tls.peerChain().size());
            assertTrue(tls.established(), tls::toString);
            assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
            List<String> received = phone.trace().entries().stream()
                    .filter(entry -> entry.direction() == SipTrace.Direction.RECEIVED).map(SipTrace.Entry::text).toList();
            assertTrue(received.stream().anyMatch(text -> text.contains(ServerPersonality.MX_ONE.defaultUserAgent())),
                    received.toString());
            assertTrue(received.stream().anyMatch(text -> text.contains("realm=\"mx-one\"")), received.toString());
            assertEquals(1, pbx.registrar().bindings().size());
        }
    }

    @Test
    void anEriSnCertPemInTheWrongOrderIsRefusedNamingTheRule() throws Exception {
        IssuedCertificate mxOne = PKI.get(FixtureName.MX_ONE_SERVER);
        Path file = runDir.resolve(MxOneChainFile.FILE_NAME);
        PemFiles.write(file, PemFiles.certificates(mxOne.chain()) + PemFiles.privateKey(mxOne.privateKey(),
                PrivateKeyEncoding.PKCS8));
        CertificateFileException e = assertThrows(CertificateFileException.class,
                () -> MockAsterisk.builder().mxOneCertificateFile(file));
        assertTrue(e.getMessage().contains("private key"), e.getMessage());
    }

    @Test
    void clientVerificationIsRefusedForAsterisk() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER)).clientVerification(ClientVerificationMode.OPTIONAL).build());
        assertTrue(e.getMessage().startsWith("clientVerification(optional)"), e.getMessage());
    }

    @Test
    void requireClientCertAndVerifyClientAreRefusedForMxOne() {
        IllegalArgumentException require = assertThrows(IllegalArgumentException.class, () -> MockAsterisk.builder()
                .personality(ServerPersonality.MX_ONE).requireClientCert(true).build());
        assertTrue(require.getMessage().startsWith("requireClientCert"), require.getMessage());
        IllegalArgumentException verify = assertThrows(IllegalArgumentException.class, () -> MockAsterisk.builder()
                .personality(ServerPersonality.MX_ONE).verifyClient(true).build());
        assertTrue(verify.getMessage().startsWith("verifyClient"), verify.getMessage());
    }

    @Test
    void keywordsAreReadCaseInsensitivelyAndUnknownOnesNamed() {
        assertEquals(ServerPersonality.MX_ONE, ServerPersonality.fromKeyword("MX-ONE"));
        assertEquals(ClientVerificationMode.MANDATORY, ClientVerificationMode.fromKeyword("Mandatory"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientVerificationMode.fromKeyword("required"));
        assertTrue(e.getMessage().contains("none, optional, mandatory"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerPersonality.fromKeyword("freeswitch"));
    }
}
