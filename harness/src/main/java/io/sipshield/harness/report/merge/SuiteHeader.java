package io.sipshield.harness.report.merge;

import com.fasterxml.jackson.databind.JsonNode;
import io.sipshield.harness.run.Shard;
import io.sipshield.harness.run.SuiteManifest;

/**
 * The {@code run} object of a suite's {@code report.json} ({@link io.sipshield.harness.report.RunHeader}),
 * read back: which sipshield, which shard, which suite, and how many of its cases did not finish because the
 * run was stopped ({@code run.interrupted}, absent for a run that ended by itself).
 */
record SuiteHeader(String version, Shard shard, SuiteManifest suite, int interrupted) {

    static SuiteHeader read(MergeInput input) throws ReportMergeException {
        JsonNode run = input.tree().get("run");
        if (run == null || !run.isObject()) {
            throw new ReportMergeException(input.json() + ": no 'run' object (version, shard, suite); expected a report"
                    + " written by 'sipshield run --report-dir' of this version, which names its shard");
        }
        String version = text(input, run, "version");
        int index = whole(input, run.path("shard"), "run.shard.index", "index");
        int count = whole(input, run.path("shard"), "run.shard.count", "count");
        int cases = whole(input, run.path("suite"), "run.suite.cases", "cases");
        String digest = text(input, run.path("suite"), "digest");
        int interrupted = run.has("interrupted") ? whole(input, run, "run.interrupted", "interrupted") : 0;
        Shard shard;
        try {
            shard = new Shard(index, count);
        } catch (IllegalArgumentException e) {
            throw new ReportMergeException(input.json() + ": run.shard: " + e.getMessage(), e);
        }
        return new SuiteHeader(version, shard, new SuiteManifest(cases, digest), interrupted);
    }

    private static String text(MergeInput input, JsonNode parent, String name) throws ReportMergeException {
        JsonNode node = parent.get(name);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new ReportMergeException(input.json() + ": run: '" + name + "': expected text, found "
                    + (node == null ? "nothing" : node.toString()));
        }
        return node.asText();
    }

    private static int whole(MergeInput input, JsonNode parent, String field, String name) throws ReportMergeException {
        JsonNode node = parent.get(name);
        if (node == null || !node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 0) {
            throw new ReportMergeException(input.json() + ": " + field + ": expected a whole number, found "
                    + (node == null ? "nothing" : node.toString()));
        }
        return node.asInt();
    }
}
