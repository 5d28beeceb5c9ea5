package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.emulator.ClientCredentials;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.tls.PhoneSslContexts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MX-ONE's three client verification modes (seed 004) judged inside the handshake, every mode
 * against a phone with no certificate, a trusted one, one from an unknown CA and an expired one,
 * on TLS 1.2 and 1.3 and on both phone TLS stacks: the alert the phone sees and what the mock recorded.
 */
@Timeout(120)
class MockMxOneTlsTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** What the phone holds. */
    enum Held {
        NO_CERTIFICATE(null), TRUSTED(FixtureName.ALGO_DEVICE), UNTRUSTED_CA(FixtureName.CLIENT_UNTRUSTED_CA),
        EXPIRED(FixtureName.CLIENT_EXPIRED);

        final FixtureName fixture;

        Held(FixtureName fixture) {
            this.fixture = fixture;
        }
    }

    /**
     * The alert the phone must see, or null when the connection stays up. None never asks; optional
     * verifies what comes; mandatory also refuses nothing (40 on TLS 1.2, 116 on TLS 1.3). The
     * verify errors map as OpenSSL's ssl_verify_alert_type: X509_V_ERR_CERT_HAS_EXPIRED (10) to
     * certificate_expired, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY (20) to unknown_ca.
     */
    private static String expectedAlert(ClientVerificationMode mode, Held held, String version) {
        if (mode == ClientVerificationMode.NONE) {
            return null;
        }
        return switch (held) {
            case NO_CERTIFICATE -> mode == ClientVerificationMode.MANDATORY
                    ? ("TLSv1.3".equals(version) ? "certificate_required" : "handshake_failure") : null;
            case TRUSTED -> null;
            case UNTRUSTED_CA -> "unknown_ca";
            case EXPIRED -> "certificate_expired";
        };
    }

    static Stream<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        for (ClientVerificationMode mode : ClientVerificationMode.values()) {
            for (Held held : Held.values()) {
                for (String version : List.of("TLSv1.2", "TLSv1.3")) {
                    for (PhoneSettings.TlsProvider provider : PhoneSettings.TlsProvider.values()) {
                        all.add(Arguments.of(mode, held, version, provider));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, {1}, {2}, {3}")
    @MethodSource("matrix")
    void eachModeTreatsEachPhoneAsOpenSslWould(ClientVerificationMode mode, Held held, String version,
                                                PhoneSettings.TlsProvider provider) throws Exception {
        try (MockAsterisk mxOne = mxOne(mode, List.of("TLSv1.2", "TLSv1.3"))) {
            TlsAlertClient.Outcome outcome = TlsAlertClient.connect(
                    PhoneSslContexts.forPhone(TlsAlertClient.phoneOffering(version), settings(mxOne, held, provider)), mxOne.address(), LOOPS);
            String expected = expectedAlert(mode, held, version);
            TlsConnection connection = lastConnection(mxOne);
            if (expected == null) {
                assertNull(outcome.failure(), () -> "the connection should stay up: " + outcome.failure().summary());
                assertEquals(version, outcome.protocol());
                assertTrue(connection.established() && connection.accepted(), connection::toString);
                boolean asked = mode != ClientVerificationMode.NONE && held != Held.NO_CERTIFICATE;
                assertEquals(asked, connection.clientCertificate() != null, connection::toString);
            } else {
                assertEquals(expected, outcome.alert(), () -> "alert seen by the phone: " + outcome.failure().summary());
                assertEquals("server", outcome.failure().sender());
                // TLS 1.3: the phone's Finished went out before the server judged its certificate.
                assertEquals("TLSv1.3".equals(version), outcome.handshakeCompleted(), outcome::toString);
                assertFalse(connection.established(), connection::toString);
                assertFalse(connection.accepted(), connection::toString);
                String why = switch (held) {
                    case EXPIRED -> "certificate has expired";
                    case UNTRUSTED_CA -> "unable to get local issuer certificate";
                    default -> "PEER_DID_NOT_RETURN_A_CERTIFICATE";
                };
                assertTrue(connection.reason().contains(why), connection::toString);
            }
            assertNull(mxOne.takeRequest(50, TimeUnit.MILLISECONDS), "no SIP was sent");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aCertificateForTheWrongPurposeIsAnUnsupportedCertificate(PhoneSettings.TlsProvider provider) throws Exception {
        // pbx-server: EKU serverAuth only, from test-root. OpenSSL: X509_V_ERR_INVALID_PURPOSE (26),
        // which ssl_verify_alert_type sends as unsupported_certificate.
        IssuedCertificate server = PKI.get(FixtureName.PBX_SERVER);
        try (MockAsterisk mxOne = MockAsterisk.builder().personality(ServerPersonality.MX_ONE)
                .clientVerification(ClientVerificationMode.OPTIONAL)
                .certificate(PKI.get(FixtureName.MX_ONE_SERVER))
                .caList(List.of(PKI.get(FixtureName.TEST_ROOT).certificate()))
                .port(0).eventLoopGroup(LOOPS).build().start()) {
            PhoneSettings settings = PhoneSettings.builder().account("101", "pass101").serverHost("lim1.mx.sip.test")
                    .serverAddress(mxOne.address()).tlsProvider(provider)
                    .clientCredentials(new ClientCredentials(server.privateKey(), server.chainWithoutRoot())).build();
            TlsAlertClient.Outcome outcome = TlsAlertClient.connect(
                    PhoneSslContexts.forPhone(TlsAlertClient.phoneOffering("TLSv1.2"), settings), mxOne.address(), LOOPS);
            assertEquals("unsupported_certificate", outcome.alert(), outcome::toString);
            TlsConnection connection = lastConnection(mxOne);
            assertTrue(connection.reason().contains("unsuitable certificate purpose"), connection::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void withoutACaListMxOneTrustsTheRootOfItsOwnCertificate(PhoneSettings.TlsProvider provider) throws Exception {
        // pbx-server-server-and-client-auth is from test-root, mx-one-server's root: accepted. The Algo
        // device certificate (algo-root) is then an unknown CA.
        try (MockAsterisk mxOne = MockAsterisk.builder().personality(ServerPersonality.MX_ONE)
                .clientVerification(ClientVerificationMode.MANDATORY)
                .certificate(PKI.get(FixtureName.MX_ONE_SERVER))
                .port(0).eventLoopGroup(LOOPS).build().start()) {
            IssuedCertificate both = PKI.get(FixtureName.PBX_SERVER_SERVER_AND_CLIENT_AUTH);
            PhoneSettings.Builder settings = PhoneSettings.builder().account("101", "pass101")
                    .serverHost("lim1.mx.sip.test").serverAddress(mxOne.address()).tlsProvider(provider);
            TlsAlertClient.Outcome sameRoot = TlsAlertClient.connect(PhoneSslContexts.forPhone(TlsAlertClient.phoneOffering("TLSv1.2"),
                    settings.clientCredentials(new ClientCredentials(both.privateKey(), both.chainWithoutRoot())).build()),
                    mxOne.address(), LOOPS);
            assertNull(sameRoot.failure(), sameRoot::toString);
            TlsAlertClient.Outcome algo = TlsAlertClient.connect(PhoneSslContexts.forPhone(TlsAlertClient.phoneOffering("TLSv1.2"),
                    settings(mxOne, Held.TRUSTED, provider)), mxOne.address(), LOOPS);
            assertEquals("unknown_ca", algo.alert(), algo::toString);
        }
    }

    static Stream<PhoneSettings.TlsProvider> providers() {
        return Stream.of(PhoneSettings.TlsProvider.values());
    }

    static MockAsterisk mxOne(ClientVerificationMode mode, List<String> protocols) {
        return MockAsterisk.builder()
                .personality(ServerPersonality.MX_ONE)
                .clientVerification(mode)
                .certificate(PKI.get(FixtureName.MX_ONE_SERVER))
                .caList(List.of(PKI.get(FixtureName.ALGO_ROOT).certificate()))
                .tlsProtocols(protocols)
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .port(0)
                .eventLoopGroup(LOOPS)
                .build().start();
    }

    static PhoneSettings settings(MockAsterisk mxOne, Held held, PhoneSettings.TlsProvider provider) {
        PhoneSettings.Builder settings = PhoneSettings.builder()
                .account("101", "pass101")
                .serverHost("lim1.mx.sip.test")
                .serverAddress(mxOne.address())
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate())
                .tlsProvider(provider);
        if (held.fixture != null) {
            IssuedCertificate issued = PKI.get(held.fixture);
            settings.clientCredentials(new ClientCredentials(issued.privateKey(), issued.chainWithoutRoot()));
        }
        return settings.build();
    }

    static TlsConnection lastConnection(MockAsterisk pbx) throws InterruptedException {
        for (int i = 0; i < 100 && pbx.tlsConnections().isEmpty(); i++) {
            Thread.sleep(20);
        }
        List<TlsConnection> all = pbx.tlsConnections();
        assertFalse(all.isEmpty(), "the mock recorded no connection");
        return all.get(all.size() - 1);
    }
}
