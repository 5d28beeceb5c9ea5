package io.sipshield.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.harness.run.Check;
import io.sipshield.harness.run.ScenarioResult;
import io.sipshield.harness.run.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleReporterTest {

    private static final Path ROOT = Path.of("/work/project").toAbsolutePath();

    private static final ScenarioResult PASSED = new ScenarioResult(ROOT.resolve("scenarios/digium/tls-ok.yaml"),
            "ok", Verdict.PASS, List.of(new Check("sip.register", "200", "200", true)), null, Duration.ofMillis(2140));
    private static final ScenarioResult FAILED = new ScenarioResult(Path.of("scenarios/digium/wildcard.yaml"),
            "wildcard", Verdict.FAIL, List.of(
                    new Check("tls.established", "false", "false", true),
                    new Check("tls.bitmask", "0x00000000", "0x40000000", false),
                    new Check("tls.bitmask.EIDENTITY_NOT_MATCH", "clear", "set", false),
                    new Check("sdp.profile", "RTP/SAVP", Check.NONE, false)),
            null, Duration.ofMillis(1300),
            List.of("alice: server certificate rejected: bitmask 0x40000000 [EIDENTITY_NOT_MATCH]"));
    private static final ScenarioResult ERRORED = new ScenarioResult(Path.of("scenarios/srtp/hang.yaml"),
            "hang", Verdict.ERROR, List.of(), "timed out after 60 s", Duration.ofSeconds(60));
    private static final ScenarioResult INVALID = new ScenarioResult(Path.of("x.yaml"), null, Verdict.INVALID, List.of(),
            "x.yaml:3:5: unknown key 'bitmsk' in expect.tls; expected one of: established, version, cipher, bitmask",
            Duration.ofMillis(4));

    private static String report(boolean colour, List<ScenarioResult> results) {
        StringWriter text = new StringWriter();
        ConsoleReporter reporter = new ConsoleReporter(new PrintWriter(text), ROOT, colour);
        reporter.runStarting(results.stream().map(ScenarioResult::file).toList());
        results.forEach(reporter::scenarioFinished);
        reporter.runFinished(results);
        return text.toString();
    }

    @Test
    void printsATableWithMismatchesSideBySideAndASummary() {
        String expected = """
                scenario                        verdict  time
                scenarios/digium/tls-ok.yaml    PASS     2.1 s
                scenarios/digium/wildcard.yaml  FAIL     1.3 s
                    check                            expected   | observed
                    tls.bitmask                      0x00000000 | 0x40000000  <<<<<
                    tls.bitmask.EIDENTITY_NOT_MATCH  clear      | set         <<<<<
                    sdp.profile                      RTP/SAVP   | (none)      <<<<<
                    observed: alice: server certificate rejected: bitmask 0x40000000 [EIDENTITY_NOT_MATCH]
                scenarios/srtp/hang.yaml        ERROR    60.0 s
                    timed out after 60 s
                x.yaml                          INVALID  0.0 s
                    x.yaml:3:5: unknown key 'bitmsk' in expect.tls; expected one of: established, version, cipher, bitmask

                1 passed, 1 failed, 1 errors, 1 invalid
                """;
        assertEquals(expected, report(false, List.of(PASSED, FAILED, ERRORED, INVALID)).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void leavesOutErrorsAndInvalidFromTheSummaryWhenThereAreNone() {
        assertEquals("1 passed, 1 failed", ConsoleReporter.summary(List.of(PASSED, FAILED)));
        assertEquals("0 passed, 0 failed, 1 errors", ConsoleReporter.summary(List.of(ERRORED)));
    }

    @Test
    void printsNothingForARunWithoutScenarios() {
        assertEquals("", report(false, List.of()));
    }

    @Test
    void usesNoEscapeCodesUnlessAskedAndColoursVerdictsWhenAsked() {
        String plain = report(false, List.of(PASSED, FAILED));
        assertFalse(plain.contains("\u001B["), "plain text has no ANSI escapes");
        String coloured = report(true, List.of(PASSED, FAILED));
        assertTrue(coloured.contains("\u001B[32mPASS   \u001B[0m"), coloured);
        assertTrue(coloured.contains("\u001B[31m<<<<<\u001B[0m"), coloured);
    }

    @Test
    void rendersAllRowsGivenWithMarksOnlyOnFailingOnes() {
        assertEquals(List.of(
                "check         expected | observed",
                "sip.register  200      | 200",
                "sip.bye       200      | (none)    <<<<<"),
                MismatchTable.render(List.of(
                        new Check("sip.register", "200", "200", true),
                        new Check("sip.bye", "200", Check.NONE, false))));
        assertEquals(List.of(), MismatchTable.render(List.of()));
    }
}
