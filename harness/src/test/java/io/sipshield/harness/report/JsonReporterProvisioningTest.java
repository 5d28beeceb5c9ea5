package io.sipshield.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipshield.harness.run.Observation;
import io.sipshield.harness.run.ScenarioResult;
import io.sipshield.harness.run.Verdict;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON report carries how each Cisco boot ended: per phone, the first phone's at the top, a reboot's on its step. */
class JsonReporterProvisioningTest {

    private static JsonNode report(Observation observation) throws Exception {
        ScenarioResult result = new ScenarioResult(SampleResults.ROOT.resolve("cisco/trust-list-update.yaml"),
                "a SAST update", Verdict.PASS, List.of(), null, Duration.ofMillis(5), List.of(), observation);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonReporter(SampleResults.ROOT).write(List.of(result), out);
        return new ObjectMapper().readTree(out.toByteArray()).at("/scenarios/0/observed");
    }

    @Test
    void everyBootsTrustListConfigItlCtlAndSastAreReported() throws Exception {
        Map<String, String> lists = new LinkedHashMap<>();
        lists.put("ITLSEP001122334455.tlv", "absent");
        lists.put("ITLFile.tlv", "replaced");
        Observation.ProvisioningObservation last = new Observation.ProvisioningObservation("replaced", "accepted",
                "ITLFile.tlv", 2, List.of("test-root", "other-root"), lists);
        Observation.ProvisioningObservation first = new Observation.ProvisioningObservation("installed", "rejected",
                "ITLFile.tlv", 0, List.of("test-root"), Map.of("ITLFile.tlv", "installed"));
        Map<String, Observation.PhoneObservation> phones = new LinkedHashMap<>();
        phones.put("desk", new Observation.PhoneObservation(null, Map.of("register", 200), null, null, last));
        phones.put("lobby", new Observation.PhoneObservation(null, Map.of(), null, null));
        Observation observation = new Observation(null, Map.of("register", 200), null, null, null, List.of(), List.of(),
                null, phones, List.of(new Observation.StepObservation(0, "reboot", "desk", null, null, first),
                new Observation.StepObservation(1, "register", "desk", 200, null)));

        JsonNode observed = report(observation);
        JsonNode desk = observed.at("/phones/desk/provisioning");
        assertEquals("replaced", desk.get("trustList").asText());
        assertEquals("accepted", desk.get("config").asText());
        assertEquals("ITLFile.tlv", desk.get("itl").asText());
        assertEquals(2, desk.get("ctlRecords").asInt());
        assertEquals("[\"test-root\",\"other-root\"]", desk.get("sast").toString());
        assertEquals("{\"ITLSEP001122334455.tlv\":\"absent\",\"ITLFile.tlv\":\"replaced\"}", desk.get("lists").toString(),
                "every list asked for, in the order asked");
        assertEquals("replaced", observed.at("/provisioning/trustList").asText(), "the first phone's at the top");
        JsonNode reboot = observed.at("/steps/0/provisioning");
        assertEquals("installed", reboot.get("trustList").asText());
        assertEquals("rejected", reboot.get("config").asText());
        assertEquals("installed", reboot.at("/lists/ITLFile.tlv").asText());
        assertTrue(observed.at("/steps/1/provisioning").isMissingNode(), "a register step boots nothing");
        assertTrue(observed.at("/phones/lobby/provisioning").isMissingNode(), "a phone that was not provisioned");
    }

    @Test
    void aPhoneWithoutProvisioningHasNoProvisioningObject() throws Exception {
        Observation observation = new Observation(null, Map.of(), null, null, null, List.of(), List.of(), null,
                Map.of("alice", new Observation.PhoneObservation(null, Map.of("register", 200), null, null)), List.of());
        JsonNode observed = report(observation);
        assertTrue(observed.at("/provisioning").isMissingNode());
        assertEquals(200, observed.at("/phones/alice/sip/register").asInt());
    }
}
