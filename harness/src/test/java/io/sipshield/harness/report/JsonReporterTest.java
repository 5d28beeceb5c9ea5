package io.sipshield.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipshield.emulator.media.MediaTimeline;
import io.sipshield.harness.run.Observation;
import io.sipshield.harness.run.ScenarioResult;
import io.sipshield.harness.run.Verdict;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReporterTest {

    private static JsonNode json() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonReporter(SampleResults.ROOT).write(SampleResults.ALL, out);
        return new ObjectMapper().readTree(out.toByteArray());
    }

    @Test
    void summarisesTheVerdicts() throws Exception {
        JsonNode summary = json().get("summary");
        assertEquals(4, summary.get("total").asInt());
        assertEquals(1, summary.get("pass").asInt());
        assertEquals(1, summary.get("fail").asInt());
        assertEquals(1, summary.get("error").asInt());
        assertEquals(1, summary.get("invalid").asInt());
    }

    @Test
    void carriesEveryCheckTimingAndTheObservedFacts() throws Exception {
        JsonNode passed = json().get("scenarios").get(0);
        assertEquals("digium/register.yaml", passed.get("file").asText());
        assertEquals("PASS", passed.get("verdict").asText());
        assertEquals(1234, passed.get("millis").asLong());
        assertEquals("sip.register", passed.get("checks").get(0).get("name").asText());
        assertTrue(passed.get("checks").get(0).get("holds").asBoolean());
        JsonNode observed = passed.get("observed");
        assertEquals("TLSv1.2", observed.at("/tls/version").asText());
        assertEquals(200, observed.at("/sip/register").asInt());
        assertEquals("AES_CM_128_HMAC_SHA1_80", observed.at("/sdp/suite").asText());
        assertEquals(150, observed.at("/media/verified").asLong());
        assertEquals(1, observed.at("/server/registeredContacts").asInt());
        assertEquals(4, observed.get("sip-trace").size());
        assertEquals("received", observed.at("/sip-trace/1/direction").asText());
        assertEquals("SIP/2.0 401 Unauthorized", observed.at("/sip-trace/1/firstLine").asText());
    }

    @Test
    void aRowOfATableHasItsCaseAndIdAndEveryPhoneAndStepIsReported() throws Exception {
        Observation.TlsObservation dropped = new Observation.TlsObservation(false, null, null, 0x40000000L, "dropped",
                new Observation.AlertObservation("close_notify", 0, "phone"));
        Observation observation = new Observation(dropped, Map.of(), null, null, null, List.of(), List.of(), null,
                Map.of("alice", new Observation.PhoneObservation(dropped, Map.of(), null, null),
                        "bob", new Observation.PhoneObservation(null, Map.of("register", 401), null,
                                new Observation.MediaObservation(50, 45, 45, 0, 0, 0, 5, 2.5,
                                        new Observation.ToneObservation(1000, 45, 44)))),
                List.of(new Observation.StepObservation(0, "register", "bob", 401, null)));
        ScenarioResult row = new ScenarioResult(SampleResults.ROOT.resolve("digium/table.yaml"), "row", Verdict.PASS,
                List.of(), null, Duration.ofMillis(5), List.of(), observation, "expired");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonReporter(SampleResults.ROOT).write(List.of(row), out);
        JsonNode node = new ObjectMapper().readTree(out.toByteArray()).at("/scenarios/0");
        assertEquals("expired", node.get("case").asText());
        assertEquals("digium/table[expired]", node.get("id").asText());
        assertEquals("close_notify", node.at("/observed/tls/alert/name").asText());
        assertEquals("phone", node.at("/observed/phones/alice/tls/alert/sentBy").asText());
        assertEquals(401, node.at("/observed/phones/bob/sip/register").asInt());
        assertEquals(10.0, node.at("/observed/phones/bob/media/lossPercent").asDouble(), 1e-9);
        assertTrue(node.at("/observed/phones/bob/media/tone/present").asBoolean());
        assertEquals(401, node.at("/observed/steps/0/status").asInt());
    }

    @Test
    void carriesTheMediaOverTimeAsAnArrayOfBuckets() throws Exception {
        JsonNode timeline = json().at("/scenarios/0/observed/media/timeline");
        assertEquals(100.0, timeline.get("intervalMillis").asDouble(), 1e-9);
        assertFalse(timeline.get("truncated").asBoolean());
        JsonNode buckets = timeline.get("buckets");
        assertTrue(buckets.isArray());
        assertEquals(30, buckets.size());
        JsonNode third = buckets.get(2);
        assertEquals(200.0, third.get("startMillis").asDouble(), 1e-9);
        assertEquals(5, third.get("sent").asLong());
        assertEquals(5, third.get("received").asLong());
        assertEquals(0, third.get("lost").asLong());
        assertEquals(0.1, third.get("jitterMs").asDouble(), 1e-9);
        assertEquals(0, third.get("authFailures").asLong());
        assertTrue(json().at("/scenarios/1/observed/media/timeline").isMissingNode(), "no timeline recorded");
    }

    @Test
    void aPhonesTimelineKeepsItsLossAndTruncation() throws Exception {
        MediaTimeline timeline = new MediaTimeline(Duration.ofMillis(50), List.of(
                new MediaTimeline.Bucket(0, 3, 3, 0, 0, 0), new MediaTimeline.Bucket(50, 2, 1, 2, 0.75, 1)), true);
        Observation.MediaObservation media = new Observation.MediaObservation(5, 4, 3, 1, 0, 0, 2, 0.75, null, timeline);
        Observation observation = new Observation(null, Map.of(), null, media, null, List.of(), List.of(), null,
                Map.of("bob", new Observation.PhoneObservation(null, Map.of(), null, media)), List.of());
        ScenarioResult row = new ScenarioResult(SampleResults.ROOT.resolve("srtp/loss.yaml"), "loss", Verdict.PASS,
                List.of(), null, Duration.ofMillis(5), List.of(), observation);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonReporter(SampleResults.ROOT).write(List.of(row), out);
        JsonNode bob = new ObjectMapper().readTree(out.toByteArray()).at("/scenarios/0/observed/phones/bob/media/timeline");
        assertEquals(50.0, bob.get("intervalMillis").asDouble(), 1e-9);
        assertTrue(bob.get("truncated").asBoolean());
        assertEquals(2, bob.get("buckets").size());
        assertEquals(2, bob.at("/buckets/1/lost").asLong());
        assertEquals(0.75, bob.at("/buckets/1/jitterMs").asDouble(), 1e-9);
        assertEquals(1, bob.at("/buckets/1/authFailures").asLong());
    }

    @Test
    void decodesTheBitmaskAndListsTheChainFindings() throws Exception {
        JsonNode failed = json().get("scenarios").get(1);
        assertEquals("0x40000022", failed.at("/observed/tls/bitmask").asText());
        assertEquals("[\"EUNTRUSTED\",\"EISSUER_MISMATCH\",\"EIDENTITY_NOT_MATCH\"]",
                failed.at("/observed/tls/flags").toString());
        assertEquals(-1, failed.at("/observed/chain/findings/1/depth").asInt());
        assertEquals("EIDENTITY_NOT_MATCH", failed.at("/observed/chain/findings/1/flag").asText());
        assertFalse(failed.at("/checks/1/holds").asBoolean());
        assertEquals("alice: certificate rejected <0x40000022> & dropped", failed.at("/notes/0").asText());
    }

    @Test
    void anErrorHasItsReasonAndNoObservation() throws Exception {
        JsonNode errored = json().get("scenarios").get(2);
        assertEquals("ERROR", errored.get("verdict").asText());
        assertEquals("timed out after 60 s", errored.get("error").asText());
        assertTrue(errored.get("observed").isNull());
        assertTrue(json().get("scenarios").get(3).get("about").isNull());
    }
}
