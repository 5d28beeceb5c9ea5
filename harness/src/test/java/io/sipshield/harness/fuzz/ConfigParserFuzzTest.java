package io.sipshield.harness.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sipshield.harness.mock.config.ConfigFileException;
import io.sipshield.harness.mock.config.ExtensionsConf;
import io.sipshield.harness.mock.config.PjsipConf;
import io.sipshield.harness.scenario.Scenario;
import io.sipshield.harness.scenario.ScenarioFileException;
import io.sipshield.harness.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzz targets for the harness's readers of user files (issue 11, docs/fuzzing.md): scenario YAML
 * ({@link ScenarioLoader}) and the mock's {@code pjsip.conf} / {@code extensions.conf}.
 *
 * <p>Under plain {@code mvn test} each target runs its committed seeds from
 * {@code src/test/resources/io/sipshield/harness/fuzz/ConfigParserFuzzTestInputs/<method>/}; with
 * {@code JAZZER_FUZZ=1} Jazzer fuzzes the selected one. {@link ScenarioFileException} and
 * {@link ConfigFileException} are the declared rejections, and must say where (a line, or line 0 for
 * the file as a whole) and what; any other exception is a finding.
 */
class ConfigParserFuzzTest {

    /** The configuration readers read files (they follow #include), so each input is written to one here. */
    private static final Path DIRECTORY = createDirectory();

    private static Path createDirectory() {
        try {
            Path directory = Files.createTempDirectory("sipshield-fuzz");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scenario document, with or without a table of cases. */
    @FuzzTest(maxDuration = "60s")
    void scenario(byte[] yaml) {
        try {
            List<Scenario> scenarios = new ScenarioLoader().parseAll(Path.of("fuzz.yaml"), new String(yaml, StandardCharsets.UTF_8));
            assertFalse(scenarios.isEmpty());
        } catch (ScenarioFileException declared) {
            assertNotNull(declared.getMessage());
        }
    }

    /** A pjsip.conf as the mock reads it. */
    @FuzzTest(maxDuration = "60s")
    void pjsipConf(byte[] text) throws IOException {
        Path file = write("pjsip.conf", text);
        try {
            assertNotNull(PjsipConf.load(file));
        } catch (ConfigFileException declared) {
            assertNotNull(declared.getMessage());
        }
    }

    /** An extensions.conf as the mock reads it. */
    @FuzzTest(maxDuration = "60s")
    void extensionsConf(byte[] text) throws IOException {
        Path file = write("extensions.conf", text);
        try {
            assertNotNull(ExtensionsConf.load(file));
        } catch (ConfigFileException declared) {
            assertNotNull(declared.getMessage());
        }
    }

    private static Path write(String name, byte[] text) throws IOException {
        return Files.write(DIRECTORY.resolve(name), text);
    }
}
