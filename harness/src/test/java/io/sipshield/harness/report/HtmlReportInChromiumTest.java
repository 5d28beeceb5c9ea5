package io.sipshield.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in headless Chromium (Debian's {@code chromium}) and checks the DOM it built:
 * the page renders as HTML, with the SVG ladder rows, the bitmask table, the media chart and the media
 * over time. Skipped
 * with the reason when Chromium is not installed, except in CI ({@code CI=true}), where that fails.
 */
@Timeout(120)
class HtmlReportInChromiumTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void chromiumRendersTheReportWithItsLadderRows() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            if ("true".equals(System.getenv("CI"))) {
                fail(CHROMIUM + " is missing; CI must install Debian's chromium");
            }
            Assumptions.abort(CHROMIUM + " is not installed (apt-get install chromium); the report was not rendered");
        }
        Path page = dir.resolve("index.html");
        new HtmlReporter(SampleResults.ROOT).write(SampleResults.ALL, page);
        String dom = dumpDom(page);
        String see = "DOM from chromium begins: " + dom.substring(0, Math.min(dom.length(), 400));
        assertTrue(dom.contains("<title>sipshield report</title>"), see);
        assertEquals(4, count(dom, "<g class=\"ladder-row "), see);
        assertEquals(2, count(dom, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"media-chart\""), see);
        assertEquals(12, count(dom, "<g class=\"media-bar\""), "two charts of six counters; " + see);
        assertEquals(1, count(dom, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"media-timeline\""),
                "the passed scenario's media over time; " + see);
        assertEquals(4, count(dom, "<polyline class=\"series "), "sent, received, lost, jitter; " + see);
        assertTrue(dom.contains(">time since the first packet (s)</text>"), see);
        assertEquals(3, count(dom, "<tr class=\"set\""), "the flags of 0x40000022; " + see);
        assertTrue(dom.contains(">SIP/2.0 401 Unauthorized</text>"), see);
        assertTrue(dom.contains("alice: certificate rejected &lt;0x40000022&gt; &amp; dropped"), see);
    }

    private String dumpDom(Path page) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(dir.resolve("profile"));
        Path output = dir.resolve("dom.html");
        Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + profile, "--dump-dom", page.toUri().toString()))
                .redirectOutput(output.toFile())
                .redirectError(dir.resolve("chromium.err").toFile())
                .start();
        if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            fail("chromium did not finish within 90 s");
        }
        String dom = Files.readString(output, StandardCharsets.UTF_8);
        if (chromium.exitValue() != 0 || dom.isBlank()) {
            fail("chromium exited " + chromium.exitValue() + ": " + Files.readString(dir.resolve("chromium.err")));
        }
        return dom;
    }

    private static int count(String text, String needle) {
        Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
