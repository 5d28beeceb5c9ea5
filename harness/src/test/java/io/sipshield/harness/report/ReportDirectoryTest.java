package io.sipshield.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void createsTheDirectoryAndWritesTheThreeReports() throws IOException {
        Path reports = dir.resolve("a/b");
        List<Path> written = new ReportDirectory(reports, SampleResults.ROOT).write(SampleResults.ALL);
        assertEquals(List.of(reports.resolve("junit.xml"), reports.resolve("report.json"), reports.resolve("index.html")),
                written);
        for (Path file : written) {
            assertTrue(Files.size(file) > 0, file + " is empty");
        }
    }

    @Test
    void aReportThatCannotBeWrittenIsNamed() throws IOException {
        Files.createDirectories(dir.resolve("report.json"));
        IOException error = assertThrows(IOException.class,
                () -> new ReportDirectory(dir, SampleResults.ROOT).write(SampleResults.ALL));
        assertTrue(error.getMessage().startsWith("cannot write " + dir.resolve("report.json") + ": "), error.getMessage());
    }
}
