package io.sipshield.harness.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code load.html} in a report directory: one self-contained page (no script, no external file)
 * with the run, the chart of registered and in-call phones over time, the percentile table and the
 * failures by cause.
 */
public final class LoadHtmlReport {

    /** The page's file name inside the report directory. */
    public static final String FILE_NAME = "load.html";

    private LoadHtmlReport() {
    }

    /** Writes the page into {@code directory} (created when missing) and returns its path. */
    public static Path write(LoadResult result, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        Files.writeString(file, html(result));
        return file;
    }

    static String html(LoadResult result) {
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>sipshield load</title>\n")
                .append("<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th:first-child,td:first-child")
                .append("{text-align:left}</style></head><body>\n");
        page.append("<h1>sipshield load</h1>\n<p>").append(escape(String.format(Locale.ROOT,
                "%d phones (%s) at %s/s against %s, %d call(s) each; ran %.1f s on %s", result.phones(), result.profile(),
                LoadSummaryTable.number(result.rate()), result.target(), result.callsPerPhone(),
                result.end().elapsed().toMillis() / 1000.0, result.machine()))).append("</p>\n");
        if (result.users() != null) {
            page.append("<p>").append(escape(result.users().describe() + " (phone offset " + result.users().offset()
                    + ")")).append("</p>\n");
        }
        LoadSnapshot end = result.end();
        page.append("<p>").append(escape(String.format(Locale.ROOT, "registered %d of %d (%.1f first registrations/s), "
                        + "re-registrations %d, keep-alives %d, calls %d, RTP sent %d, echoed %d, SRTP auth failures %d",
                end.registered(), result.phones(), result.registrationsPerSecond(), end.reRegistrations(), end.keepAlives(),
                end.calls(), result.mediaSent(), result.mediaEchoed(), result.srtpAuthFailures()))).append("</p>\n");
        page.append("<h2>Phones over time</h2>\n").append(LoadChart.svg(result.timeline(), result.phones()));
        page.append("<h2>Latency (ms)</h2>\n<table><tr><th>latency</th><th>count</th><th>p50</th><th>p90</th>")
                .append("<th>p99</th><th>max</th></tr>\n");
        result.latencies().forEach((latency, p) -> page.append(String.format(Locale.ROOT,
                "<tr><td>%s</td><td>%d</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.3f</td></tr>%n",
                escape(latency.label()), p.count(), Percentiles.millis(p.p50()), Percentiles.millis(p.p90()),
                Percentiles.millis(p.p99()), Percentiles.millis(p.max()))));
        page.append("</table>\n<h2>Failures</h2>\n");
        if (result.failures().isEmpty()) {
            page.append("<p>none</p>\n");
        } else {
            page.append("<table><tr><th>cause</th><th>count</th></tr>\n");
            result.failures().forEach((cause, count) -> page.append("<tr><td>").append(escape(cause)).append("</td><td>")
                    .append(count).append("</td></tr>\n"));
            page.append("</table>\n");
        }
        return page.append("</body></html>\n").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
