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
 * verdict; a report that cannot be written fails with the file named.
 */
public final class ReportDirectory {

    public static final String JUNIT = "junit.xml";
    public static final String JSON = "report.json";
    public static final String HTML = "index.html";

    private final Path directory;
    private final Path root;

    /**
     * @param directory where the reports go
     * @param root      scenario paths are shown relative to it
     */
    public ReportDirectory(Path directory, Path root) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.root = Objects.requireNonNull(root, "root");
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
        write(junit, () -> new JUnitXmlReporter(root).write(results, junit));
        write(json, () -> new JsonReporter(root).write(results, json));
        write(html, () -> new HtmlReporter(root).write(results, html));
        return List.of(junit, json, html);
    }

    private interface Writing {
        void run() throws IOException;
    }

    private static void write(Path file, Writing writing) throws IOException {
        try {
            writing.run();
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }
}
