package io.sipshield.harness.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.format.CombinedPem;
import io.sipshield.certs.format.PemFiles;
import io.sipshield.emulator.ClientCredentials;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.tls.VerifyFlag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipshield.harness.cli.ExitCodes;
import io.sipshield.harness.cli.ProbeCommand;
import io.sipshield.harness.mock.GnutlsServer;
import io.sipshield.harness.mock.OpenSslServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * {@link TlsProbe} and {@code sipshield probe} against two real TLS servers, {@code openssl s_server}
 * (OpenSSL 3) and {@code gnutls-serv} (GnuTLS 3.7), each presenting fixture chains: the probe must
 * report what each actually did, alert and sender, not what one of them would do. Where they differ:
 * <ul>
 *   <li>an untrusted client certificate draws 48 unknown_ca from OpenSSL (its
 *       {@code X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY} becomes {@code SSL_AD_UNKNOWN_CA} in
 *       {@code ssl/statem/statem_lib.c} {@code ssl_x509err2alert}) and 49 access_denied from GnuTLS
 *       (observed by running gnutls-serv 3.7.9; the GnuTLS source mapping was not checked);</li>
 *   <li>no client certificate where one is required draws 40 handshake_failure from OpenSSL
 *       ({@code tls_process_client_certificate}: "peer did not return a certificate") and 50
 *       decode_error from GnuTLS 3.7 (observed by running).</li>
 * </ul>
 * TLS 1.2 is forced for the client-certificate cases: under TLS 1.3 the client's handshake is over
 * before the server judges its certificate, so the alert comes after the probe's verdict.
 */
