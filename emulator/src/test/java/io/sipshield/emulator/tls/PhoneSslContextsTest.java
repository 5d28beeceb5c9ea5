package io.sipshield.emulator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.SslContext;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfiles;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The phone's TLS offer comes from its profile; what a provider cannot offer is named, not hidden. */
class PhoneSslContextsTest {

    private static PhoneSettings settings(PhoneSettings.TlsProvider provider) {
        return PhoneSettings.builder().account("101", "x").serverAddress(new InetSocketAddress("127.0.0.1", 5061))
                .tlsProvider(provider).build();
    }

    @Test
    void boringSslDropsTheAnonymousAndNullSuitesOfOldFirmware() {
        SslContext old = PhoneSslContexts.forPhone(DeviceProfiles.DIGIUM_D65_2_2_0_4,
                settings(PhoneSettings.TlsProvider.BORINGSSL));
        List<String> dropped = PhoneSslContexts.droppedCipherSuites(DeviceProfiles.DIGIUM_D65_2_2_0_4, old);
        assertTrue(dropped.contains("TLS_DH_anon_WITH_AES_128_CBC_SHA"), dropped.toString());
        assertTrue(dropped.contains("TLS_RSA_WITH_NULL_SHA256"), dropped.toString());
        assertTrue(old.cipherSuites().contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), old.cipherSuites().toString());
        SslContext current = PhoneSslContexts.forPhone(DeviceProfiles.DIGIUM_D65_2_9_2,
                settings(PhoneSettings.TlsProvider.BORINGSSL));
        assertTrue(current.cipherSuites().stream().noneMatch(s -> s.contains("anon") || s.contains("NULL")));
    }

    @Test
    void bothProvidersTakeTheProfilesOffer() {
        for (PhoneSettings.TlsProvider provider : PhoneSettings.TlsProvider.values()) {
            SslContext context = PhoneSslContexts.forPhone(DeviceProfiles.ALGO_8301_3_1_FORCE_TLS12, settings(provider));
            assertTrue(context.cipherSuites().stream().allMatch(
                    s -> DeviceProfiles.ALGO_8301_3_1_FORCE_TLS12.offeredCipherSuites().contains(s)), provider.name());
            assertEquals(List.of(), PhoneSslContexts.droppedCipherSuites(DeviceProfiles.ALGO_8301_3_1_FORCE_TLS12, context),
                    provider.name());
        }
    }
}
