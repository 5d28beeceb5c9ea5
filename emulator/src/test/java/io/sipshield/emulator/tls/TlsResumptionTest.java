package io.sipshield.emulator.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.tls.TlsResumption.Mode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TlsResumptionTest {

    @Test
    void modesParseFromTheirWords() {
        assertEquals(Mode.NONE, Mode.parse("off"));
        assertEquals(Mode.NONE, Mode.parse("None"));
        assertEquals(Mode.IDS, Mode.parse("ids"));
        assertEquals(Mode.TICKETS, Mode.parse(" TICKETS "));
        assertEquals(Mode.BOTH, Mode.parse("both"));
        assertTrue(Mode.BOTH.offersTickets() && Mode.TICKETS.offersTickets());
        assertFalse(Mode.IDS.offersTickets());
        assertFalse(Mode.NONE.resumes());
    }

    @Test
    void anUnknownWordIsRefusedNamingWhatIsExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mode.parse("psk"));
        assertTrue(e.getMessage().contains("'psk'") && e.getMessage().contains("none, ids, tickets or both"),
                e::getMessage);
    }

    @Test
    void aResumingModeNeedsALifetime() {
        assertThrows(IllegalArgumentException.class, () -> new TlsResumption(Mode.IDS, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new TlsResumption(Mode.NONE, Duration.ofSeconds(-1)));
        assertEquals(TlsResumption.none(), new TlsResumption(Mode.NONE, Duration.ZERO));
        assertEquals(TlsResumption.DEFAULT_LIFETIME, TlsResumption.of(Mode.BOTH).lifetime());
        assertEquals(TlsResumption.none(), TlsResumption.of(Mode.NONE));
    }

    @Test
    void devicesHaveTheirOwnDefaults() {
        assertEquals(Mode.NONE, TlsResumption.forProfile(DeviceProfiles.DIGIUM_D6X_2_9_2).mode(),
                "PJSIP frees its SSL_CTX with the socket");
        assertEquals(Mode.NONE, TlsResumption.forProfile(DeviceProfiles.ALGO_8301_3_1).mode());
        assertEquals(new TlsResumption(Mode.IDS, Duration.ofSeconds(3600)),
                TlsResumption.forProfile(DeviceProfiles.CISCO_7961_9_4));
    }

    @Test
    void theCiscoTimerIsTheSessionLifetimeAndZeroTurnsResumptionOff() {
        assertEquals(new TlsResumption(Mode.IDS, Duration.ofSeconds(600)), TlsResumption.ciscoTimer(600));
        assertEquals(TlsResumption.none(), TlsResumption.ciscoTimer(0));
        assertThrows(IllegalArgumentException.class, () -> TlsResumption.ciscoTimer(-5));
        assertEquals("ids for 600 s", TlsResumption.ciscoTimer(600).describe());
        assertEquals("none", TlsResumption.none().describe());
    }
}
