package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.PhoneSettings.TlsProvider;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.tls.TlsAlert;
import io.sipshield.emulator.tls.TlsReport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The alerts a failed handshake ends with, on both phone providers, checked against a real
 * {@code openssl s_server} (OpenSSL 3, what PJSIP in Asterisk runs on) and then against the mock,
 * which must send the same: alert 40 handshake_failure when the transport's {@code cipher=} list has
 * no suite its certificate can serve, alert 70 protocol_version when the versions do not meet, sent
 * by whichever side refuses the other's version.
 */
@Tag("slow")
@Timeout(60)
class TlsAlertInteropTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private static final String ECDSA_ONLY = "ECDHE-ECDSA-AES128-GCM-SHA256";

    @TempDir
    Path directory;

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static Stream<Arguments> phones() {
        return Stream.of(TlsProvider.values()).flatMap(provider -> Stream.of(
                Arguments.of(provider, DeviceProfiles.DIGIUM_D6X_2_9_2),
                Arguments.of(provider, DeviceProfiles.CISCO_8845_14_2)));
    }

    private static TlsReport connect(InetSocketAddress server, DeviceProfile profile, TlsProvider provider)
            throws Exception {
        try (Phone phone = Phone.create(profile, PhoneSettings.builder().account("101", "pass101")
                .serverHost("pbx.sip.test").serverAddress(server).tlsProvider(provider)
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate()).build(), LOOPS)) {
            TlsReport report = phone.connect().get(10, TimeUnit.SECONDS);
            assertFalse(report.established(), "the handshake should fail: " + report);
            return report;
        }
    }

    private static MockAsterisk mock(FixtureName certificate, UnaryOperator<MockAsterisk.Builder> transport) {
        return transport.apply(MockAsterisk.builder().certificate(PKI.get(certificate)).port(0)
                .eventLoopGroup(LOOPS)).build().start();
    }

    private static TlsConnection lastConnection(MockAsterisk pbx) throws InterruptedException {
        for (int i = 0; i < 100 && pbx.tlsConnections().isEmpty(); i++) {
            Thread.sleep(20);
        }
        List<TlsConnection> all = pbx.tlsConnections();
        assertFalse(all.isEmpty(), "the mock recorded no connection");
        return all.get(all.size() - 1);
    }

    private static void assertAlert(int code, TlsAlert.Sender sender, TlsReport report) {
        assertNotNull(report.alert(), () -> "the phone saw no alert: " + report.failure());
        assertEquals(TlsAlert.fatal(code, sender), report.alert(), report.failure());
        assertTrue(report.failure().contains(TlsAlert.nameOf(code)), report.failure());
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("phones")
    void openSslAnswersACipherListItsRsaKeyCannotServeWithHandshakeFailure(TlsProvider provider, DeviceProfile profile)
            throws Exception {
        try (OpenSslServer server = OpenSslServer.start(directory, PKI.get(FixtureName.PBX_SERVER),
                "-cipher", ECDSA_ONLY)) {
            TlsReport report = connect(server.address(), profile, provider);
            assertAlert(40, TlsAlert.Sender.SERVER, report);
            assertTrue(server.awaitOutput("no shared cipher"), server.output());
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("phones")
    void theMockAnswersACipherListItsRsaKeyCannotServeAsOpenSslDoes(TlsProvider provider, DeviceProfile profile)
            throws Exception {
        try (MockAsterisk pbx = mock(FixtureName.PBX_SERVER, b -> b.ciphers(List.of(ECDSA_ONLY)))) {
            TlsReport report = connect(pbx.address(), profile, provider);
            assertAlert(40, TlsAlert.Sender.SERVER, report);
            TlsConnection seen = lastConnection(pbx);
            assertEquals(TlsAlert.fatal(40, TlsAlert.Sender.SERVER), seen.alert(), seen::toString);
            assertTrue(seen.reason().contains("NO_SHARED_CIPHER"), seen::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void anEcKeyWithOnlyRsaSuitesIsHandshakeFailureOnBoth(TlsProvider provider) throws Exception {
        String rsaOnly = "ECDHE-RSA-AES128-GCM-SHA256";
        try (OpenSslServer server = OpenSslServer.start(directory, PKI.get(FixtureName.PBX_SERVER_EC),
                "-cipher", rsaOnly);
             MockAsterisk pbx = mock(FixtureName.PBX_SERVER_EC, b -> b.ciphers(List.of(rsaOnly)))) {
            assertAlert(40, TlsAlert.Sender.SERVER, connect(server.address(), DeviceProfiles.DIGIUM_D6X_2_9_2, provider));
            assertAlert(40, TlsAlert.Sender.SERVER, connect(pbx.address(), DeviceProfiles.DIGIUM_D6X_2_9_2, provider));
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aServerAboveThePhonesVersionsSendsProtocolVersion(TlsProvider provider) throws Exception {
        try (OpenSslServer server = OpenSslServer.start(directory, PKI.get(FixtureName.PBX_SERVER), "-tls1_3");
             MockAsterisk pbx = mock(FixtureName.PBX_SERVER, b -> b.method(TlsMethod.TLSV1_3))) {
            assertAlert(70, TlsAlert.Sender.SERVER, connect(server.address(), DeviceProfiles.DIGIUM_D6X_2_9_2, provider));
            assertAlert(70, TlsAlert.Sender.SERVER, connect(pbx.address(), DeviceProfiles.DIGIUM_D6X_2_9_2, provider));
            assertEquals(TlsAlert.fatal(70, TlsAlert.Sender.SERVER), lastConnection(pbx).alert());
        }
    }

    /**
     * A TLS 1.2-only phone and a TLS 1.0-only server: who refuses depends on the ClientHello. The
     * JDK sends supported_versions (RFC 8446 §4.2.1) even for TLS 1.2 alone, so the server finds no
     * version in it and sends protocol_version; BoringSSL sends that extension only when it offers
     * TLS 1.3, so the server answers TLS 1.0 from the legacy version and the phone refuses it
     * (BoringSSL's UNSUPPORTED_PROTOCOL), sending protocol_version itself. OpenSSL and the mock agree.
     */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void whoRefusesAnOlderServerDependsOnSupportedVersions(TlsProvider provider) throws Exception {
        TlsAlert.Sender refuser = provider == TlsProvider.JDK ? TlsAlert.Sender.SERVER : TlsAlert.Sender.PHONE;
        // PJSIP's method=default is TLS 1.0 alone; OpenSSL 3 only speaks it at security level 0
        try (OpenSslServer server = OpenSslServer.start(directory, PKI.get(FixtureName.PBX_SERVER),
                "-tls1", "-cipher", "DEFAULT@SECLEVEL=0");
             MockAsterisk pbx = mock(FixtureName.PBX_SERVER, b -> b.method(TlsMethod.DEFAULT))) {
            assertAlert(70, refuser, connect(server.address(), DeviceProfiles.CISCO_8845_14_2, provider));
            assertAlert(70, refuser, connect(pbx.address(), DeviceProfiles.CISCO_8845_14_2, provider));
            TlsConnection seen = lastConnection(pbx);
            assertEquals(TlsAlert.fatal(70, refuser), seen.alert(), seen::toString);
            assertNotNull(seen.clientHello(), seen::toString);
            assertEquals(refuser == TlsAlert.Sender.SERVER, !seen.clientHello().supportedVersions().isEmpty(),
                    seen.clientHello()::toString);
        }
    }

    @Test
    void aTls10OnlyPhoneMeetingATls12ServerGetsProtocolVersionFromIt() throws Exception {
        // the JDK provider cannot offer TLS 1.0 (jdk.tls.disabledAlgorithms): BoringSSL only
        try (OpenSslServer server = OpenSslServer.start(directory, PKI.get(FixtureName.PBX_SERVER), "-tls1_2");
             MockAsterisk pbx = mock(FixtureName.PBX_SERVER, b -> b.method(TlsMethod.TLSV1_2))) {
            assertAlert(70, TlsAlert.Sender.SERVER,
                    connect(server.address(), DeviceProfiles.CISCO_7961_9_4, TlsProvider.BORINGSSL));
            assertAlert(70, TlsAlert.Sender.SERVER,
                    connect(pbx.address(), DeviceProfiles.CISCO_7961_9_4, TlsProvider.BORINGSSL));
        }
    }
}
