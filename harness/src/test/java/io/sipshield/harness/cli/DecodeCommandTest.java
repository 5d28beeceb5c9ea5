package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecodeCommandTest {

    private final CliConsole cli = new CliConsole();

    @Test
    void theDigiumWorkedExampleIsUnknownCaForTheWrongHost() {
        assertEquals(0, cli.command("decode", "0x40000022"));
        String text = cli.out();
        assertTrue(text.startsWith("0x40000022"), text);
        assertTrue(text.contains("EUNTRUSTED") && text.contains("EISSUER_MISMATCH") && text.contains("EIDENTITY_NOT_MATCH"), text);
        assertFalse(text.contains("EVALIDITY_PERIOD"), text);
        assertTrue(text.contains("X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY (20)"), text);
    }

    @Test
    void thePagesNineDigitTypoGetsANoteAndTheMaskItMeans() {
        assertEquals(0, cli.command("decode", "0x400000022"));
        String text = cli.out();
        assertTrue(text.startsWith("note: 0x400000022 has one hex digit too many"), text);
        assertTrue(text.contains("decoding 0x40000022"), text);
        assertTrue(text.contains("EIDENTITY_NOT_MATCH"), text);
    }

    @Test
    void undefinedBitsAreRefused() {
        assertEquals(2, cli.command("decode", "0x00000200"));
        assertTrue(cli.err().contains("bits 0x00000200 are not defined"), cli.err());
    }

    @Test
    void garbageIsRefused() {
        assertEquals(2, cli.command("decode", "0xZZ"));
        assertTrue(cli.err().contains("'0xZZ' is not a bitmask"), cli.err());
    }

    @Test
    void zeroMeansAccepted() {
        assertEquals(0, cli.command("decode", "0"));
        assertTrue(cli.out().contains("no error"), cli.out());
    }

    @Test
    void decimalIsAccepted() {
        assertEquals(0, cli.command("decode", "4"));
        assertTrue(cli.out().contains("EVALIDITY_PERIOD"), cli.out());
    }
}
