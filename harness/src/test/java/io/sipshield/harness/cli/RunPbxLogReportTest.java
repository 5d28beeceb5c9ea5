package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code sipshield run} on real cases against the embedded mock: the case whose phone presents a certificate
 * from an unknown CA to a transport with {@code verify_client} (the mock closes the connection after the
 * handshake, with a WARNING as Asterisk writes one) carries that line in its own part of every report; a case
 * the mock said nothing about carries none.
 */
@Timeout(150)
class RunPbxLogReportTest {

    private static final Path SUITE = Path.of("..", "scenarios", "asterisk", "client-certificates.yaml").toAbsolutePath();
    private static final String WARNED = "require-verify-untrusted";
    private static final String QUIET = "off-no-cert";

    @TempDir
    Path dir;

    @Test
    void eachCaseCarriesWhatItsMockLoggedInTheJsonHtmlAndJUnitReports() throws Exception {
        Path reports = dir.resolve("reports");
        CliConsole cli = new CliConsole();
        assertEquals(ExitCodes.OK, cli.command("run", "--report-dir", reports.toString(), SUITE.toString()),
                cli.out() + cli.err());

        JsonNode scenarios = new ObjectMapper().readTree(reports.resolve("report.json").toFile()).get("scenarios");
        JsonNode warned = byCase(scenarios, WARNED);
        JsonNode log = warned.get("server_log");
        assertNotNull(log, warned.toString());
        JsonNode closing = null;
        for (JsonNode line : log) {
            if (line.get("text").asText().contains("closing")) {
                closing = line;
            }
        }
        assertNotNull(closing, log.toString());
        assertEquals("WARN", closing.get("level").asText());
        assertEquals("ClientCertificateGate", closing.get("source").asText());
        assertTrue(closing.get("text").asText().contains("after the TLS handshake: verify_client"), closing.toString());
        assertFalse(closing.get("time").asText().isEmpty());
        // a handshake the mock refuses is a WARNING as in Asterisk (PJSIP logs SSL_ERROR_SSL at level 2)
        JsonNode refused = byCase(scenarios, "require-no-cert").get("server_log");
        assertNotNull(refused, byCase(scenarios, "require-no-cert").toString());
        assertTrue(refused.toString().contains("SSL SSL_ERROR_SSL (Handshake)"), refused.toString());
        assertEquals("WARN", refused.get(0).get("level").asText(), refused.toString());
        JsonNode quiet = byCase(scenarios, QUIET);
        assertEquals("PASS", quiet.get("verdict").asText());
        assertNull(quiet.get("server_log"), quiet.toString());

        String html = Files.readString(reports.resolve("index.html"));
        String warnedSection = section(html, WARNED);
        assertTrue(warnedSection.contains("PBX log"), warnedSection);
        assertTrue(warnedSection.contains("class=\"pbx-log\""), warnedSection);
        assertTrue(warnedSection.contains("after the TLS handshake: verify_client"), warnedSection);
        assertFalse(section(html, QUIET).contains("PBX log"), section(html, QUIET));

        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(reports.resolve("junit.xml").toFile());
        String systemOut = systemOut(junit, WARNED);
        assertTrue(systemOut.contains("pbx: "), systemOut);
        assertTrue(systemOut.contains("WARN ClientCertificateGate: closing"), systemOut);
        assertFalse(systemOut(junit, QUIET).contains("pbx: "), systemOut(junit, QUIET));
    }

    private static JsonNode byCase(JsonNode scenarios, String caseName) {
        for (JsonNode scenario : scenarios) {
            if (caseName.equals(scenario.path("case").asText())) {
                return scenario;
            }
        }
        throw new AssertionError("no case " + caseName + " in " + scenarios);
    }

    /** The HTML of the case's section: from its opening tag to the next section's. */
    private static String section(String html, String caseName) {
        return Arrays.stream(html.split("<section")).skip(1) // the index before the first section names every case too
                .filter(part -> part.contains("client-certificates.yaml[" + caseName + "]"))
                .findFirst().orElseThrow(() -> new AssertionError("no section for " + caseName));
    }

    private static String systemOut(Document junit, String caseName) {
        NodeList cases = junit.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            if (testcase.getAttribute("name").endsWith("[" + caseName + "]")) {
                NodeList out = testcase.getElementsByTagName("system-out");
                return out.getLength() == 0 ? "" : out.item(0).getTextContent();
            }
        }
        throw new AssertionError("no testcase for " + caseName);
    }
}
