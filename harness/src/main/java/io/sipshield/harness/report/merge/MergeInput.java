package io.sipshield.harness.report.merge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipshield.harness.load.LoadJsonReader;
import io.sipshield.harness.report.ReportDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One input of a merge, found and classified: a suite report ({@code report.json} with its
 * {@code junit.xml} beside it, as {@code sipshield run --report-dir DIR} writes them) or a load result
 * ({@code sipshield load --json FILE}). An input is a report directory or one of those JSON files.
 *
 * @param given    the path as given on the command line
 * @param kind     what it holds
 * @param json     the JSON file read
 * @param tree     its content
 * @param junit    for a suite, the JUnit XML beside it; null for a load result
 */
record MergeInput(Path given, ReportKind kind, Path json, JsonNode tree, Path junit) {

    /** The file name a load result is looked for under in a directory. */
    static final String LOAD_JSON = "load.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Finds and reads {@code given}.
     *
     * @throws ReportMergeException naming the path and what was expected there
     */
    static MergeInput read(Path given) throws ReportMergeException {
        Path json = given;
        if (Files.isDirectory(given)) {
            json = given.resolve(ReportDirectory.JSON);
            if (!Files.isRegularFile(json)) {
                json = given.resolve(LOAD_JSON);
            }
            if (!Files.isRegularFile(json)) {
                throw new ReportMergeException(given + ": a directory without " + ReportDirectory.JSON + " or "
                        + LOAD_JSON + "; expected a report directory ('sipshield run --report-dir') or a load JSON");
            }
        } else if (!Files.exists(given)) {
            throw new ReportMergeException(given + ": no such file or directory");
        } else if (!given.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            throw new ReportMergeException(given + ": expected a report directory or a .json report ("
                    + ReportDirectory.JSON + " next to its " + ReportDirectory.JUNIT + ", or a load JSON)");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json.toFile());
        } catch (JsonProcessingException e) {
            throw new ReportMergeException(json + ": not JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new ReportMergeException(json + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ReportMergeException(json + ": expected a JSON object: " + ReportKind.SUITE.description() + " or "
                    + ReportKind.LOAD.description());
        }
        if (tree.has("scenarios") && tree.has("summary")) {
            Path junit = json.resolveSibling(ReportDirectory.JUNIT);
            if (!Files.isRegularFile(junit)) {
                throw new ReportMergeException(json + ": a suite report without " + junit
                        + "; expected both, as 'sipshield run --report-dir' writes them");
            }
            return new MergeInput(given, ReportKind.SUITE, json, tree, junit);
        }
        if (LoadJsonReader.looksLikeLoad(tree)) {
            return new MergeInput(given, ReportKind.LOAD, json, tree, null);
        }
        throw new ReportMergeException(json + ": neither " + ReportKind.SUITE.description() + " (no 'summary' and "
                + "'scenarios') nor " + ReportKind.LOAD.description() + " (no 'run.phones' and 'latencies_ms')");
    }
}
