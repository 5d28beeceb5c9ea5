package io.sipshield.emulator.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The profile catalogue as data: every behaviour follows from sourced quirks, each tested both ways. */
class DeviceProfilesTest {

    @Test
    void theIssueNamesAndTheOldIdsBothResolve() {
        assertSame(DeviceProfiles.DIGIUM_D65_2_9_2, DeviceProfiles.byName("digium-d65@2_9_2").orElseThrow());
        assertSame(DeviceProfiles.DIGIUM_D65_2_9_2, DeviceProfiles.byName("digium-d6x-2_9_2").orElseThrow());
        assertSame(DeviceProfiles.DIGIUM_D65_2_2_0_4, DeviceProfiles.byName("digium-d6x-2_2_0_4").orElseThrow());
        assertSame(DeviceProfiles.DIGIUM_D65_2_9_0, DeviceProfiles.byName("digium-d6x-2_9_0").orElseThrow());
        assertTrue(DeviceProfiles.byName("algo-8301@3.1").isPresent());
        assertTrue(DeviceProfiles.byName("cisco-8845@14.2").isPresent());
        assertTrue(DeviceProfiles.byName("digium-d65@9_9_9").isEmpty());
        assertTrue(DeviceProfiles.byName(null).isEmpty());
        assertTrue(DeviceProfiles.names().contains("digium-d6x-2_9_2"), DeviceProfiles.names());
    }

    @Test
    void everyQuirkCitesASourceAndIsUsedByAProfile() {
        for (Quirk quirk : Quirk.values()) {
            assertFalse(quirk.source().isBlank(), quirk.name());
            assertFalse(quirk.behaviour().isBlank(), quirk.name());
            boolean used = DeviceProfiles.all().stream().anyMatch(profile -> profile.has(quirk));
            assertTrue(used || quirk == Quirk.PARTIAL_CHAIN, quirk + " is used by no profile");
        }
        assertTrue(Quirk.PARTIAL_CHAIN.guess());
        assertTrue(Quirk.SECURITY_LEVEL_0.guess());
        assertFalse(Quirk.WILDCARD_SETTING.guess());
    }

    @Test
    void digiumFirmwareTable() {
        DeviceProfile d2204 = DeviceProfiles.DIGIUM_D65_2_2_0_4;
        DeviceProfile d239 = DeviceProfiles.DIGIUM_D65_2_3_9;
        DeviceProfile d290 = DeviceProfiles.DIGIUM_D65_2_9_0;
        DeviceProfile d292 = DeviceProfiles.DIGIUM_D65_2_9_2;
        assertFalse(d2204.validatesServer());
        assertFalse(d239.validatesServer());
        assertTrue(d290.validatesServer());
        assertTrue(d292.validatesServer());
        assertTrue(d2204.offeredCipherSuites().contains("TLS_DH_anon_WITH_AES_128_CBC_SHA"));
        assertTrue(d2204.offeredCipherSuites().contains("TLS_RSA_WITH_NULL_SHA256"));
        for (DeviceProfile later : List.of(d239, d290, d292, DeviceProfiles.DIGIUM_D80_1_12_1)) {
            assertTrue(later.offeredCipherSuites().stream().noneMatch(s -> s.contains("anon") || s.contains("NULL")),
                    later.name());
        }
        assertFalse(d290.wildcardSetting());
        assertTrue(d292.wildcardSetting());
        assertFalse(DeviceProfiles.DIGIUM_D80_1_12_0.wildcardSetting());
        assertTrue(DeviceProfiles.DIGIUM_D80_1_12_0.validatesServer());
        assertTrue(DeviceProfiles.DIGIUM_D80_1_12_1.wildcardSetting());
        for (DeviceProfile profile : List.of(d2204, d239, d290, d292)) {
            assertEquals(List.of("TLSv1.2", "TLSv1.1", "TLSv1"), profile.offeredProtocols());
            assertEquals(ClientCertificateSource.NONE, profile.clientCertificate());
            assertTrue(profile.trustsPublicRoots());
            assertEquals(SrtpPolicy.DIGIUM, profile.srtp());
            assertFalse(profile.pinsTrustList());
        }
    }

