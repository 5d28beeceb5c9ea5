package io.sipshield.harness.report.merge;

import com.fasterxml.jackson.databind.JsonNode;
import io.sipshield.harness.report.ReportDirectory;
import io.sipshield.harness.run.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The merged suite's {@code index.html}: one self-contained page (no script) with the suite, the
 * shards (each linked to its own {@code index.html}, which keeps the ladder diagrams, chains and media
 * charts the JSON does not carry), and one row per case with its verdict, its error or the checks that
 * did not hold, and the shard that ran it.
 */
final class MergedSuiteHtml {

    private MergedSuiteHtml() {
    }

    static String page(SuiteHeader header, List<SuiteReportMerger.ShardReport> reports, List<JsonNode> scenarios,
                       List<Integer> missing, Map<Verdict, Long> counts, Path out) {
        Map<JsonNode, SuiteReportMerger.ShardReport> shardOf = new IdentityHashMap<>();
        reports.forEach(report -> report.scenarios().forEach(node -> shardOf.put(node, report)));
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>sipshield report (merged)")
                .append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .6em;")
                .append("text-align:left;font-size:.9em}th{background:#f3f3f3}.PASS{color:#1a7f37}")
                .append(".FAIL,.ERROR,.missing{color:#c62828}.INVALID{color:#b26a00}</style></head><body>\n")
                .append("<h1>sipshield report (merged)</h1>\n");
        page.append("<p class=\"run\">").append(escape(reports.size() + " of " + header.shard().count()
                + " shard(s) of a suite of " + header.suite().cases() + " cases (sipshield " + header.version()
                + ", suite digest " + header.suite().digest().substring(0, 12) + ")")).append("</p>\n");
        page.append("<p class=\"summary\">").append(escape(counts.get(Verdict.PASS) + " passed, "
                + counts.get(Verdict.FAIL) + " failed, " + counts.get(Verdict.ERROR) + " errors, "
                + counts.get(Verdict.INVALID) + " invalid")).append("</p>\n");
        if (!missing.isEmpty()) {
            page.append("<p class=\"missing\">").append(escape("missing shard(s): " + missing + "; this report is partial"))
                    .append("</p>\n");
        }
        page.append("<h2>Shards</h2>\n<table><tr><th>shard</th><th>report</th><th>cases</th></tr>\n");
        for (SuiteReportMerger.ShardReport report : reports) {
            int interrupted = report.header().interrupted();
            page.append("<tr><td>").append(report.header().shard()).append("</td><td>")
                    .append(link(report, out)).append("</td><td>").append(report.scenarios().size())
                    .append(interrupted == 0 ? "" : "<span class=\"missing\"> (stopped: " + interrupted
                            + " interrupted)</span>")
                    .append("</td></tr>\n");
        }
        page.append("</table>\n<h2>Cases</h2>\n<table><tr><th>case</th><th>verdict</th><th>shard</th><th>why</th></tr>\n");
        for (JsonNode scenario : scenarios) {
            String verdict = scenario.path("verdict").asText();
            page.append("<tr><td>").append(escape(scenario.path("id").asText())).append("</td><td class=\"")
                    .append(escape(verdict)).append("\">").append(escape(verdict)).append("</td><td>")
                    .append(shardOf.get(scenario).header().shard()).append("</td><td>").append(escape(why(scenario)))
                    .append("</td></tr>\n");
        }
        return page.append("</table>\n</body></html>\n").toString();
    }

    /** The error, or the checks that did not hold, expected against observed. */
    private static String why(JsonNode scenario) {
        if (scenario.hasNonNull("error")) {
            return scenario.get("error").asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode check : scenario.path("checks")) {
            if (!check.path("holds").asBoolean(true)) {
                text.append(text.isEmpty() ? "" : "; ").append(check.path("name").asText()).append(": expected ")
                        .append(check.path("expected").asText()).append(", observed ").append(check.path("observed").asText());
            }
        }
        return text.toString();
    }

    /** A link to the shard's own page, relative to the merged report, or its JSON's path when it has none. */
    private static String link(SuiteReportMerger.ShardReport report, Path out) {
        Path html = report.input().json().resolveSibling(ReportDirectory.HTML);
        String shown = escape(report.input().json().getParent() == null ? report.name()
                : report.input().json().getParent().toString());
        if (!Files.isRegularFile(html)) {
            return shown;
        }
        Path relative;
        try {
            relative = out.toAbsolutePath().normalize().relativize(html.toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            relative = html.toAbsolutePath();
        }
        String href = relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
        return "<a href=\"" + escape(href) + "\">" + shown + "</a>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
