package io.sipshield.harness.mock.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.function.Executable;

/** Writes small configuration files for the tests and checks error messages. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    static Path write(Path dir, String name, String... lines) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that loading fails with a message starting with {@code location} and containing every fragment. */
    static ConfigFileException fails(Executable load, String location, String... fragments) {
        ConfigFileException e = assertThrows(ConfigFileException.class, load);
        assertTrue(e.getMessage().startsWith(location + ": "), () -> "expected location " + location + " in: " + e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "expected '" + f + "' in: " + e.getMessage());
        }
        return e;
    }
}
