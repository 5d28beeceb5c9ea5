package io.sipshield.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code scenarios/cisco/provisioning-*.yaml} files run live: a real provisioning server on loopback, the Cisco
 * client booting from it, then TLS to the mock; and a wrong provisioning expectation fails showing both sides.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisioningScenarioTest {

    private static final Path SCENARIOS = Path.of("..", "scenarios", "cisco");

    private final LiveScenarioExecutor executor = new LiveScenarioExecutor();
    private final ScenarioRunner runner = ScenarioRunner.builder().executor(executor).build();

    @AfterAll
    void close() {
        executor.close();
    }

    private ScenarioResult passes(String file) {
        ScenarioResult result = runner.runFile(SCENARIOS.resolve(file));
        assertEquals(Verdict.PASS, result.verdict(), result.toString());
        return result;
    }

    @Test
    void aFirstInstallPinsTheCcmRecordAndThePhoneRegisters() {
        ScenarioResult result = passes("provisioning-first-install.yaml");
        assertTrue(result.checks().contains(new Check("provisioning.trust-list", "installed", "installed", true)),
                result.checks().toString());
    }

    @Test
    void aSignedConfigIsAccepted() {
        ScenarioResult result = passes("provisioning-signed-config.yaml");
        assertTrue(result.checks().contains(new Check("phones.desk.provisioning.config", "accepted", "accepted", true)),
                result.checks().toString());
    }

    @Test
    void aTamperedConfigIsRejected() {
        ScenarioResult result = passes("provisioning-tampered-config.yaml");
        assertTrue(result.checks().contains(new Check("provisioning.config", "rejected", "rejected", true)),
                result.checks().toString());
    }

    @Test
    void httpsWithAnEcTftpRecordDeliversTheConfig() {
        ScenarioResult result = passes("provisioning-https-ec.yaml");
        assertTrue(result.notes().stream().anyMatch(note -> note.startsWith("desk: provisioning: SEP001122334455.cnf.xml.sgn")
                && note.contains("HTTPS") && note.contains("ACCEPTED")), result.notes().toString());
    }

    @Test
    void aWrongProvisioningExpectationFailsWithExpectedAndObserved(@TempDir Path dir) throws Exception {
        copyTree(SCENARIOS.resolve("provisioning/tampered-config"), dir.resolve("provisioning/tampered-config"));
        String text = Files.readString(SCENARIOS.resolve("provisioning-tampered-config.yaml"))
                .replace("provisioning: { trust-list: installed, config: rejected }",
                        "provisioning: { trust-list: absent, config: accepted }");
        Path file = Files.writeString(dir.resolve("wrong.yaml"), text);
        ScenarioResult result = runner.runFile(file);
        assertEquals(Verdict.FAIL, result.verdict(), result.toString());
        assertEquals(List.of(new Check("provisioning.trust-list", "absent", "installed", false),
                new Check("provisioning.config", "accepted", "rejected", false)), result.failedChecks());
    }

    @Test
    void aBrokenTrustListDescriptionIsAnErrorNamingTheFileAndField(@TempDir Path dir) throws Exception {
        Path tree = Files.createDirectories(dir.resolve("provisioning/first-install"));
        Files.writeString(tree.resolve("ITLFile.tlv.yaml"), "signer: other-root\nrecords:\n  - { certificate: pbx-server, role: BOSS }\n");
        Files.copy(SCENARIOS.resolve("provisioning-first-install.yaml"), dir.resolve("broken.yaml"));
        ScenarioResult result = runner.runFile(dir.resolve("broken.yaml"));
        assertEquals(Verdict.ERROR, result.verdict(), result.toString());
        assertTrue(result.error().contains("ITLFile.tlv.yaml: records[0].role: unknown role 'BOSS'"), result.error());
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path file : walk.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
