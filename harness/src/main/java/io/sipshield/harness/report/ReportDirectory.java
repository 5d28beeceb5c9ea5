package io.sipshield.harness.report;

import io.sipshield.harness.run.ScenarioResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes a run's file reports into one directory (created when missing): {@value #JUNIT} for CI,
 * {@value #JSON} for tools and {@value #HTML} for people. Every result is reported whatever its
 * verdict; a report that cannot be written fails with the file named. Each file is replaced in one step
 * ({@link AtomicFile}), so a reader (or a run killed meanwhile) never sees half a report.
 */
public final class ReportDirectory {

    public static final String JUNIT = "junit.xml";
    public static final String JSON = "report.json";
    public static final String HTML = "index.html";

    private final Path directory;
    private final Path root;
    private final RunHeader header;

    /**
     * @param directory where the reports go
     * @param root      scenario paths are shown relative to it
     */
    public ReportDirectory(Path directory, Path root) {
        this(directory, root, null);
    }

    /**
     * @param directory where the reports go
     * @param root      scenario paths are shown relative to it
     * @param header    the version, shard and suite every report names; null for none
     */
    public ReportDirectory(Path directory, Path root, RunHeader header) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.root = Objects.requireNonNull(root, "root");
        this.header = header;
    }

    /** Writes the three reports; returns their paths in the order JUnit XML, JSON, HTML. */
    public List<Path> write(List<ScenarioResult> results) throws IOException {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IOException("cannot create report directory " + directory + ": " + describe(e), e);
        }
        Path junit = directory.resolve(JUNIT);
        Path json = directory.resolve(JSON);
        Path html = directory.resolve(HTML);
        write(junit, file -> new JUnitXmlReporter(root, header).write(results, file));
        write(json, file -> new JsonReporter(root, header).write(results, file));
        write(html, file -> new HtmlReporter(root, header).write(results, file));
        return List.of(junit, json, html);
    }

    /** Writes {@code file} atomically ({@link AtomicFile}): a killed run never leaves half a report. */
    private static void write(Path file, AtomicFile.Content writing) throws IOException {
        try {
            AtomicFile.write(file, writing);
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }
}
