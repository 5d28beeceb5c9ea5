package io.sipshield.emulator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.OpenSslSessionContext;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.emulator.ClientCredentials;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.tls.TlsResumption.Mode;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TlsContextPoolTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5061);

    private static PhoneSettings.Builder settings(String user) {
        return PhoneSettings.builder().account(user, "pass").serverAddress(SERVER);
    }

    @Test
    void phonesWithTheSameTlsConfigurationShareOneContextButNotASessionSlot() {
        TlsContextPool pool = new TlsContextPool();
        Set<Integer> slots = new HashSet<>();
        TlsContextLease first = null;
        for (int i = 0; i < 50; i++) {
            // trust anchors differ per phone: they are judged after the handshake, not in the context
            PhoneSettings.Builder builder = settings("10" + i);
            if (i % 2 == 0) {
                builder.trust(PKI.get(FixtureName.TEST_ROOT).certificate());
            }
            TlsContextLease lease = pool.lease(DeviceProfiles.DIGIUM_D6X_2_9_2, builder.build());
            if (first == null) {
                first = lease;
            }
            assertSame(first.context(), lease.context());
            assertTrue(slots.add(lease.sessionSlot()), "each phone has a session slot of its own");
            assertTrue(lease.peerPort(5061) > 65_535, "a slot never looks like the server's own port");
        }
        assertEquals(1, pool.size());
    }

    @Test
    void aDifferentProviderResumptionOrProfileGetsAnotherContext() {
        TlsContextPool pool = new TlsContextPool();
        TlsContextLease boring = pool.lease(DeviceProfiles.DIGIUM_D6X_2_9_2, settings("101").build());
        TlsContextLease jdk = pool.lease(DeviceProfiles.DIGIUM_D6X_2_9_2, settings("102")
                .tlsProvider(PhoneSettings.TlsProvider.JDK).build());
        TlsContextLease resuming = pool.lease(DeviceProfiles.DIGIUM_D6X_2_9_2, settings("103")
                .tlsResumption(TlsResumption.of(Mode.IDS)).build());
        TlsContextLease cisco = pool.lease(DeviceProfiles.CISCO_8845_14_2, settings("104").build());
        assertNotSame(boring.context(), jdk.context());
        assertNotSame(boring.context(), resuming.context());
        assertNotSame(boring.context(), cisco.context());
        assertEquals(4, pool.size());
        assertEquals(Mode.IDS, cisco.resumption().mode(), "a Cisco's default");
    }

    @Test
    void aDSeriesIgnoresClientCredentialsSoTheyDoNotSplitThePool() {
        IssuedCertificate phoneCert = PKI.get(FixtureName.ALGO_DEVICE);
        ClientCredentials credentials = new ClientCredentials(phoneCert.privateKey(), phoneCert.chainWithoutRoot());
        TlsContextKey plain = TlsContextKey.of(DeviceProfiles.DIGIUM_D6X_2_9_2, settings("101").build());
        TlsContextKey withCert = TlsContextKey.of(DeviceProfiles.DIGIUM_D6X_2_9_2, settings("102")
                .clientCredentials(credentials).build());
        assertEquals(plain, withCert, "a D-Series presents no client certificate");
        TlsContextKey algo = TlsContextKey.of(DeviceProfiles.ALGO_8301_3_1, settings("103").build());
        TlsContextKey algoWithCert = TlsContextKey.of(DeviceProfiles.ALGO_8301_3_1, settings("104")
                .clientCredentials(credentials).build());
        assertNotEquals(algo, algoWithCert, "an Algo presents it: another context");
    }

    @Test
    void theContextsSessionCacheFollowsTheResumptionMode() {
        TlsContextPool pool = new TlsContextPool();
        OpenSslSessionContext off = (OpenSslSessionContext) pool.lease(DeviceProfiles.DIGIUM_D6X_2_9_2,
                settings("101").tlsResumption(TlsResumption.none()).build()).context().sessionContext();
        OpenSslSessionContext ids = (OpenSslSessionContext) pool.lease(DeviceProfiles.DIGIUM_D6X_2_9_2,
                settings("102").tlsResumption(TlsResumption.of(Mode.IDS)).build()).context().sessionContext();
        assertTrue(!off.isSessionCacheEnabled() && ids.isSessionCacheEnabled());
        assertEquals(TlsResumption.DEFAULT_LIFETIME.toSeconds(), ids.getSessionTimeout());
    }

    @Test
    void phonesTrustingTheSameShareAValidatorAndOthersGetTheirOwn() {
        TlsContextPool pool = new TlsContextPool();
        java.security.cert.X509Certificate root = PKI.get(FixtureName.TEST_ROOT).certificate();
        CertificateValidator first = pool.validator(DeviceProfiles.DIGIUM_D6X_2_9_2, settings("101").trust(root).build());
        CertificateValidator second = pool.validator(DeviceProfiles.DIGIUM_D6X_2_9_2, settings("102").trust(root).build());
        CertificateValidator other = pool.validator(DeviceProfiles.DIGIUM_D6X_2_9_2, settings("103")
                .trust(PKI.get(FixtureName.OTHER_ROOT).certificate()).build());
        CertificateValidator wildcards = pool.validator(DeviceProfiles.DIGIUM_D6X_2_9_2, settings("104").trust(root)
                .allowWildcards(true).build());
        assertSame(first, second);
        assertNotSame(first, other);
        assertNotSame(first, wildcards);
        assertEquals(3, pool.validatorCount());
    }

    @Test
    void anOwnContextLeaseUsesTheServersPortAndRefusesANegativeSlot() {
        TlsContextLease own = new TlsContextLease(PhoneSslContexts.forPhone(DeviceProfiles.DIGIUM_D6X_2_9_2,
                settings("101").build()), 0, TlsResumption.none());
        assertEquals(5061, own.peerPort(5061));
        assertThrows(IllegalArgumentException.class, () -> new TlsContextLease(own.context(), -1, TlsResumption.none()));
    }
}
