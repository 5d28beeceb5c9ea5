package io.sipshield.harness.cli.phoneconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.harness.cli.CliConsole;
import io.sipshield.harness.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhoneConfigCheckCommandTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();

    @TempDir
    Path dir;

    private final CliConsole cli = new CliConsole();

    private Path digium(String mediaEncryption) throws Exception {
        Files.writeString(dir.resolve("ca.pem"), PKI.get(FixtureName.TEST_ROOT).certificatePem());
        return Files.writeString(dir.resolve("phone.xml"), "<?xml version=\"1.0\"?>\n<config>\n"
                + "<setting id=\"tls_allow_wildcard_certs\" value=\"1\"/>\n"
                + "<setting id=\"enable_ice\" value=\"0\"/>\n"
                + "<accounts><account index=\"0\" username=\"101\" password=\"secret-password\" line_label=\"Desk\">\n"
                + "<host_primary server=\"pbx.sip.test\" port=\"5061\" transport=\"tls\" media_encryption=\""
                + mediaEncryption + "\"/>\n</account></accounts>\n<certs><cert file=\"ca.pem\"/></certs>\n</config>\n");
    }

    @Test
    void printsWhatTheEmulatorTakesFromADigiumXml() throws Exception {
        Path xml = digium("sdes");
        assertEquals(ExitCodes.OK, cli.command("phone-config check", xml.toString()));
        String text = cli.out();
        assertTrue(text.startsWith(xml + " (Digium D-Series XML)"), text);
        assertTrue(text.contains("account:     101 (digest user 101, password set, label \"Desk\")"), text);
        assertTrue(text.contains("server:      pbx.sip.test port 5061, transport TLS"), text);
        assertTrue(text.contains(PKI.get(FixtureName.TEST_ROOT).certificate().getSubjectX500Principal().getName()
                + "  from " + dir.resolve("ca.pem")), text);
        assertTrue(text.contains("SRTP:        digium (MANDATORY)"), text);
        assertTrue(text.contains("wildcards:   tls_allow_wildcard_certs=1\n"), text);
        assertTrue(text.contains("profile:     digium-d65@2_9_2  (the file does not name the firmware"), text);
        assertTrue(text.contains(xml + ":4: warning: setting enable_ice: "), text);
        assertTrue(!text.contains("secret-password"), "never print the password");
        assertEquals("", cli.err());
    }

    @Test
    void profileOptionChoosesTheBaseAndShowsWhatItIgnores() throws Exception {
        Path xml = digium("no");
        assertEquals(ExitCodes.OK, cli.command("phone-config check", "--profile", "digium-d65@2_9_0", xml.toString()));
        String text = cli.out();
        assertTrue(text.contains("profile:     digium-d65@2_9_0+srtp-disabled"), text);
        assertTrue(text.contains("(ignored by digium-d65@2_9_0+srtp-disabled)"), text);
        assertTrue(text.contains("tls_allow_wildcard_certs: ignored by"), text);
    }

    @Test
    void printsAnAlgoTreeWithItsClientCertificate() throws Exception {
        Path algo = Files.createDirectories(dir.resolve("algo"));
        Files.writeString(algo.resolve("config.txt"), "sip.proxy = pbx.sip.test\nsip.u1.user = 101\nsip.u1.pwd = p\n"
                + "sip.transport = tls\nsip.sdp.srtp = optional\n");
        Files.createDirectories(algo.resolve("certs/trusted"));
        Files.writeString(algo.resolve("certs/trusted/ca.crt"), PKI.get(FixtureName.TEST_ROOT).certificatePem());
        IssuedCertificate device = PKI.get(FixtureName.ALGO_DEVICE);
        Files.writeString(algo.resolve("certs/sipclient.pem"), device.certificatePem() + device.privateKeyPem());
        assertEquals(ExitCodes.OK, cli.command("phone-config check", "--firmware", "3.2", algo.toString()));
        String text = cli.out();
        assertTrue(text.contains("(Algo device tree)"), text);
        assertTrue(text.contains("client cert: " + device.certificate().getSubjectX500Principal().getName()), text);
        assertTrue(text.contains("profile presents: certs/sipclient.pem"), text);
        assertTrue(text.contains("profile:     algo-8301@3.1+sipclient+srtp-optional  (decided by the file)"), text);
        assertTrue(text.contains("SRTP:        algo-optional (BEST_EFFORT)"), text);
        assertTrue(text.contains("no warnings"), text);
    }

    @Test
    void anErrorExitsTwoNamingFileLineAndElement() throws Exception {
        Path xml = Files.writeString(dir.resolve("bad.xml"), "<config>\n<setting id=\"transport_tls_allowed\" value=\"0\"/>\n"
                + "<accounts><account index=\"0\" username=\"1\">\n<host_primary server=\"x\" transport=\"tls\"/>\n"
                + "</account></accounts></config>\n");
        assertEquals(ExitCodes.INVALID_INPUT, cli.command("phone-config check", xml.toString()));
        assertTrue(cli.err().contains(xml + ":4: host_primary transport: expected transport_tls_allowed=1"), cli.err());
        assertEquals("", cli.out());
    }

    @Test
    void unknownProfileOrFirmwareExitsTwo() throws Exception {
        Path xml = digium("sdes");
        assertEquals(ExitCodes.INVALID_INPUT, cli.command("phone-config check", "--profile", "nokia-3310",
                xml.toString()));
        assertTrue(cli.err().contains("unknown device profile 'nokia-3310'"), cli.err());
        assertEquals(ExitCodes.INVALID_INPUT, cli.command("phone-config check", "--firmware", "0.9", dir.toString()));
        assertTrue(cli.err().contains("--firmware: expected 1.7 or 3.1"), cli.err());
    }

    @Test
    void withoutSubcommandItIsAUsageError() {
        assertEquals(ExitCodes.INVALID_INPUT, cli.run("phone-config"));
    }
}