    @Test
    void algoTrustValidationTlsAndClientCertificate() {
        DeviceProfile old = DeviceProfiles.ALGO_8301_1_7;
        DeviceProfile current = DeviceProfiles.ALGO_8301_3_1;
        assertEquals(List.of("certs/siptrusted.pem"), old.trustSources());
        assertFalse(old.trustsPublicRoots());
        assertTrue(current.trustsPublicRoots());
        assertTrue(current.trustSources().contains("certs/trusted/"), current.trustSources().toString());
        assertTrue(current.validatesServer());
        assertFalse(DeviceProfiles.ALGO_8301_3_1_NO_VALIDATION.validatesServer());
        assertEquals(List.of("TLSv1.2"), DeviceProfiles.ALGO_8301_3_1_FORCE_TLS12.offeredProtocols());
        assertEquals(3, current.offeredProtocols().size());
        assertEquals(ClientCertificateSource.FACTORY_DEVICE, current.clientCertificate());
        assertEquals(ClientCertificateSource.SIPCLIENT_PEM, DeviceProfiles.ALGO_8301_3_1_SIPCLIENT.clientCertificate());
        assertEquals(DeviceProfile.DEFAULT_SECURITY_LEVEL, current.securityLevel());
    }

    @Test
    void algoSdpSrtpOfferSettingsAreProfilesOfTheirOwn() {
        assertEquals(SrtpPolicy.ALGO_STANDARD, DeviceProfiles.ALGO_8301_3_1.srtp());
        DeviceProfile optional = DeviceProfiles.byName("algo-8301@3.1+srtp-optional").orElseThrow();
        DeviceProfile disabled = DeviceProfiles.byName("algo-8301@3.1+srtp-disabled").orElseThrow();
        assertEquals(SrtpPolicy.ALGO_OPTIONAL, optional.srtp());
        assertEquals(SrtpPolicy.ALGO_DISABLED, disabled.srtp());
        assertTrue(optional.validatesServer(), "only the SRTP setting differs from 3.1");
        assertEquals(DeviceProfiles.ALGO_8301_3_1.offeredProtocols(), disabled.offeredProtocols());
    }

    @Test
    void ciscoPinningModesAndTls() {
        DeviceProfile encrypted = DeviceProfiles.CISCO_8845_14_2;
        assertTrue(encrypted.pinsTrustList());
        assertEquals(ClientCertificateSource.MIC, encrypted.clientCertificate());
        assertEquals(ClientCertificateSource.LSC, DeviceProfiles.CISCO_8845_14_2_LSC.clientCertificate());
        assertEquals(SrtpPolicy.CISCO_ENCRYPTED, encrypted.srtp());
        DeviceProfile authenticated = DeviceProfiles.CISCO_8845_14_2_AUTHENTICATED;
        assertEquals(SrtpPolicy.CISCO_UNENCRYPTED, authenticated.srtp());
        assertTrue(authenticated.offeredCipherSuites().get(0).contains("NULL"));
        assertTrue(encrypted.offeredCipherSuites().stream().noneMatch(s -> s.contains("NULL")));
        DeviceProfile old = DeviceProfiles.CISCO_7961_9_4;
        assertEquals(List.of("TLSv1"), old.offeredProtocols());
        assertEquals(SrtpPolicy.CISCO_79X1_ENCRYPTED, old.srtp());
        assertEquals(0, old.securityLevel());
        assertTrue(old.trustSources().get(0).contains("trust list"));
    }

    @Test
    void derivationAddsAndRemovesQuirksWithoutTouchingTheParent() {
        DeviceProfile base = DeviceProfiles.DIGIUM_D65_2_9_0;
        DeviceProfile partial = base.with("test@partial", Quirk.PARTIAL_CHAIN);
        assertTrue(partial.partialChain());
        assertFalse(base.partialChain());
        DeviceProfile strict = base.without("test@strict", Quirk.SECURITY_LEVEL_0);
        assertEquals(1, strict.securityLevel());
        assertEquals(0, base.securityLevel());
        assertEquals(Set.copyOf(base.quirks()), Set.copyOf(partial.without("x", Quirk.PARTIAL_CHAIN).quirks()));
        assertTrue(partial.sources().contains(Quirk.PARTIAL_CHAIN.source()));
    }

    @Test
    void contradictoryOrEmptyProfilesAreRefused() {
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> DeviceProfiles.ALGO_8301_3_1_FORCE_TLS12.with("bad", Quirk.TLS_1_0_ONLY));
        assertTrue(both.getMessage().contains("bad"), both.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DeviceProfile("empty", "X", List.of(), List.of(),
                Set.of(), "test", SrtpPolicy.DIGIUM));
    }

    @Test
    void everyProfileNameIsUnique() {
        assertEquals(DeviceProfiles.all().size(),
                DeviceProfiles.all().stream().map(DeviceProfile::name).distinct().count());
    }
}
