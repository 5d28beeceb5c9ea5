package io.sipshield.emulator.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SRTP policies as device data (DEVICES.md §A.3, §B, §C). */
class SrtpPolicyTest {

    @Test
    void everyDigiumProfileHasTheDSeriesPolicy() {
        for (DeviceProfile profile : DeviceProfiles.all()) {
            if (!profile.name().startsWith("digium-")) {
                continue;
            }
            assertEquals(SrtpPolicy.DIGIUM, profile.srtp(), profile.name());
        }
        assertEquals(List.of(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80), SrtpPolicy.DIGIUM.suites());
        assertEquals(SrtpPolicy.Mode.MANDATORY, SrtpPolicy.DIGIUM.mode());
    }

    @Test
    void theSixFieldConstructorDefaultsToTheDSeriesPolicy() {
        DeviceProfile profile = new DeviceProfile("x", "X 1", List.of("TLSv1.2"), true, false, "test");
        assertEquals(SrtpPolicy.DIGIUM, profile.srtp());
        assertEquals(SrtpPolicy.ALGO_OPTIONAL, profile.withSrtp(SrtpPolicy.ALGO_OPTIONAL).srtp());
        assertThrows(NullPointerException.class, () -> profile.withSrtp(null));
    }

    @Test
    void theModeDecidesTheOfferedProfileAndCrypto() {
        assertEquals("RTP/SAVP", SrtpPolicy.ALGO_STANDARD.offerProfile());
        assertTrue(SrtpPolicy.ALGO_STANDARD.offersCrypto());
        assertEquals("RTP/AVP", SrtpPolicy.ALGO_OPTIONAL.offerProfile());
        assertTrue(SrtpPolicy.ALGO_OPTIONAL.offersCrypto());
        assertEquals("RTP/AVP", SrtpPolicy.ALGO_DISABLED.offerProfile());
        assertFalse(SrtpPolicy.ALGO_DISABLED.offersCrypto());
        assertFalse(SrtpPolicy.CISCO_UNENCRYPTED.offersCrypto());
        assertEquals(List.of(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32), SrtpPolicy.CISCO_79X1_ENCRYPTED.suites());
        SrtpPolicy off = SrtpPolicy.DIGIUM.withMode("digium-off", SrtpPolicy.Mode.DISABLED);
        assertEquals("digium-off", off.name());
        assertEquals(SrtpPolicy.DIGIUM.suites(), off.suites());
    }
}
