package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.tls.TlsResumption;
import io.sipshield.emulator.tls.TlsResumption.Mode;
import org.junit.jupiter.api.Test;

class LoadResumptionOptionTest {

    @Test
    void profileLeavesEachDeviceItsOwnDefault() throws UnusableInput {
        assertNull(LoadResumptionOption.resolve("profile", false));
        assertNull(LoadResumptionOption.resolve(null, false));
    }

    @Test
    void aModeIsKeptForTheDefaultLifetime() throws UnusableInput {
        assertEquals(TlsResumption.of(Mode.IDS), LoadResumptionOption.resolve("ids", false));
        assertEquals(TlsResumption.of(Mode.TICKETS), LoadResumptionOption.resolve("Tickets", false));
        assertEquals(TlsResumption.of(Mode.BOTH), LoadResumptionOption.resolve("both", false));
        assertEquals(TlsResumption.none(), LoadResumptionOption.resolve("off", false));
    }

    @Test
    void fullHandshakeMeansNoResumption() throws UnusableInput {
        assertEquals(TlsResumption.none(), LoadResumptionOption.resolve("profile", true));
        assertEquals(TlsResumption.none(), LoadResumptionOption.resolve("off", true));
    }

    @Test
    void anUnknownModeOrAContradictionIsUnusableInput() {
        UnusableInput unknown = assertThrows(UnusableInput.class, () -> LoadResumptionOption.resolve("psk", false));
        assertTrue(unknown.getMessage().startsWith("--resumption: 'psk'"), unknown::getMessage);
        UnusableInput both = assertThrows(UnusableInput.class, () -> LoadResumptionOption.resolve("ids", true));
        assertTrue(both.getMessage().contains("--full-handshake"), both::getMessage);
    }
}
