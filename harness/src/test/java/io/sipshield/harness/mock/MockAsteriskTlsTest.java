package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.emulator.ClientCredentials;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.tls.PhoneSslContexts;
import io.sipshield.emulator.tls.TlsReport;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The mock's TLS transport as pjsip.conf's method, cipher, require_client_cert and verify_client make it. */
@Timeout(60)
class MockAsteriskTlsTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static MockAsterisk pbx(UnaryOperator<MockAsterisk.Builder> transport) {
        return transport.apply(MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER))
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .port(0)
                .eventLoopGroup(LOOPS)).build().start();
    }

    private static Phone phone(MockAsterisk pbx, DeviceProfile profile, FixtureName clientCertificate) {
        PhoneSettings.Builder settings = PhoneSettings.builder()
                .account("101", "pass101")
                .serverHost("pbx.sip.test")
                .serverAddress(pbx.address())
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate());
        if (clientCertificate != null) {
            IssuedCertificate issued = PKI.get(clientCertificate);
            settings.clientCredentials(new ClientCredentials(issued.privateKey(), issued.chainWithoutRoot()));
        }
        return Phone.create(profile, settings.build(), LOOPS);
    }

    private static MockAsterisk.Builder verifyingAlgoDevices(MockAsterisk.Builder builder) {
        return builder.verifyClient(true).caList(List.of(PKI.get(FixtureName.ALGO_ROOT).certificate()));
    }

    private static TlsConnection lastConnection(MockAsterisk pbx) throws InterruptedException {
        for (int i = 0; i < 100 && pbx.tlsConnections().isEmpty(); i++) {
            Thread.sleep(20);
        }
        List<TlsConnection> all = pbx.tlsConnections();
        assertFalse(all.isEmpty(), "the mock recorded no connection");
        return all.get(all.size() - 1);
    }

    @Test
    void requireClientCertRefusesAPhoneWithoutACertificateInTheHandshake() throws Exception {
        try (MockAsterisk pbx = pbx(b -> b.requireClientCert(true));
             Phone phone = phone(pbx, DeviceProfiles.ALGO_8301_3_1, null)) {
            TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
            assertFalse(tls.established(), "no client certificate, no handshake");
            assertTrue(tls.failure().toUpperCase().contains("HANDSHAKE_FAILURE"),
                    "TLS 1.2: alert 40 handshake_failure from BoringSSL: " + tls.failure());
            TlsConnection connection = lastConnection(pbx);
            assertFalse(connection.established());
            assertFalse(connection.accepted());
            assertNull(pbx.takeRequest(200, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void requireClientCertOnTls13RefusesAPhoneWithoutACertificateWithCertificateRequired() throws Exception {
        for (PhoneSettings.TlsProvider provider : PhoneSettings.TlsProvider.values()) {
            try (MockAsterisk pbx = pbx(b -> b.requireClientCert(true).method(TlsMethod.TLSV1_3))) {
                TlsAlertClient.Outcome outcome = TlsAlertClient.connect(PhoneSslContexts.forPhone(
                        TlsAlertClient.phoneOffering("TLSv1.3"), PhoneSettings.builder().account("101", "pass101")
                                .serverHost("pbx.sip.test").serverAddress(pbx.address()).tlsProvider(provider).build()),
                        pbx.address(), LOOPS);
                assertEquals("certificate_required", outcome.alert(), provider + ": " + outcome);
                assertEquals("server", outcome.failure().sender());
                assertTrue(outcome.handshakeCompleted(), "TLS 1.3: the phone finished before the server's verdict");
                TlsConnection connection = lastConnection(pbx);
                assertFalse(connection.established(), connection::toString);
                assertFalse(connection.accepted());
                assertNull(pbx.takeRequest(100, TimeUnit.MILLISECONDS));
            }
        }
    }

    @Test
    void requireClientCertLetsAPhoneWithACertificateRegister() throws Exception {
        try (MockAsterisk pbx = pbx(b -> verifyingAlgoDevices(b.requireClientCert(true)));
             Phone phone = phone(pbx, DeviceProfiles.ALGO_8301_3_1, FixtureName.ALGO_DEVICE)) {
            assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
            assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
            TlsConnection connection = lastConnection(pbx);
            assertTrue(connection.accepted(), connection::toString);
            assertTrue(connection.clientCertificate().contains(FixtureCatalog.ALGO_DEVICE_MAC), connection::toString);
        }
    }

    @Test
    void verifyClientClosesTheConnectionOfAnExpiredCertificateAfterTheHandshakeWithoutSip() throws Exception {
        assertClosedAfterHandshake(FixtureName.CLIENT_EXPIRED, "certificate has expired");
    }

    @Test
    void verifyClientClosesTheConnectionOfAnUntrustedCertificateAfterTheHandshakeWithoutSip() throws Exception {
        assertClosedAfterHandshake(FixtureName.CLIENT_UNTRUSTED_CA, "unable to get local issuer certificate");
    }

    private static void assertClosedAfterHandshake(FixtureName certificate, String why) throws Exception {
        try (MockAsterisk pbx = pbx(MockAsteriskTlsTest::verifyingAlgoDevices);
             Phone phone = phone(pbx, DeviceProfiles.ALGO_8301_3_1, certificate)) {
            TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
            assertTrue(tls.established(), "PJSIP lets the handshake complete: " + tls.failure());
            TlsConnection connection = lastConnection(pbx);
            assertTrue(connection.established());
            assertFalse(connection.accepted());
            assertTrue(connection.reason().contains(why), connection::toString);
            assertThrows(Exception.class, () -> phone.register().get(3, TimeUnit.SECONDS),
                    "no SIP response on a closed connection");
            assertNull(pbx.takeRequest(200, TimeUnit.MILLISECONDS), "the mock read no SIP from it");
            assertTrue(pbx.registrar().bindings().isEmpty());
        }
    }

    @Test
    void verifyClientAcceptsACertificateFromATrustedCa() throws Exception {
        try (MockAsterisk pbx = pbx(MockAsteriskTlsTest::verifyingAlgoDevices);
             Phone phone = phone(pbx, DeviceProfiles.ALGO_8301_3_1, FixtureName.ALGO_DEVICE)) {
            assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
            assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
            assertTrue(lastConnection(pbx).accepted());
        }
    }

    @Test
    void withoutVerifyClientAnUntrustedCertificateIsNotChecked() throws Exception {
        try (MockAsterisk pbx = pbx(b -> b.requireClientCert(true));
             Phone phone = phone(pbx, DeviceProfiles.ALGO_8301_3_1, FixtureName.CLIENT_UNTRUSTED_CA)) {
            assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
            assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void aTls10OnlyPhoneIsRefusedByMethodTlsv12() throws Exception {
        try (MockAsterisk pbx = pbx(b -> b.method(TlsMethod.TLSV1_2));
             Phone phone = phone(pbx, DeviceProfiles.CISCO_7961_9_4, FixtureName.CISCO_MIC)) {
            TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
            assertFalse(tls.established());
            assertFalse(lastConnection(pbx).established());
        }
    }

    @Test
    void methodDefaultIsTls10AloneAsPjsipHasIt() throws Exception {
        try (MockAsterisk pbx = pbx(b -> b.method(TlsMethod.DEFAULT));
             Phone phone = phone(pbx, DeviceProfiles.DIGIUM_D6X_2_9_2, null)) {
            TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
            assertTrue(tls.established(), () -> String.valueOf(tls.failure()));
            assertEquals("TLSv1", tls.protocol());
        }
    }

    @Test
    void methodTlsv13RefusesAPhoneThatStopsAtTls12() throws Exception {
        try (MockAsterisk pbx = pbx(b -> b.method(TlsMethod.TLSV1_3));
             Phone phone = phone(pbx, DeviceProfiles.DIGIUM_D6X_2_9_2, null)) {
            assertFalse(phone.connect().get(10, TimeUnit.SECONDS).established());
        }
    }

    @Test
    void methodSslv23TakesTls12() throws Exception {
        try (MockAsterisk pbx = pbx(b -> b.method(TlsMethod.SSLV23));
             Phone phone = phone(pbx, DeviceProfiles.DIGIUM_D6X_2_9_2, null)) {
            TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
            assertEquals("TLSv1.2", tls.protocol());
            assertEquals(List.of("TLSv1.2", "TLSv1.3"), TlsMethod.SSLV23.protocols());
        }
    }

    @Test
    void theCipherListDecidesTheSuite() throws Exception {
        try (MockAsterisk pbx = pbx(b -> b.ciphers(List.of("ECDHE-RSA-AES256-GCM-SHA384",
                "ECDHE-ECDSA-AES256-GCM-SHA384")));
             Phone phone = phone(pbx, DeviceProfiles.DIGIUM_D6X_2_9_2, null)) {
            TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
            assertTrue(tls.established(), () -> String.valueOf(tls.failure()));
            assertTrue(tls.cipherSuite().contains("AES_256_GCM_SHA384"), tls.cipherSuite());
        }
    }

    @Test
    void anUnknownCipherOrANumericIdIsRefusedByName() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> MockAsterisk.builder().ciphers(List.of("NOT-A-CIPHER")));
        assertTrue(unknown.getMessage().contains("cipher=NOT-A-CIPHER"), unknown.getMessage());
        IllegalArgumentException numeric = assertThrows(IllegalArgumentException.class,
                () -> MockAsterisk.builder().ciphers(List.of("0xC02F")));
        assertTrue(numeric.getMessage().contains("cipher=0xC02F"), numeric.getMessage());
    }

    @Test
    void methodsAreReadWithAsterisksNames() {
        assertEquals(TlsMethod.TLSV1_2, TlsMethod.fromAsteriskName("TLSv1_2"));
        assertEquals(List.of("TLSv1"), TlsMethod.fromAsteriskName("default").protocols());
        IllegalArgumentException sslv3 = assertThrows(IllegalArgumentException.class,
                () -> TlsMethod.fromAsteriskName("sslv3"));
        assertTrue(sslv3.getMessage().contains("OpenSSL 3 has no sslv3"), sslv3.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> TlsMethod.fromAsteriskName("tls1.2"));
        assertTrue(unknown.getMessage().startsWith("method=tls1.2 is not"), unknown.getMessage());
    }
}
