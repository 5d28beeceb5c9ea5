package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.profile.Quirk;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProfilesCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ProfilesCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void listsEveryProfileWithItsQuirksAndSources() {
        assertEquals(ExitCodes.OK, run());
        String text = out.toString();
        for (DeviceProfile profile : DeviceProfiles.all()) {
            assertTrue(text.contains(profile.name() + "  (User-Agent: " + profile.userAgent()), profile.name());
            for (Quirk quirk : profile.quirks()) {
                assertTrue(text.contains(quirk.source()), quirk.name());
            }
        }
        assertTrue(text.contains("digium-d6x-2_9_2 = digium-d65@2_9_2"), text);
        assertTrue(text.contains("stand-in: the JDK's cacerts"), text);
        assertTrue(text.contains("Cisco trust-list pinning"), text);
        assertTrue(text.contains("TLSv1.2, TLSv1.1, TLSv1"), text);
        assertEquals("", err.toString());
    }

    @Test
    void oneProfileByNameOrOldId() {
        assertEquals(ExitCodes.OK, run("digium-d6x-2_2_0_4"));
        String text = out.toString();
        assertTrue(text.startsWith("digium-d65@2_2_0_4"), text);
        assertTrue(text.contains("reports the bitmask and connects anyway"), text);
        assertTrue(text.contains("ANONYMOUS_AND_NULL_CIPHERS"), text);
        assertFalse(text.contains("algo-8301"), text);
    }

    @Test
    void jsonCarriesTheSameFacts() throws Exception {
        assertEquals(ExitCodes.OK, run("--json", "algo-8301@3.1+force-tls12"));
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertEquals(1, root.size());
        JsonNode algo = root.get(0);
        assertEquals("algo-8301@3.1+force-tls12", algo.get("name").asText());
        assertEquals("[\"TLSv1.2\"]", algo.get("tlsProtocols").toString());
        assertEquals("FACTORY_DEVICE", algo.get("clientCertificate").asText());
        assertEquals("algo-standard", algo.get("srtp").asText());
        assertTrue(algo.get("validatesServer").asBoolean());
        assertTrue(algo.get("quirks").toString().contains("FORCE_TLS_1_2"));
    }

    @Test
    void anUnknownProfileIsUnusableInput() {
        assertEquals(ExitCodes.INVALID_INPUT, run("digium-d65@9_9_9"));
        assertTrue(err.toString().contains("unknown device profile 'digium-d65@9_9_9'"), err.toString());
        assertTrue(err.toString().contains("digium-d65@2_9_2"), err.toString());
        assertEquals("", out.toString());
    }
}
