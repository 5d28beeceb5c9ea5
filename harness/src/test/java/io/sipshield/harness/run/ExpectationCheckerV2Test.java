package io.sipshield.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipshield.emulator.tls.VerifyFlag;
import io.sipshield.harness.scenario.ExpectedStatus;
import io.sipshield.harness.scenario.Expectations;
import io.sipshield.harness.scenario.MockServer;
import io.sipshield.harness.scenario.PhoneSpec;
import io.sipshield.harness.scenario.Scenario;
import io.sipshield.harness.scenario.Setup;
import io.sipshield.harness.scenario.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The v2 expectations: each can fail, with expected beside observed. */
class ExpectationCheckerV2Test {

    private static final Observation.TlsObservation DROPPED = new Observation.TlsObservation(false, "TLSv1.2", null,
            0x40000022L, "server certificate rejected", new Observation.AlertObservation("close_notify", 0, "phone"));
    private static final Observation.MediaObservation LOSSY = new Observation.MediaObservation(100, 90, 90, 0, 0, 0,
            10, 42.5, new Observation.ToneObservation(1004, 90, 10));

    private final ExpectationChecker checker = new ExpectationChecker();

    private static Observation observed(Observation.TlsObservation tls, Observation.MediaObservation media,
                                        Map<String, Observation.PhoneObservation> phones,
                                        List<Observation.StepObservation> steps) {
        return new Observation(tls, Map.of("register", 200, "unregister", 200), null, media, null, List.of(),
                List.of(), null, phones, steps);
    }

    private List<Check> failed(Expectations expect, Observation observation) {
        return checker.check(expect, observation).stream().filter(check -> !check.holds()).toList();
    }

    @Test
    void theAlertIsComparedFieldByField() {
        Expectations expect = new Expectations(new Expectations.Tls(null, null, null, null,
                new Expectations.Alert("handshake_failure", 40, "server"), Set.of(), Set.of()), null, null, null, null);
        String seen = "close_notify (0) sent by phone";
        assertEquals(List.of(new Check("tls.alert.name", "handshake_failure", seen, false),
                new Check("tls.alert.code", "40", seen, false),
                new Check("tls.alert.sent-by", "server", seen, false)),
                failed(expect, observed(DROPPED, null, Map.of(), List.of())));
        assertEquals(List.of(new Check("tls.alert.name", "handshake_failure", Check.NONE, false)),
                failed(new Expectations(new Expectations.Tls(null, null, null, null,
                        new Expectations.Alert("handshake_failure", null, null), Set.of(), Set.of()), null, null, null,
                        null), observed(new Observation.TlsObservation(true, null, null, 0L, null), null, Map.of(),
                        List.of())));
    }

    @Test
    void bitmaskContainsAndExcludesGiveOneRowPerFlag() {
        Expectations expect = new Expectations(new Expectations.Tls(null, null, null, null, null,
                Set.of(VerifyFlag.EVALIDITY_PERIOD, VerifyFlag.EUNTRUSTED), Set.of(VerifyFlag.EIDENTITY_NOT_MATCH)),
                null, null, null, null);
        List<Check> checks = checker.check(expect, observed(DROPPED, null, Map.of(), List.of()));
        assertEquals(List.of(
                new Check("tls.bitmask-contains.EUNTRUSTED", "set", "set (0x40000022)", true),
                new Check("tls.bitmask-contains.EVALIDITY_PERIOD", "set", "clear (0x40000022)", false),
                new Check("tls.bitmask-excludes.EIDENTITY_NOT_MATCH", "clear", "set (0x40000022)", false)), checks);
    }

    @Test
    void lossJitterToneAndReceivedPacketsFail() {
        Expectations expect = new Expectations(null, null, null,
                new Expectations.Media(null, null, null, 1.0, 30.0, 1004, 100L), null);
        assertEquals(List.of(
                new Check("media.max-loss-percent", "<= 1.0 %", "10.0 % (lost 10, received 90)", false),
                new Check("media.max-jitter-ms", "<= 30.0 ms", "42.5 ms", false),
                new Check("media.tone-hz", "1004 Hz", "no 1004 Hz tone (in 10 of 90 packets)", false),
                new Check("media.received-min-packets", ">= 100", "90", false)),
                failed(expect, observed(null, LOSSY, Map.of(), List.of())));
        assertEquals(4, failed(expect, observed(null, null, Map.of(), List.of())).size(), "no media: every one fails");
    }

    @Test
    void unregisterAndNamedPhonesAreChecked() {
        Expectations.Sip unregistered = new Expectations.Sip(null, null, null, ExpectedStatus.code(200));
        Expectations expect = new Expectations(null, unregistered, null, null, null,
                Map.of("bob", new Expectations.Phone(null, new Expectations.Sip(ExpectedStatus.code(200), null, null,
                        ExpectedStatus.none()), null, null)));
        Observation observation = observed(null, null, Map.of("bob", new Observation.PhoneObservation(null,
                Map.of("register", 401, "unregister", 200), null, null)), List.of());
        assertEquals(List.of(
                new Check("sip.unregister", "200", "200", true),
                new Check("phones.bob.sip.register", "200", "401", false),
                new Check("phones.bob.sip.unregister", "none", "200", false)), checker.check(expect, observation));
    }

    @Test
    void aPhoneNeverObservedFailsEveryExpectation() {
        Expectations expect = new Expectations(null, null, null, null, null, Map.of("bob", new Expectations.Phone(
                new Expectations.Tls(true, null, null, null), null, null, null)));
        assertEquals(List.of(new Check("phones.bob.tls.established", "true", Check.NONE, false)),
                checker.check(expect, observed(null, null, Map.of(), List.of())));
    }

    @Test
    void stepsCheckTheirOwnStatusAndTheRequestTheyAwait() {
        Scenario scenario = new Scenario(Path.of("x.yaml"), "steps", new Setup(new MockServer("pbx-server", List.of(),
                Map.of()), List.of(new PhoneSpec("alice", "digium-d6x-2_9_2", "101", "p", "pbx.sip.test", List.of()))),
                List.of(new Step.Register("alice", ExpectedStatus.code(200)), new Step.Wait(Duration.ofMillis(1)),
                        new Step.ExpectRequest("alice", "OPTIONS", Duration.ofSeconds(10)),
                        new Step.Hangup("alice", ExpectedStatus.code(200))),
                new Expectations(null, new Expectations.Sip(ExpectedStatus.code(200), null, null), null, null, null));
        Observation observation = observed(null, null, Map.of(), List.of(
                new Observation.StepObservation(0, "register", "alice", 401, null),
                new Observation.StepObservation(2, "expect-request", "alice", null, null)));
        assertEquals(List.of(
                new Check("sip.register", "200", "200", true),
                new Check("steps[0].register", "200", "401", false),
                new Check("steps[2].expect-request", "OPTIONS within 10 s", Check.NONE, false),
                new Check("steps[3].hangup", "200", Check.NONE, false)), checker.check(scenario, observation));
    }
}
