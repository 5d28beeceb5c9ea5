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
import io.sipshield.emulator.profile.Quirk;
import io.sipshield.emulator.tls.PhoneSslContexts;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the phone's ClientHello offered, as the mock records it per connection
 * ({@link TlsConnection#offeredCiphers()}, {@link TlsConnection#offeredVersions()}), and what that
 * shows about the D-Series anonymous and NULL suites before 2_3_9.
 */
@Timeout(60)
class MockClientHelloTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    /** IANA ids of the suites Quirk.ANONYMOUS_AND_NULL_CIPHERS adds (RFC 5246 A.5, RFC 4492 §6). */
    private static final Map<String, Integer> ANONYMOUS_AND_NULL = Map.of(
            "TLS_ECDH_anon_WITH_AES_128_CBC_SHA", 0xC018, "TLS_DH_anon_WITH_AES_128_CBC_SHA", 0x0034,
            "TLS_DH_anon_WITH_AES_256_CBC_SHA", 0x003A, "TLS_RSA_WITH_NULL_SHA256", 0x003B,
            "TLS_RSA_WITH_NULL_SHA", 0x0002, "TLS_ECDHE_RSA_WITH_NULL_SHA", 0xC010,
            "TLS_ECDHE_ECDSA_WITH_NULL_SHA", 0xC006);

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static TlsConnection helloOf(DeviceProfile profile, TlsProvider provider) throws Exception {
        try (MockAsterisk pbx = MockAsterisk.builder().certificate(PKI.get(FixtureName.PBX_SERVER)).port(0)
                .eventLoopGroup(LOOPS).build().start();
             Phone phone = Phone.create(profile, settings(pbx, provider), LOOPS)) {
            phone.connect().get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 100 && pbx.tlsConnections().isEmpty(); i++) {
                Thread.sleep(20);
            }
            assertFalse(pbx.tlsConnections().isEmpty(), "the mock recorded no connection");
            TlsConnection connection = pbx.tlsConnections().get(0);
            assertNotNull(connection.clientHello(), connection::toString);
            return connection;
        }
    }

    private static PhoneSettings settings(MockAsterisk pbx, TlsProvider provider) {
        return PhoneSettings.builder().account("101", "pass101").serverHost("pbx.sip.test")
                .serverAddress(pbx.address()).tlsProvider(provider)
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate()).build();
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void theMockRecordsTheSuitesAndVersionsThePhoneOffered(TlsProvider provider) throws Exception {
        TlsConnection digium = helloOf(DeviceProfiles.DIGIUM_D6X_2_9_2, provider);
        assertTrue(digium.established(), digium::toString);
        assertTrue(digium.offeredCiphers().contains(0xC02F), "ECDHE-RSA-AES128-GCM-SHA256: " + digium.clientHello());
        assertTrue(digium.offeredCiphers().contains(0x002F), "AES128-SHA: " + digium.clientHello());
        assertEquals("TLSv1.2", digium.offeredVersions().get(0), digium.clientHello()::toString);
        assertFalse(digium.offeredVersions().contains("TLSv1.3"), digium.clientHello()::toString);
        // the JDK disables TLS 1.0 and 1.1 (jdk.tls.disabledAlgorithms); BoringSSL offers the profile's 1.0-1.2
        assertEquals(provider == TlsProvider.BORINGSSL, digium.offeredVersions().contains("TLSv1"),
                digium.clientHello()::toString);

        TlsConnection cisco = helloOf(DeviceProfiles.CISCO_8845_14_2, provider);
        // without supported_versions a TLS 1.2 ClientHello can be answered with any lower version (RFC 5246 E.1)
        assertEquals("TLSv1.2", cisco.offeredVersions().get(0), cisco.clientHello()::toString);
        assertTrue(digium.offeredCiphers().contains(0xC009), "ECDHE-ECDSA-AES128-SHA: " + digium.clientHello());
        assertFalse(cisco.offeredCiphers().contains(0xC009), "not in the 8845 list: " + cisco.clientHello());
    }

    @Test
    void aHandshakeThatFailsStillHasItsClientHelloRecorded() throws Exception {
        try (MockAsterisk pbx = MockAsterisk.builder().certificate(PKI.get(FixtureName.PBX_SERVER)).port(0)
                .ciphers(List.of("ECDHE-RSA-CHACHA20-POLY1305")).eventLoopGroup(LOOPS).build().start();
             Phone phone = Phone.create(DeviceProfiles.CISCO_8845_14_2, settings(pbx, TlsProvider.BORINGSSL), LOOPS)) {
            assertFalse(phone.connect().get(10, TimeUnit.SECONDS).established());
            for (int i = 0; i < 100 && pbx.tlsConnections().isEmpty(); i++) {
                Thread.sleep(20);
            }
            TlsConnection refused = pbx.tlsConnections().get(0);
            assertFalse(refused.established());
            assertFalse(refused.offeredCiphers().contains(0xCCA8), "ChaCha20 was not offered: " + refused);
            assertTrue(refused.offeredCiphers().contains(0xC030), refused::toString);
        }
    }

    /**
     * Before 2_3_9 a D-Series offers anonymous and NULL suites; neither phone provider can put them
     * on the wire: BoringSSL has none of them, and the JDK disables {@code anon, NULL} in
     * {@code jdk.tls.disabledAlgorithms}. So today the quirk is visible only as the suites the
     * context dropped, and the 2_2_0_4 ClientHello is 2_3_9's. This test pins that down; it fails
     * (and must then be turned around) the day a provider sends them.
     */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void anonymousAndNullSuitesBefore2_3_9AreDroppedByBothProvidersNotOffered(TlsProvider provider) throws Exception {
        DeviceProfile old = DeviceProfiles.DIGIUM_D65_2_2_0_4;
        DeviceProfile fixed = DeviceProfiles.DIGIUM_D65_2_3_9;
        assertTrue(old.has(Quirk.ANONYMOUS_AND_NULL_CIPHERS));
        assertFalse(fixed.has(Quirk.ANONYMOUS_AND_NULL_CIPHERS));
        assertTrue(old.offeredCipherSuites().containsAll(ANONYMOUS_AND_NULL.keySet()), old.offeredCipherSuites()::toString);
        assertTrue(fixed.offeredCipherSuites().stream().noneMatch(ANONYMOUS_AND_NULL::containsKey));

        PhoneSettings settings = PhoneSettings.builder().account("101", "p").serverHost("pbx.sip.test")
                .serverAddress(new java.net.InetSocketAddress("127.0.0.1", 5061)).tlsProvider(provider).build();
        // (3DES goes too: BoringSSL lacks it, the JDK disables 3DES_EDE_CBC)
        assertTrue(PhoneSslContexts.droppedCipherSuites(old, PhoneSslContexts.forPhone(old, settings))
                .containsAll(ANONYMOUS_AND_NULL.keySet()));

        TlsConnection before = helloOf(old, provider);
        TlsConnection after = helloOf(fixed, provider);
        assertTrue(after.offeredCiphers().stream().noneMatch(ANONYMOUS_AND_NULL::containsValue), after::toString);
        assertTrue(before.offeredCiphers().stream().noneMatch(ANONYMOUS_AND_NULL::containsValue), before::toString);
        assertEquals(after.offeredCiphers(), before.offeredCiphers());
    }
}