@Tag("slow")
@Timeout(60)
class ProbeRealServersTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();

    @TempDir
    Path dir;

    /** The two servers, started the same way: a chain, who may or must present a client certificate, versions. */
    enum Server {
        OPENSSL, GNUTLS;

        Running start(Path dir, IssuedCertificate served, ClientAuth clientAuth, Versions versions) throws Exception {
            Path clientCa = dir.resolve("client-ca.pem");
            PemFiles.write(clientCa, PemFiles.certificates(List.of(PKI.get(FixtureName.ALGO_ROOT).certificate())));
            List<String> options = new ArrayList<>();
            if (this == OPENSSL) {
                switch (clientAuth) {
                    // without -verify_return_error s_server logs a failed client chain and carries on
                    case REQUIRED -> options.addAll(List.of("-Verify", "4", "-verify_return_error", "-CAfile",
                            clientCa.toString()));
                    case OPTIONAL -> options.addAll(List.of("-verify", "4", "-verify_return_error", "-CAfile",
                            clientCa.toString()));
                    case NONE -> { }
                }
                switch (versions) {
                    case TLS_1_0 -> options.addAll(List.of("-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"));
                    case TLS_1_1 -> options.addAll(List.of("-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0"));
                    case TLS_1_2 -> options.add("-tls1_2");
                    case DEFAULT -> { }
                }
                OpenSslServer server = OpenSslServer.start(dir, served, options.toArray(String[]::new));
                return new Running(server.address(), server::output, server::close);
            }
            switch (clientAuth) {
                case REQUIRED -> options.addAll(List.of("--require-client-cert", "--verify-client-cert",
                        "--x509cafile", clientCa.toString()));
                case OPTIONAL -> options.addAll(List.of("--verify-client-cert", "--x509cafile", clientCa.toString()));
                case NONE -> options.add("--disable-client-cert");
            }
            switch (versions) {
                case TLS_1_0 -> options.add("--priority=NORMAL:-VERS-ALL:+VERS-TLS1.0");
                case TLS_1_1 -> options.add("--priority=NORMAL:-VERS-ALL:+VERS-TLS1.1");
                case TLS_1_2 -> options.add("--priority=NORMAL:-VERS-ALL:+VERS-TLS1.2");
                case DEFAULT -> { }
            }
            GnutlsServer server = GnutlsServer.start(dir, served, options.toArray(String[]::new));
            return new Running(server.address(), server::output, server::close);
        }
    }

    enum ClientAuth { NONE, OPTIONAL, REQUIRED }

    enum Versions { DEFAULT, TLS_1_0, TLS_1_1, TLS_1_2 }

    interface Stop {
        void close() throws Exception;
    }

    record Running(InetSocketAddress address, java.util.function.Supplier<String> output, Stop stop)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stop.close();
        }
    }

    private ProbeResult probe(Server server, IssuedCertificate served, ClientAuth clientAuth, Versions versions,
                              DeviceProfile profile, IssuedCertificate client) throws Exception {
        try (Running running = server.start(dir, served, clientAuth, versions)) {
            TlsProbe.Builder probe = TlsProbe.builder().profile(profile).address(running.address())
                    .serverName("pbx.sip.test").trust(List.of(PKI.get(FixtureName.TEST_ROOT).certificate()))
                    .timeout(Duration.ofSeconds(10));
            if (client != null) {
                probe.clientCredentials(new ClientCredentials(client.privateKey(), client.chainWithoutRoot()));
            }
            ProbeResult result = probe.build().run();
            return result;
        }
    }

    private ProbeResult probe(Server server, FixtureName served) throws Exception {
        return probe(server, PKI.get(served), ClientAuth.NONE, Versions.DEFAULT, DeviceProfiles.DIGIUM_D6X_2_9_2, null);
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void aValidChainIsAcceptedAndTheFullChainIsReceived(Server server) throws Exception {
        ProbeResult result = probe(server, FixtureName.PBX_SERVER_VIA_INTERMEDIATE);
        assertNull(result.failure(), () -> String.valueOf(result.failure()));
        assertTrue(result.phoneGoesOn());
        assertEquals(2, result.received().size(), "leaf and intermediate");
        assertTrue(result.verification().ok(), result.verification()::toString);
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void aMissingIntermediateLeavesTheLeafWithoutAnIssuer(Server server) throws Exception {
        IssuedCertificate full = PKI.get(FixtureName.PBX_SERVER_VIA_INTERMEDIATE);
        IssuedCertificate leafOnly = new IssuedCertificate(full.certificate(), full.keyPair(), List.of());
        ProbeResult result = probe(server, leafOnly, ClientAuth.NONE, Versions.DEFAULT,
                DeviceProfiles.DIGIUM_D6X_2_9_2, null);
        assertEquals(1, result.received().size(), "the server sent its certificate alone");
        assertFalse(result.phoneGoesOn());
        // a D-Series maps OpenSSL's UNABLE_TO_GET_ISSUER_CERT_LOCALLY and UNABLE_TO_VERIFY_LEAF_SIGNATURE
        assertEquals(Set.of(VerifyFlag.EUNTRUSTED, VerifyFlag.EISSUER_MISMATCH), result.verification().flags(),
                result.verification()::toString);
        assertTrue(result.verification().toString().contains("unable to get local issuer certificate"),
                result.verification()::toString);
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void anExpiredCertificateFailsItsValidityPeriod(Server server) throws Exception {
        ProbeResult result = probe(server, FixtureName.PBX_SERVER_EXPIRED);
        assertFalse(result.phoneGoesOn());
        assertTrue(result.verification().flags().contains(VerifyFlag.EVALIDITY_PERIOD),
                result.verification()::toString);
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void aCertificateForAnotherHostDoesNotMatchTheHostDialled(Server server) throws Exception {
        ProbeResult result = probe(server, FixtureName.OTHER_HOST_SERVER);
        assertFalse(result.phoneGoesOn());
        assertEquals(Set.of(VerifyFlag.EIDENTITY_NOT_MATCH), result.verification().flags(),
                result.verification()::toString);
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void aTrustedClientCertificateIsAcceptedWhenRequired(Server server) throws Exception {
        ProbeResult result = probe(server, PKI.get(FixtureName.PBX_SERVER), ClientAuth.REQUIRED, Versions.DEFAULT,
                DeviceProfiles.ALGO_8301_3_1_SIPCLIENT, PKI.get(FixtureName.ALGO_DEVICE));
        assertNull(result.failure(), () -> String.valueOf(result.failure()));
        assertTrue(result.clientCertificateAsked());
        assertTrue(result.clientCertificateSent());
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void anUntrustedClientCertificateDrawsEachServersOwnAlert(Server server) throws Exception {
        ProbeResult result = probe(server, PKI.get(FixtureName.PBX_SERVER), ClientAuth.REQUIRED, Versions.TLS_1_2,
                DeviceProfiles.ALGO_8301_3_1_SIPCLIENT, PKI.get(FixtureName.CLIENT_UNTRUSTED_CA));
        assertTrue(result.clientCertificateSent());
        assertNotNull(result.failure(), "the server refuses the client certificate");
        assertEquals(server == Server.OPENSSL ? "unknown_ca" : "access_denied", result.failure().alert(),
                () -> "OpenSSL sends 48 unknown_ca, GnuTLS 49 access_denied: " + result.failure());
        assertEquals("server", result.failure().sender());
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void noClientCertificateWhenOneIsRequiredIsRefusedByTheServer(Server server) throws Exception {
        ProbeResult result = probe(server, PKI.get(FixtureName.PBX_SERVER), ClientAuth.REQUIRED, Versions.TLS_1_2,
                DeviceProfiles.DIGIUM_D6X_2_9_2, null);
        assertTrue(result.clientCertificateAsked());
        assertFalse(result.clientCertificateSent(), "a D-Series never presents a certificate");
        assertNotNull(result.failure());
        assertEquals("server", result.failure().sender());
        // OpenSSL: 40 handshake_failure (statem_srvr.c, "peer did not return a certificate");
        // GnuTLS 3.7: 50 decode_error for the empty Certificate message (observed by running)
        assertEquals(server == Server.OPENSSL ? "handshake_failure" : "decode_error", result.failure().alert(),
                () -> String.valueOf(result.failure()));
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void noClientCertificateWhenOneIsOptionalStillConnects(Server server) throws Exception {
        ProbeResult result = probe(server, PKI.get(FixtureName.PBX_SERVER), ClientAuth.OPTIONAL, Versions.DEFAULT,
                DeviceProfiles.DIGIUM_D6X_2_9_2, null);
        assertNull(result.failure(), () -> String.valueOf(result.failure()));
        assertTrue(result.clientCertificateAsked());
        assertFalse(result.clientCertificateSent());
        assertTrue(result.phoneGoesOn());
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void tls10WithSecurityLevelZeroOnBothSides(Server server) throws Exception {
        ProbeResult result = probe(server, PKI.get(FixtureName.PBX_SERVER), ClientAuth.NONE, Versions.TLS_1_0,
                DeviceProfiles.CISCO_7961_9_4, null);
        assertEquals("TLSv1", result.protocol(), () -> String.valueOf(result.failure()));
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void tls11IsNegotiatedWithAPhoneOfferingOneZeroToOneTwo(Server server) throws Exception {
        ProbeResult result = probe(server, PKI.get(FixtureName.PBX_SERVER), ClientAuth.NONE, Versions.TLS_1_1,
                DeviceProfiles.DIGIUM_D6X_2_9_2, null);
        assertEquals("TLSv1.1", result.protocol(), () -> String.valueOf(result.failure()));
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void aTls10OnlyPhoneIsRefusedByAServerAtItsDefaults(Server server) throws Exception {
        ProbeResult result = probe(server, PKI.get(FixtureName.PBX_SERVER), ClientAuth.NONE, Versions.TLS_1_2,
                DeviceProfiles.CISCO_7961_9_4, null);
        assertNull(result.protocol());
        assertEquals("protocol_version", result.failure().alert(), () -> String.valueOf(result.failure()));
        assertEquals("server", result.failure().sender());
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void theCliReportsTheAlertAndThatTheServerSentIt(Server server) throws Exception {
        Path root = dir.resolve("root.pem");
        Files.writeString(root, PKI.get(FixtureName.TEST_ROOT).certificatePem());
        Path sipclient = dir.resolve("sipclient.pem");
        Files.writeString(sipclient, CombinedPem.sipclientPem(PKI.get(FixtureName.CLIENT_UNTRUSTED_CA)));
        StringWriter out = new StringWriter();
        int code;
        try (Running running = server.start(dir, PKI.get(FixtureName.PBX_SERVER), ClientAuth.REQUIRED,
                Versions.TLS_1_2)) {
            CommandLine cli = new CommandLine(new ProbeCommand());
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(new StringWriter()));
            code = cli.execute("127.0.0.1:" + running.address().getPort(), "--profile", "algo-8301@3.1+sipclient",
                    "--client-cert", sipclient.toString(), "--trust", root.toString(), "--server-name", "pbx.sip.test",
                    "--json");
        }
        assertEquals(ExitCodes.FAILED, code, out::toString);
        JsonNode failure = new ObjectMapper().readTree(out.toString()).path("failure");
        assertEquals(server == Server.OPENSSL ? "unknown_ca" : "access_denied", failure.path("alert").asText(),
                out::toString);
        assertEquals("server", failure.path("sentBy").asText(), out::toString);
    }
}
