package io.sipshield.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.harness.run.ScenarioResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    private static String run(boolean progress) {
        StringWriter text = new StringWriter();
        ConsoleReporter reporter = new ConsoleReporter(new PrintWriter(text), SampleResults.ROOT, false, progress);
        List<ScenarioResult> results = SampleResults.ALL;
        reporter.runStarting(results.stream().map(ScenarioResult::file).toList());
        results.forEach(reporter::scenarioFinished);
        reporter.runFinished(results);
        return text.toString();
    }

    @Test
    void keepsAProgressLineBelowTheTableWhileScenariosRemainAndErasesIt() {
        String out = run(true);
        assertTrue(out.contains("[1/4] 0 not passed, "), out);
        assertTrue(out.contains("[3/4] 2 not passed, "), out);
        assertFalse(out.contains("[4/4]"), "no progress once every scenario ended: " + out);
        assertEquals(3, out.split("\r\u001B\\[K", -1).length - 1, "each progress line is erased: " + out);
        String withoutProgress = out.replaceAll("\\[\\d/4\\] \\d not passed, [0-9.]+ s\r\u001B\\[K", "");
        assertEquals(run(false), withoutProgress);
    }

    @Test
    void printsNoProgressWhenNotATerminal() {
        String out = run(false);
        assertFalse(out.contains("[1/4]"), out);
        assertFalse(out.contains("\r"), out.replace("\r", "\\r"));
        assertTrue(out.contains("1 passed, 1 failed, 1 errors, 1 invalid"), out);
    }

    @Test
    void theProgressLineCountsWhatDidNotPass() {
        ConsoleReporter reporter = new ConsoleReporter(new PrintWriter(new StringWriter()), Path.of(""), false, true);
        reporter.runStarting(List.of(Path.of("a.yaml"), Path.of("b.yaml")));
        reporter.scenarioFinished(SampleResults.FAILED);
        assertTrue(reporter.progressLine().startsWith("[1/2] 1 not passed, "), reporter.progressLine());
    }
}
