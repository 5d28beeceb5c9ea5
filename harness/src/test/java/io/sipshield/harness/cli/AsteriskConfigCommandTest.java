package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.MockEndpoint;
import io.sipshield.harness.mock.config.MockAsteriskConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsteriskConfigCommandTest {

    private static final String ECHO = """
            about: register and echo
            setup:
              server: { mock: { certificate: pbx-server, endpoints: [ { id: "101", password: pass101, media-encryption: sdes } ], extensions: { "600": echo } } }
              phones: [ { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101, trust: [test-root] } ]
            steps: [ { register: alice } ]
            expect: { sip: { register: 200 } }
            """;

    private final CliConsole cli = new CliConsole();

    @Test
    void writesConfigurationTheMockLoadsWithOwnerOnlyKeysAndAReadme(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("echo.yaml"), ECHO);
        Path outDir = dir.resolve("out");
        assertEquals(ExitCodes.OK, cli.run("asterisk-config", scenario.toString(), "--out", outDir.toString()),
                cli.err());

        assertTrue(Files.readString(outDir.resolve("pjsip.conf")).contains("cert_file = " + outDir.toAbsolutePath()
                .resolve("keys/pbx-server.crt")));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(outDir.resolve("keys/pbx-server.key"))));
        assertTrue(Files.isRegularFile(outDir.resolve("keys/pbx-server-root.crt")));
        String readme = Files.readString(outDir.resolve("README.txt"));
        assertTrue(readme.contains("--target HOST:5061 --trust " + outDir.toAbsolutePath().resolve("keys/pbx-server-root.crt")),
                readme);
        try (MockAsterisk mock = MockAsteriskConfiguration.load(outDir).builder().port(0).bindAddress("127.0.0.1").build()
                .start()) {
            MockEndpoint endpoint = mock.settings().endpoints().get("101");
            assertEquals("pass101", endpoint.password());
            assertEquals(java.util.List.of("600"), java.util.List.copyOf(mock.settings().dialplan().extensions().keySet()));
        }
    }

    @Test
    void theAsteriskDirectoryPrefixAndBindAreWhatTheFileNames(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("echo.yaml"), ECHO);
        Path outDir = dir.resolve("out");
        assertEquals(ExitCodes.OK, cli.run("asterisk-config", scenario.toString(), "--out", outDir.toString(),
                "--asterisk-dir", "/etc/asterisk/keys", "--bind", "192.0.2.10:5063"), cli.err());
        String pjsip = Files.readString(outDir.resolve("pjsip.conf"));
        assertTrue(pjsip.contains("priv_key_file = /etc/asterisk/keys/pbx-server.key"), pjsip);
        assertTrue(pjsip.contains("bind = 192.0.2.10:5063"), pjsip);
        assertFalse(pjsip.contains("${fixtures}/"), pjsip);
        assertTrue(Files.readString(outDir.resolve("README.txt")).contains("--target HOST:5063"));
    }

    @Test
    void aTableOfCasesWritesOneDirectoryPerCaseOrTheOneAsked(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("table.yaml"), """
                about: "${about}"
                setup:
                  server: { mock: { certificate: "${certificate}", endpoints: [ { id: "101", password: pass101 } ] } }
                  phones: [ { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101, trust: [test-root] } ]
                steps: [ { register: alice } ]
                expect: { sip: { register: 200 } }
                cases:
                  columns: [name, certificate, about]
                  rows:
                    - [good, pbx-server, good]
                    - [expired, pbx-server-expired, expired]
                """);
        assertEquals(ExitCodes.OK, cli.run("asterisk-config", scenario.toString(), "--out",
                dir.resolve("all").toString()), cli.err());
        assertTrue(Files.readString(dir.resolve("all/expired/pjsip.conf")).contains("pbx-server-expired.crt"));
        assertTrue(Files.isRegularFile(dir.resolve("all/good/pjsip.conf")));

        assertEquals(ExitCodes.OK, cli.run("asterisk-config", scenario.toString(), "--case", "expired", "--out",
                dir.resolve("one").toString()), cli.err());
        assertTrue(Files.isRegularFile(dir.resolve("one/pjsip.conf")));

        assertEquals(ExitCodes.INVALID_INPUT, cli.run("asterisk-config", scenario.toString(), "--case", "nope", "--out",
                dir.resolve("none").toString()));
        assertTrue(cli.err().contains("--case nope: no such row; its cases: good, expired"), cli.err());
    }

    @Test
    void aMissingScenarioFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yaml");
        assertEquals(ExitCodes.INVALID_INPUT, cli.run("asterisk-config", missing.toString(), "--out",
                dir.resolve("o").toString()));
        assertTrue(cli.err().contains(missing.toString()) && cli.err().contains("no such file"), cli.err());
    }

    @Test
    void aTargetScenarioHasNothingToGenerate(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("target.yaml"), """
                about: against a real server
                setup:
                  server: { target: "192.0.2.1:5061" }
                  phones: [ { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101, trust: [test-root] } ]
                steps: [ { register: alice } ]
                expect: { sip: { register: 200 } }
                """);
        assertEquals(ExitCodes.INVALID_INPUT, cli.run("asterisk-config", scenario.toString(), "--out",
                dir.resolve("o").toString()));
        assertTrue(cli.err().contains("target: 192.0.2.1:5061") && cli.err().contains("nothing")
                || cli.err().contains("no server configuration to generate"), cli.err());
        assertFalse(Files.exists(dir.resolve("o/pjsip.conf")));
    }

    @Test
    void anMxOneScenarioHasNoAsteriskConfiguration(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("mx.yaml"), """
                about: MX-ONE
                setup:
                  server: { mock: { certificate: pbx-server, personality: mx-one, endpoints: [ { id: "101", password: pass101 } ] } }
                  phones: [ { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101, trust: [test-root] } ]
                steps: [ { register: alice } ]
                expect: { sip: { register: 200 } }
                """);
        assertEquals(ExitCodes.INVALID_INPUT, cli.run("asterisk-config", scenario.toString(), "--out",
                dir.resolve("o").toString()));
        assertTrue(cli.err().contains("mx-one") && cli.err().contains("no Asterisk configuration to generate"),
                cli.err());
    }

    @Test
    void aConfigurationFileNamingNoFixtureIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("bad.yaml"), """
                about: bad fixture file
                setup:
                  server:
                    mock:
                      pjsip.conf: |
                        [transport-tls]
                        type = transport
                        protocol = tls
                        cert_file = ${fixtures}/no-such-fixture.crt
                        priv_key_file = ${fixtures}/pbx-server.key
                  phones: [ { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101, trust: [test-root] } ]
                steps: [ { register: alice } ]
                expect: { sip: { register: 200 } }
                """);
        assertEquals(ExitCodes.INVALID_INPUT, cli.run("asterisk-config", scenario.toString(), "--out",
                dir.resolve("o").toString()));
        assertTrue(cli.err().contains("${fixtures}/no-such-fixture.crt, which is no fixture file"), cli.err());
        assertFalse(Files.exists(dir.resolve("o/pjsip.conf")));
    }

    @Test
    void aRelativeAsteriskDirectoryIsRefused(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("echo.yaml"), ECHO);
        assertEquals(ExitCodes.INVALID_INPUT, cli.run("asterisk-config", scenario.toString(), "--out",
                dir.resolve("o").toString(), "--asterisk-dir", "keys"));
        assertTrue(cli.err().contains("--asterisk-dir must be an absolute path"), cli.err());
    }
}
