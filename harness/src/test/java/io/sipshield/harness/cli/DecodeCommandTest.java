package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DecodeCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int decode(String... args) {
        CommandLine cli = new CommandLine(new SipshieldCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "decode";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    @Test
    void theDigiumWorkedExampleIsUnknownCaForTheWrongHost() {
        assertEquals(0, decode("0x40000022"));
        String text = out.toString();
        assertTrue(text.startsWith("0x40000022"), text);
        assertTrue(text.contains("EUNTRUSTED") && text.contains("EISSUER_MISMATCH") && text.contains("EIDENTITY_NOT_MATCH"), text);
        assertFalse(text.contains("EVALIDITY_PERIOD"), text);
        assertTrue(text.contains("X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY (20)"), text);
    }

    @Test
    void thePagesNineDigitTypoGetsANoteAndTheMaskItMeans() {
        assertEquals(0, decode("0x400000022"));
        String text = out.toString();
        assertTrue(text.startsWith("note: 0x400000022 has one hex digit too many"), text);
        assertTrue(text.contains("decoding 0x40000022"), text);
        assertTrue(text.contains("EIDENTITY_NOT_MATCH"), text);
    }

    @Test
    void undefinedBitsAreRefused() {
        assertEquals(2, decode("0x00000200"));
        assertTrue(err.toString().contains("bits 0x00000200 are not defined"), err.toString());
    }

    @Test
    void garbageIsRefused() {
        assertEquals(2, decode("0xZZ"));
        assertTrue(err.toString().contains("'0xZZ' is not a bitmask"), err.toString());
    }

    @Test
    void zeroMeansAccepted() {
        assertEquals(0, decode("0"));
        assertTrue(out.toString().contains("no error"), out.toString());
    }

    @Test
    void decimalIsAccepted() {
        assertEquals(0, decode("4"));
        assertTrue(out.toString().contains("EVALIDITY_PERIOD"), out.toString());
    }
}
