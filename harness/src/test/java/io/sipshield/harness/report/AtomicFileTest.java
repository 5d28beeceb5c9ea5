package io.sipshield.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesTheFileAndLeavesNoTemporaryFile() throws Exception {
        Path report = dir.resolve("report.json");
        Files.writeString(report, "old");
        AtomicFile.write(report, file -> Files.writeString(file, "new"));
        assertEquals("new", Files.readString(report));
        assertEquals(List.of("report.json"), names());
    }

    @Test
    void aFailedWriteLeavesTheOldFileWholeAndNoTemporaryFile() throws Exception {
        Path report = dir.resolve("report.json");
        Files.writeString(report, "old");
        IOException failure = assertThrows(IOException.class, () -> AtomicFile.write(report, file -> {
            Files.writeString(file, "half");
            throw new IOException("disk full");
        }));
        assertEquals("disk full", failure.getMessage());
        assertEquals("old", Files.readString(report));
        assertEquals(List.of("report.json"), names());
    }
}
