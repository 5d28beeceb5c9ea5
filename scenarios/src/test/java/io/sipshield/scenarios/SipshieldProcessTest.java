package io.sipshield.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.harness.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a user runs it: the packaged executable jar in its own process, judged by its exit
 * code and what it prints.
 */
@Timeout(120)
class SipshieldProcessTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static Path jar;

    record Run(int exitCode, String output) {
    }

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("sipshield.jar", "../harness/target/sipshield-harness.jar"));
        assertTrue(Files.isRegularFile(jar), "the harness module did not package " + jar);
    }

    private static Run sipshield(Path workingDirectory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(100, TimeUnit.SECONDS), "sipshield did not finish");
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Test
    void theDigiumScenariosPassAndExitZero() throws Exception {
        Run run = sipshield(MODULE, "run", "digium");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("register-call-srtp-echo.yaml"), run.output());
        assertTrue(run.output().contains("wrong-host-certificate-rejected.yaml"), run.output());
        long count = 0;
        ScenarioLoader loader = new ScenarioLoader();
        try (var listing = Files.list(MODULE.resolve("digium"))) {
            for (Path file : listing.filter(file -> file.toString().endsWith(".yaml")).toList()) {
                count += loader.loadAll(file).size();
            }
        }
        assertTrue(run.output().contains("server-certificate-defects-2_9_2.yaml[expired]"), "one row per case: "
                + run.output());
        long scenarios = count;
        assertTrue(run.output().lines().anyMatch(line -> line.equals(scenarios + " passed, 0 failed")), run.output());
    }

    @Test
    void aScenarioWhoseExpectationDoesNotHoldExitsOneAndShowsExpectedBesideObserved(@TempDir Path dir) throws Exception {
        String wrong = Files.readString(MODULE.resolve("digium/wrong-host-certificate-rejected.yaml"))
                .replace("bitmask: \"0x40000000\"", "bitmask: \"0x00000000\"");
        Files.writeString(dir.resolve("expects-a-clean-chain.yaml"), wrong);
        Run run = sipshield(dir, "run", ".");
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("FAIL"), run.output());
        assertTrue(run.output().matches("(?s).*tls\\.bitmask\\s+0x00000000\\s+\\|\\s+0x40000000\\s+<<<<<.*"), run.output());
        assertTrue(run.output().matches("(?s).*tls\\.bitmask\\.EIDENTITY_NOT_MATCH\\s+clear\\s+\\|\\s+set\\s+<<<<<.*"),
                run.output());
    }

    @Test
    void badFilesExitTwoWithFileAndLineWhileTheOthersStillRun(@TempDir Path dir) throws Exception {
        Files.copy(MODULE.resolve("digium/wrong-host-certificate-rejected.yaml"), dir.resolve("a-good.yaml"));
        Files.writeString(dir.resolve("b-syntax.yaml"), "about: broken\nsetup: [\n");
        Files.writeString(dir.resolve("c-unknown-key.yaml"),
                Files.readString(MODULE.resolve("digium/wrong-host-certificate-rejected.yaml"))
                        .replace("  sip: { register: none }", "  sip: { register: none }\n  tsl: { established: true }"));
        Run run = sipshield(dir, "run", ".");
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().matches("(?s).*a-good\\.yaml\\s+PASS.*"), run.output());
        assertTrue(run.output().matches("(?s).*b-syntax\\.yaml:\\d+:\\d+: YAML syntax error.*"), run.output());
        assertTrue(run.output().matches(
                "(?s).*c-unknown-key\\.yaml:\\d+:3: unknown key 'tsl' in expect; expected one of: tls, sip, sdp, media, server.*"),
                run.output());
        assertFalse(run.output().contains("\tat "), "no stack trace: " + run.output());
    }

    @Test
    void aMissingPathExitsTwo() throws Exception {
        Run run = sipshield(MODULE, "run", "no-such-directory");
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("no-such-directory"), run.output());
    }

    @Test
    void helpAndVersion() throws Exception {
        Run help = sipshield(MODULE, "--help");
        assertEquals(0, help.exitCode(), help.output());
        assertTrue(help.output().contains("run"), help.output());
        Run version = sipshield(MODULE, "--version");
        assertEquals(0, version.exitCode(), version.output());
        assertTrue(version.output().startsWith("sipshield "), version.output());
    }
}
