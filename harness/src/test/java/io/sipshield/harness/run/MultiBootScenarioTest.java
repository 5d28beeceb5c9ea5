package io.sipshield.harness.run;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.FixtureCatalog;
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
 * Trust-list flows over several boots, run live (DEVICES.md §A.3): {@code reboot} and {@code factory-reset} steps
 * against real provisioning servers on loopback, the stores kept in a state directory across runs
 * ({@link LiveScenarioExecutor#keepTrustStoresIn}), and a provisioning-only phone; wrong expectations fail with both
 * sides shown.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiBootScenarioTest {

    private static final Path SCENARIOS = Path.of("..", "scenarios", "cisco");
    /** One boot from first-install; the expectation line is replaced by the tests. */
    private static final String ONE_BOOT = """
            about: a phone boots from first-install and registers
            setup:
              server:
                mock:
                  certificate: pbx-server
                  endpoints:
                    - { id: "101", password: pass101 }
              phones:
                - { name: desk, profile: cisco-8845@14.2, user: "101", password: pass101,
                    provisioning: provisioning/first-install, mac: "00:11:22:33:44:55" RESET }
            steps:
              - register: desk
            expect:
              provisioning: { trust-list: TRUST_LIST, itl: ITLFile.tlv }
              sip: { register: 200 }
            """;

    private final FixtureCatalog catalog = FixtureCatalog.create();
    private final LiveScenarioExecutor executor = new LiveScenarioExecutor(catalog);
    private final ScenarioRunner runner = ScenarioRunner.builder().executor(executor).jobs(1).build();

    @AfterAll
    void close() {
        executor.close();
    }

    private List<ScenarioResult> allPass(String file) {
        List<ScenarioResult> results = runner.runAll(SCENARIOS.resolve(file));
        assertFalse(results.isEmpty());
        results.forEach(result -> assertEquals(Verdict.PASS, result.verdict(), result.toString()));
        return results;
    }

    private static boolean holds(ScenarioResult result, String check, String expected) {
        return result.checks().contains(new Check(check, expected, expected, true));
    }

    @Test
    void aRogueReSignIsRefusedAndAKnownSastUpdateAccepted() {
        List<ScenarioResult> results = allPass("trust-list-update.yaml");
        assertEquals(3, results.size());
        assertTrue(results.stream().anyMatch(result -> holds(result, "steps[1].reboot.lists.ITLFile.tlv", "rejected")
                && holds(result, "steps[1].reboot.trust-list", "kept")), results.toString());
        assertTrue(results.stream().anyMatch(result -> holds(result, "steps[1].reboot.trust-list", "replaced")),
                results.toString());
    }

    @Test
    void theOtherFlowsPass() {
        for (String file : List.of("trust-list-itlsep-override.yaml", "trust-list-ctl-adds.yaml",
                "trust-list-two-sast.yaml", "trust-list-three-sast-rejected.yaml", "trust-list-factory-reset.yaml",
                "signed-config-after-update.yaml", "provisioning-only-phone.yaml")) {
            allPass(file);
        }
    }

    @Test
    void aWrongBootExpectationFailsNamingTheStepAndBothSides(@TempDir Path dir) throws Exception {
        copyTree(SCENARIOS.resolve("provisioning"), dir.resolve("provisioning"));
        String text = Files.readString(SCENARIOS.resolve("trust-list-factory-reset.yaml"))
                .replace("expect: { trust-list: kept, sast: [other-root], lists: { ITLFile.tlv: rejected } }",
                        "expect: { trust-list: replaced, sast: [impostor-root], lists: { ITLFile.tlv: installed } }");
        ScenarioResult result = runner.runFile(Files.writeString(dir.resolve("wrong.yaml"), text));
        assertEquals(Verdict.FAIL, result.verdict(), result.toString());
        assertEquals(List.of(new Check("steps[1].reboot.trust-list", "replaced", "kept", false),
                new Check("steps[1].reboot.sast", "[impostor-root]", "[other-root]", false),
                new Check("steps[1].reboot.lists.ITLFile.tlv", "installed", "rejected", false)), result.failedChecks());
    }

    @Test
    void theStateDirectoryKeepsTheStoreAcrossRunsUntilAFactoryReset(@TempDir Path dir) throws Exception {
        copyTree(SCENARIOS.resolve("provisioning/first-install"), dir.resolve("provisioning/first-install"));
        Path state = dir.resolve("state");
        Path installed = Files.writeString(dir.resolve("installed.yaml"), oneBoot("installed", false));
        Path kept = Files.writeString(dir.resolve("kept.yaml"), oneBoot("kept", false));
        Path reset = Files.writeString(dir.resolve("reset.yaml"), oneBoot("installed", true));
        try {
            executor.keepTrustStoresIn(state);
            assertEquals(Verdict.PASS, runner.runFile(installed).verdict(), "first run: a first install");
            assertTrue(Files.isRegularFile(state.resolve("001122334455").resolve("ITLFile.tlv")));
            ScenarioResult second = runner.runFile(installed);
            assertEquals(List.of(new Check("provisioning.trust-list", "installed", "kept", false)), second.failedChecks(),
                    "second run with the same state: no first install");
            assertEquals(Verdict.PASS, runner.runFile(kept).verdict());
            assertEquals(Verdict.PASS, runner.runFile(reset).verdict(), "factory-reset: true starts empty");
        } finally {
            executor.keepTrustStoresIn(null);
        }
        assertAll(() -> assertEquals(Verdict.PASS, runner.runFile(installed).verdict(), "without a state dir: fresh"),
                () -> assertEquals(Verdict.PASS, runner.runFile(installed).verdict(), "... every time"));
    }

    @Test
    void aNewTestPkiIsARogueSignerToAKeptStore(@TempDir Path dir) throws Exception {
        copyTree(SCENARIOS.resolve("provisioning/first-install"), dir.resolve("provisioning/first-install"));
        Path state = dir.resolve("state");
        Path installed = Files.writeString(dir.resolve("installed.yaml"), oneBoot("installed", false));
        try (LiveScenarioExecutor first = new LiveScenarioExecutor().keepTrustStoresIn(state);
             LiveScenarioExecutor second = new LiveScenarioExecutor().keepTrustStoresIn(state)) {
            assertEquals(Verdict.PASS, ScenarioRunner.builder().executor(first).build().runFile(installed).verdict());
            // a later run generates new keys: its ITLFile.tlv is signed by a SAST the stored list does not know
            ScenarioResult later = ScenarioRunner.builder().executor(second).build().runFile(installed);
            assertTrue(later.failedChecks().contains(new Check("provisioning.trust-list", "installed", "kept", false)),
                    later.toString());
            assertTrue(later.notes().stream().anyMatch(note -> note.contains("ITLFile.tlv") && note.contains("REJECTED")),
                    later.notes().toString());
        }
    }

    @Test
    void aProvisioningOnlyPhoneWithoutAnAcceptedConfigIsAnErrorNamingWhatIsMissing(@TempDir Path dir) throws Exception {
        copyTree(SCENARIOS.resolve("provisioning/tampered-config"), dir.resolve("provisioning/tampered-config"));
        String text = Files.readString(SCENARIOS.resolve("provisioning-only-phone.yaml"))
                .replace("provisioning/signed-config", "provisioning/tampered-config");
        ScenarioResult result = runner.runFile(Files.writeString(dir.resolve("tampered.yaml"), text));
        assertEquals(Verdict.ERROR, result.verdict(), result.toString());
        assertTrue(result.error().contains("setup.phones[desk]: no profile: the phone's provisioning accepted no"
                + " SEP<MAC>.cnf.xml (config rejected)"), result.error());
    }

    @Test
    void aScenarioKeyThatContradictsTheProvisionedFileWinsWithAWarning(@TempDir Path dir) throws Exception {
        copyTree(SCENARIOS.resolve("provisioning/signed-config"), dir.resolve("provisioning/signed-config"));
        String text = Files.readString(SCENARIOS.resolve("provisioning-only-phone.yaml"))
                .replace("- { id: \"101\", password: pass101 }",
                        "- { id: \"101\", password: pass101 }\n        - { id: \"102\", password: pass102 }")
                .replace("{ name: desk, provisioning: provisioning/signed-config }",
                        "{ name: desk, user: \"102\", password: pass102, provisioning: provisioning/signed-config }")
                .replace("server: { contacts: { \"101\": 1 } }",
                        "server: { contacts: { \"102\": 1 } }\n  config: { warnings-contain: ["
                                + "\"setup.phones[desk].user 102 contradicts SEP001122334455.cnf.xml sipLines/line name 101\","
                                + " \"setup.phones[desk].password differs\"] }");
        ScenarioResult result = runner.runFile(Files.writeString(dir.resolve("contradiction.yaml"), text));
        assertEquals(Verdict.PASS, result.verdict(), result.toString());
        assertTrue(result.notes().stream().noneMatch(note -> note.contains("pass101") || note.contains("pass102")),
                "no password in the notes: " + result.notes());
    }

    private static String oneBoot(String trustList, boolean factoryReset) {
        return ONE_BOOT.replace("TRUST_LIST", trustList).replace(" RESET", factoryReset ? ", factory-reset: true" : "");
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
