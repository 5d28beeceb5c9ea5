package io.sipshield.harness.run;

import static io.sipshield.harness.run.LiveRuns.describeFailures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenarios driven by the phones' own vendor files (issue 8) pass against the live mock, every row of
 * their tables; a contradictory file is a scenario ERROR naming the scenario, the file, its line and
 * element; {@code expect.config} holds on the warnings the file produced and fails when a stated
 * warning is absent or an excluded one is present.
 */
@Timeout(300)
class VendorConfigScenarioFilesTest {

    private static final Path SCENARIOS = Path.of("..", "scenarios");

    @RegisterExtension
    static final LiveRuns LIVE = LiveRuns.create();

    @TempDir
    Path dir;

    private static List<ScenarioResult> run(Path file) throws Exception {
        return LIVE.runAll(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"digium/config-file-accounts.yaml", "digium/config-file-media-encryption.yaml",
            "digium/config-file-loaded-ca.yaml", "digium/dpma-line-and-network.yaml", "algo/config-file-settings.yaml",
            "algo/config-file-force-tls.yaml", "algo/config-file-sipclient.yaml", "algo/config-file-trust-across-firmware.yaml"})
    void everyRowPasses(String name) throws Exception {
        List<ScenarioResult> results = run(SCENARIOS.resolve(name));
        assertFalse(results.isEmpty());
        assertTrue(results.stream().allMatch(r -> r.verdict() == Verdict.PASS), () -> describeFailures(results));
    }

    private static final String CONTRADICTORY = """
            <?xml version="1.0" ?>
            <config>
              <setting id="transport_tls_allowed" value="0" />
              <accounts>
                <account index="0" status="1" register="1" account_id="101" username="101" password="pass101">
                  <host_primary server="pbx.sip.test" port="5061" transport="tls" media_encryption="sdes" />
                </account>
              </accounts>
            </config>
            """;

    private static final String SCENARIO = """
            about: a phone configured by its own XML file
            setup:
              server: { mock: { certificate: pbx-server, endpoints: [ { id: "101", password: pass101, media-encryption: sdes } ] } }
              phones:
                - { name: desk, profile: digium-d65@2_9_2, trust: [test-root], config: phone.xml }
            steps: [ { register: desk } ]
            expect:
              sip: { register: 200 }
            """;

    @Test
    void aContradictoryFileIsAScenarioErrorNamingFileLineAndElement() throws Exception {
        Files.writeString(dir.resolve("phone.xml"), CONTRADICTORY);
        Path scenario = Files.writeString(dir.resolve("contradiction.yaml"), SCENARIO);

        ScenarioResult result = run(scenario).get(0);

        assertEquals(Verdict.ERROR, result.verdict(), () -> describeFailures(List.of(result)));
        assertTrue(result.error().contains(scenario.toString()), result.error());
        assertTrue(result.error().contains("phone.xml:6: host_primary transport: expected transport_tls_allowed=1"),
                result.error());
        assertFalse(result.error().contains("sipshield-phone-config"), "names the scenario's file, not the run's copy");
    }

    @Test
    void configWarningsAreNotesAndExpectations() throws Exception {
        Files.writeString(dir.resolve("phone.xml"), CONTRADICTORY.replace("value=\"0\"", "value=\"1\"")
                .replace("<accounts>", "<setting id=\"transport_tls_port\" value=\"5061\" />\n  <accounts>"));
        Path holds = Files.writeString(dir.resolve("holds.yaml"), SCENARIO + """
                  config: { warnings-contain: ["setting transport_tls_port", "phone.xml:4: warning:"], warnings-exclude: [config_server_url] }
                """);
        Path fails = Files.writeString(dir.resolve("fails.yaml"), SCENARIO + """
                  config: { warnings-contain: ["setting enable_ice"], warnings-exclude: [transport_tls_port] }
                """);

        ScenarioResult passed = run(holds).get(0);
        assertEquals(Verdict.PASS, passed.verdict(), () -> describeFailures(List.of(passed)));
        assertTrue(passed.notes().stream().anyMatch(n -> n.startsWith("desk: ") && n.contains("phone.xml:4: warning: setting transport_tls_port")),
                passed.notes()::toString);
        assertTrue(passed.notes().stream().anyMatch(n -> n.startsWith("desk: config: the file's server pbx.sip.test:5061 reached at 127.0.0.1:")),
                passed.notes()::toString);

        ScenarioResult failed = run(fails).get(0);
        assertEquals(Verdict.FAIL, failed.verdict(), () -> describeFailures(List.of(failed)));
        assertEquals(List.of("config.warnings-contain[0]", "config.warnings-exclude[0]"),
                failed.failedChecks().stream().map(Check::name).toList());
    }

    @Test
    void expectConfigNeedsAPhoneWithAFile() throws Exception {
        Path scenario = Files.writeString(dir.resolve("nofile.yaml"), SCENARIO.replace(", config: phone.xml", "")
                .replace("trust: [test-root]", "user: \"101\", password: pass101, trust: [test-root]") + """
                  config: { warnings-contain: [anything] }
                """);

        ScenarioResult result = run(scenario).get(0);

        assertEquals(Verdict.INVALID, result.verdict(), () -> describeFailures(List.of(result)));
        assertTrue(result.error().contains("expect.config"), result.error());
    }
}
