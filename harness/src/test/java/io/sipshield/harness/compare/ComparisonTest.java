package io.sipshield.harness.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.harness.run.Check;
import io.sipshield.harness.run.ScenarioResult;
import io.sipshield.harness.run.Verdict;
import io.sipshield.harness.scenario.TargetServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static final TargetServer TARGET = new TargetServer("pbx.example.com", 5061);

    private static ScenarioResult result(String file, Verdict verdict, Check... checks) {
        return new ScenarioResult(Path.of(file), "about", verdict, List.of(checks),
                verdict == Verdict.ERROR ? "timed out after 60 s" : null, Duration.ZERO);
    }

    @Test
    void theSameResultsOnBothSidesAreNoDifference() {
        Comparison comparison = Comparison.of(TARGET,
                List.of(result("a.yaml", Verdict.PASS, new Check("media.min-packets", ">= 100", "sent 150", true))),
                List.of(result("a.yaml", Verdict.PASS, new Check("media.min-packets", ">= 100", "sent 149", true))));
        assertFalse(comparison.differs(), "both held: another count is the same result");
        assertEquals("1 scenario compared: 1 the same, 0 differ (0 expectations)", comparison.summary());
    }

    @Test
    void anExpectationThatHoldsOnOneSideOnlyDiffers() {
        Comparison comparison = Comparison.of(TARGET,
                List.of(result("a.yaml", Verdict.PASS, new Check("sip.register", "200", "200", true),
                        new Check("tls.version", "TLSv1.2", "TLSv1.2", true))),
                List.of(result("a.yaml", Verdict.FAIL, new Check("sip.register", "200", "401", false),
                        new Check("tls.version", "TLSv1.2", "TLSv1.2", true))));
        assertTrue(comparison.differs());
        assertEquals(List.of(new ExpectationDifference("sip.register", "200", "200", true, "401", false)),
                comparison.scenarios().get(0).differences());
    }

    @Test
    void failingOnBothSidesDiffersOnlyWhenTheObservationsDiffer() {
        Check mock = new Check("sip.register", "200", "403", false);
        assertNull(ExpectationDifference.between(mock, new Check("sip.register", "200", "403", false)));
        assertEquals(new ExpectationDifference("sip.register", "200", "403", false, "401", false),
                ExpectationDifference.between(mock, new Check("sip.register", "200", "401", false)));
    }

    @Test
    void whatTheTargetCannotObserveIsCountedNotCompared() {
        Comparison comparison = Comparison.of(TARGET,
                List.of(result("a.yaml", Verdict.PASS, new Check("server.registered-contacts", "1", "1", true))),
                List.of(result("a.yaml", Verdict.PASS, Check.notObservable("server.registered-contacts", "1"))));
        assertFalse(comparison.differs());
        assertEquals(List.of("server.registered-contacts"), comparison.scenarios().get(0).notObservable());
        assertTrue(comparison.summary().endsWith("; 1 expectation not observable against the target"), comparison.summary());
    }

    @Test
    void aScenarioThatCouldNotRunOnOneSideDiffersWithEveryCheckOfTheOther() {
        Comparison comparison = Comparison.of(TARGET,
                List.of(result("a.yaml", Verdict.PASS, new Check("sip.register", "200", "200", true)),
                        result("b.yaml", Verdict.PASS)),
                List.of(result("a.yaml", Verdict.ERROR)));
        ScenarioComparison a = comparison.scenarios().get(0);
        assertEquals(Verdict.ERROR, a.target());
        assertEquals("timed out after 60 s", a.targetError());
        assertEquals(List.of(new ExpectationDifference("sip.register", "200", "200", true,
                ExpectationDifference.NOT_CHECKED, false)), a.differences());
        ScenarioComparison b = comparison.scenarios().get(1);
        assertNull(b.target(), "b.yaml did not run against the target");
        assertTrue(b.differs());
        assertEquals(2, comparison.differing().size());
    }

    @Test
    void rowsOfATableOfCasesArePairedByName() {
        ScenarioResult mockRow = result("t.yaml", Verdict.PASS, new Check("tls.established", "true", "true", true)).inCase("x");
        ScenarioResult targetRow = result("t.yaml", Verdict.FAIL, new Check("tls.established", "true", "false", false)).inCase("x");
        ScenarioResult otherRow = result("t.yaml", Verdict.PASS, new Check("tls.established", "true", "true", true)).inCase("y");
        Comparison comparison = Comparison.of(TARGET, List.of(mockRow, otherRow), List.of(otherRow, targetRow));
        assertTrue(comparison.scenarios().get(0).differs());
        assertEquals("t.yaml[x]", comparison.scenarios().get(0).name("t.yaml"));
        assertFalse(comparison.scenarios().get(1).differs());
    }

    @Test
    void theCompareOptionIsMockThenHostAndPort() {
        assertEquals(new TargetServer("pbx.example.com", 5061), CompareSpec.parse("mock,pbx.example.com:5061", "--compare").target());
        assertEquals(new TargetServer("::1", 5061), CompareSpec.parse("mock, [::1]:5061", "--compare").target());
        assertEquals("--compare: 'mock' names 1 side; expected mock,HOST:PORT (the embedded mock, then the real server, "
                        + "for example mock,pbx.example.com:5061)",
                assertThrows(IllegalArgumentException.class, () -> CompareSpec.parse("mock", "--compare")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CompareSpec.parse("mock,a:1,b:2", "--compare")).getMessage().contains("names 3 sides"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CompareSpec.parse("pbx:5061,mock", "--compare")).getMessage().contains("the first side must be 'mock'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CompareSpec.parse("mock,pbx:0", "--compare")).getMessage().contains("port 0 out of range"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CompareSpec.parse("mock,pbx:", "--compare")).getMessage()
                .contains("--compare (the second side): bad address 'pbx:'"));
    }
}
