package io.sipshield.harness.report;

import io.sipshield.emulator.media.MediaTimeline;
import io.sipshield.harness.run.Check;
import io.sipshield.harness.run.Observation;
import io.sipshield.harness.run.ScenarioResult;
import io.sipshield.harness.run.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A run of four scenarios, one per verdict, with the facts a report shows. */
final class SampleResults {

    static final Path ROOT = Path.of("/work/suite").toAbsolutePath();
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** The trace of a register with digest challenge: four messages. */
    static final List<Observation.SipMessage> TRACE = List.of(
            message(0, Observation.Direction.SENT, "REGISTER sip:pbx.sip.test SIP/2.0"),
            message(12, Observation.Direction.RECEIVED, "SIP/2.0 401 Unauthorized"),
            message(15, Observation.Direction.SENT, "REGISTER sip:pbx.sip.test SIP/2.0"),
            message(27, Observation.Direction.RECEIVED, "SIP/2.0 200 OK"));

    static final Observation PASSED_OBSERVATION = new Observation(
            new Observation.TlsObservation(true, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0L, null),
            Map.of("register", 200), new Observation.SdpObservation("RTP/SAVP", "AES_CM_128_HMAC_SHA1_80"),
            new Observation.MediaObservation(150, 150, 150, 0, 0, 0, 0, 0.1, null, evenTimeline(30)),
            new Observation.ServerObservation(1),
            List.of(), TRACE,
            new Observation.ChainObservation(List.of("CN=pbx.sip.test", "CN=Test Root"), List.of()));

    static final Observation FAILED_OBSERVATION = new Observation(
            new Observation.TlsObservation(false, null, null, 0x40000022L, "certificate rejected: 0x40000022"),
            Map.of(), null, new Observation.MediaObservation(10, 9, 7, 2, 0, 0), new Observation.ServerObservation(0),
            List.of("alice: certificate rejected <0x40000022> & dropped"), List.of(),
            new Observation.ChainObservation(List.of("CN=pbx.sip.test,O=Unknown CA"), List.of(
                    new Observation.Finding(0, "CN=pbx.sip.test,O=Unknown CA", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
                            "EUNTRUSTED", "no trusted issuer"),
                    new Observation.Finding(-1, "CN=pbx.sip.test,O=Unknown CA", "HOSTNAME_MISMATCH",
                            "EIDENTITY_NOT_MATCH", "other.sip.test is not pbx.sip.test"))));

    static final ScenarioResult PASSED = new ScenarioResult(ROOT.resolve("digium/register.yaml"), "registers",
            Verdict.PASS, List.of(new Check("sip.register", "200", "200", true)), null, Duration.ofMillis(1234),
            List.of(), PASSED_OBSERVATION);

    static final ScenarioResult FAILED = new ScenarioResult(ROOT.resolve("digium/bitmask.yaml"), "bitmask \u0001 example",
            Verdict.FAIL, List.of(
                    new Check("tls.established", "false", "false", true),
                    new Check("tls.bitmask", "0x40000002", "0x40000022", false),
                    new Check("tls.bitmask.EISSUER_MISMATCH", "clear", "set", false)),
            null, Duration.ofMillis(100), FAILED_OBSERVATION.notes(), FAILED_OBSERVATION);

    static final ScenarioResult ERRORED = new ScenarioResult(ROOT.resolve("algo/hang.yaml"), "hangs", Verdict.ERROR,
            List.of(), "timed out after 60 s", Duration.ofSeconds(60));

    static final ScenarioResult INVALID = new ScenarioResult(ROOT.resolve("broken.yaml"), null, Verdict.INVALID,
            List.of(), "broken.yaml:2:1: unknown key 'setpu'; expected one of: about, setup, steps, expect",
            Duration.ofMillis(3));

    static final List<ScenarioResult> ALL = List.of(PASSED, FAILED, ERRORED, INVALID);

    private SampleResults() {
    }

    /** {@code buckets} intervals of 100 ms, five packets each way in each, no loss, jitter 0.1 ms. */
    static MediaTimeline evenTimeline(int buckets) {
        List<MediaTimeline.Bucket> list = new java.util.ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            list.add(new MediaTimeline.Bucket(100.0 * i, 5, 5, 0, 0.1, 0));
        }
        return new MediaTimeline(Duration.ofMillis(100), list, false);
    }

    private static Observation.SipMessage message(long millis, Observation.Direction direction, String firstLine) {
        return new Observation.SipMessage(T0.plusMillis(millis), "alice", direction, firstLine,
                firstLine + "\r\nVia: SIP/2.0/TLS 127.0.0.1:5061\r\nContent-Length: 0\r\n\r\n");
    }
}
