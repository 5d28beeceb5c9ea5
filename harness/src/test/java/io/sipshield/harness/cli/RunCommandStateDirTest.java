package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.FixtureCatalog;
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
 * {@code sipshield run --state-dir DIR}: a provisioned Cisco phone's trust store outlives the run, so running the
 * same scenario again is no first install; without the option every run starts from factory state. Each run gets a
 * new live executor, as a new process would, over one fixture catalog (a new process would also make new keys:
 * see {@code MultiBootScenarioTest}).
 */
@Timeout(180)
class RunCommandStateDirTest {

    private static final String SCENARIO = """
            about: a factory-fresh phone installs ITLFile.tlv on first sight and registers (DEVICES.md §A.3)
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
              provisioning: { trust-list: installed }
              sip: { register: 200 }
            """;

    @TempDir
    Path dir;
    private final FixtureCatalog catalog = FixtureCatalog.create();
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
        scenario = Files.writeString(dir.resolve("first-install.yaml"), SCENARIO);
    }

    private int execute(String... args) {
        CommandLine cli = new CommandLine(new SipshieldCommand(() -> new LiveScenarioExecutor(catalog), false));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void theSecondRunWithTheSameStateDirectoryIsNoFirstInstall() {
        Path state = dir.resolve("state");
        assertEquals(ExitCodes.OK, execute("run", "--state-dir", state.toString(), scenario.toString()), out.toString());
        assertTrue(Files.isRegularFile(state.resolve("001122334455").resolve("ITLFile.tlv")), "the store is kept");
        assertEquals(ExitCodes.FAILED, execute("run", "--state-dir", state.toString(), scenario.toString()),
                out.toString());
        assertTrue(out.toString().contains("kept"), out.toString());
    }

    @Test
    void withoutTheOptionEveryRunIsAFirstInstall() {
        assertEquals(ExitCodes.OK, execute("run", scenario.toString()), out.toString());
        assertEquals(ExitCodes.OK, execute("run", scenario.toString()), out.toString());
    }

    @Test
    void aStateDirectoryThatCannotBeMadeIsUnusableInput() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertEquals(ExitCodes.INVALID_INPUT, execute("run", "--state-dir", file.resolve("state").toString(),
                scenario.toString()));
        assertTrue(err.toString().contains("--state-dir: cannot create"), err.toString());
    }
}
