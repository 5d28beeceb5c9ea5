package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipshield.harness.run.FixtureDirectory;
import io.sipshield.harness.run.LiveScenarioExecutor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sipshield run --state-dir S --fixtures-dir F}: every run is a new command over a new executor, as a new
 * process would be; with F the PKI is read back, so the ITL a phone stored in run 1 is offered again, signed by the
 * same SAST, and kept unchanged in run 2. Without F run 2's PKI is new: the phone refuses the list a stranger signed.
 */
@Timeout(300)
class RunCommandFixturesDirTest {

    private static final String SCENARIO = """
            about: a Cisco phone boots from a tree with a described ITLFile.tlv and registers, whatever it held before
            setup:
              server:
                mock:
                  certificate: pbx-server
                  endpoints:
                    - { id: "101", password: pass101 }
              phones:
                - { name: desk, profile: cisco-8845@14.2, user: "101", password: pass101, provisioning: prov,
                    mac: "00:11:22:33:44:55" }
            steps:
              - register: desk
            expect:
              sip: { register: 200 }
            """;

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path scenario;

    @BeforeEach
    void scenario() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("prov")).resolve("ITLFile.tlv.yaml"), """
                signer: other-root
                records:
                  - { certificate: pbx-server, role: CCM }
                """);
        scenario = Files.writeString(dir.resolve("boot.yaml"), SCENARIO);
    }

    /** One run as a fresh process would do it: a new command, a new executor, a new catalog unless F is given. */
    private int execute(String... args) {
        CommandLine cli = new CommandLine(new SipshieldCommand(LiveScenarioExecutor::new, false));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static JsonNode provisioning(Path reports) throws Exception {
        return new ObjectMapper().readTree(reports.resolve("report.json").toFile())
                .at("/scenarios/0/observed/phones/desk/provisioning");
    }

    @Test
    void withAKeptPkiTheSecondRunKeepsTheListItInstalledAndBothPass() throws Exception {
        String state = dir.resolve("state").toString();
        String fixtures = dir.resolve("pki").toString();
        Path reports1 = dir.resolve("r1");
        Path reports2 = dir.resolve("r2");
        assertEquals(ExitCodes.OK, execute("run", "--state-dir", state, "--fixtures-dir", fixtures,
                "--report-dir", reports1.toString(), scenario.toString()), out + "\n" + err);
        assertTrue(Files.isRegularFile(dir.resolve("pki").resolve(FixtureDirectory.MADE)), "the PKI is written");
        assertEquals(ExitCodes.OK, execute("run", "--state-dir", state, "--fixtures-dir", fixtures,
                "--report-dir", reports2.toString(), scenario.toString()), out + "\n" + err);

        JsonNode first = provisioning(reports1);
        JsonNode second = provisioning(reports2);
        assertEquals("installed", first.get("trustList").asText(), first.toString());
        assertEquals("installed", first.at("/lists/ITLFile.tlv").asText());
        assertEquals("kept", second.get("trustList").asText(), "no first install: " + second);
        assertEquals("unchanged", second.at("/lists/ITLFile.tlv").asText(), "the same list, the same SAST: " + second);
        assertEquals("[\"other-root\"]", second.get("sast").toString());
    }

    @Test
    void withoutAKeptPkiTheSecondRunRefusesTheListANewKeySigned() throws Exception {
        String state = dir.resolve("state").toString();
        Path reports1 = dir.resolve("r1");
        Path reports2 = dir.resolve("r2");
        assertEquals(ExitCodes.OK, execute("run", "--state-dir", state, "--report-dir", reports1.toString(),
                scenario.toString()), out + "\n" + err);
        execute("run", "--state-dir", state, "--report-dir", reports2.toString(), scenario.toString());

        assertEquals("installed", provisioning(reports1).get("trustList").asText());
        JsonNode second = provisioning(reports2);
        assertEquals("rejected", second.at("/lists/ITLFile.tlv").asText(), "a rogue re-sign: " + second);
        assertEquals("kept", second.get("trustList").asText(), "the phone keeps its old list: " + second);
    }

    @Test
    void aPartialPkiDirectoryIsUnusableInputNamingTheFile() throws Exception {
        Path fixtures = Files.createDirectories(dir.resolve("pki"));
        Files.writeString(fixtures.resolve("test-root.crt"), "not a certificate");
        assertEquals(ExitCodes.INVALID_INPUT, execute("run", "--fixtures-dir", fixtures.toString(), scenario.toString()));
        assertTrue(err.toString().contains("--fixtures-dir: ") && err.toString().contains(FixtureDirectory.MADE)
                && err.toString().contains("missing"), err.toString());
    }
}
