package io.sipshield.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.ua.SipTrace;
import io.sipshield.harness.report.ReportDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The live executor hands reports the phone's SIP trace, the server chain and its findings. */
@Timeout(120)
class LiveObservationFactsTest {

    private static final String CALL = """
            about: registers and makes a one-second SRTP echo call
            setup:
              server:
                mock:
                  certificate: pbx-server
                  endpoints:
                    - { id: "101", password: pass101, media-encryption: sdes }
                  extensions:
                    "600": echo
              phones:
                - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101, server-name: pbx.sip.test, trust: [test-root] }
            steps:
              - register: alice
              - call: { phone: alice, to: "600", media: { source: tone, seconds: 1 } }
              - hangup: alice
            expect:
              sip: { register: 200, invite: 200, bye: 200 }
            """;

    private static final String REJECTED = """
            about: an unknown CA's certificate for another host gives 0x40000022
            setup:
              server:
                mock:
                  certificate: pbx-server-unknown-ca
                  endpoints:
                    - { id: "101", password: pass101 }
              phones:
                - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101, server-name: other.sip.test, trust: [test-root] }
            steps:
              - register: alice
            expect:
              tls: { established: false, bitmask: "0x40000022" }
            """;

    @RegisterExtension
    static final LiveRuns LIVE = LiveRuns.create();

    @TempDir
    Path dir;

    private ScenarioResult run(String name, String text) throws Exception {
        return LIVE.runFile(dir, name, text);
    }

    @Test
    void aCallLeavesItsSipMessagesInOrderWithTheSdesKeysRedacted() throws Exception {
        ScenarioResult result = run("call.yaml", CALL);
        assertEquals(Verdict.PASS, result.verdict(), result.toString());
        List<Observation.SipMessage> trace = result.observation().trace();
        List<String> firstLines = trace.stream().map(Observation.SipMessage::firstLine).toList();
        assertTrue(firstLines.get(0).startsWith("REGISTER "), firstLines.toString());
        assertEquals("SIP/2.0 401 Unauthorized", firstLines.get(1));
        assertTrue(firstLines.stream().anyMatch(line -> line.startsWith("INVITE ")), firstLines.toString());
        assertTrue(firstLines.stream().anyMatch(line -> line.startsWith("BYE ")), firstLines.toString());
        assertEquals(Observation.Direction.SENT, trace.get(0).direction());
        assertEquals(Observation.Direction.RECEIVED, trace.get(1).direction());
        assertTrue(trace.stream().allMatch(message -> message.phone().equals("alice")));
        for (int i = 1; i < trace.size(); i++) {
            assertFalse(trace.get(i).at().isBefore(trace.get(i - 1).at()), "in time order");
        }
        assertEquals(List.of(), result.observation().chain().findings());
        assertFalse(result.observation().chain().subjects().isEmpty());
        Observation.MediaObservation media = result.observation().media();
        assertFalse(media.timeline().isEmpty(), "the echo call's media over time");
        assertEquals(media.sent(), media.timeline().sent(), "every packet sent is in a bucket");
        assertTrue(media.timeline().received() >= media.received(),
                "every datagram received is in a bucket (the timeline is read a moment after the counters)");
        assertTrue(media.timeline().buckets().size() >= 10, "1 s of media in 100 ms buckets");

        List<Path> reports = new ReportDirectory(dir.resolve("reports"), dir).write(List.of(result));
        String html = Files.readString(reports.get(2));
        Document page = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(reports.get(2).toFile());
        assertEquals(trace.size(), count(html, "<g class=\"ladder-row "));
        assertEquals(1, count(html, "class=\"media-timeline\""), "alice's media over time");
        assertTrue(Files.readString(reports.get(1)).contains("\"buckets\""), "the JSON report's timeline");
        assertNotNull(page.getDocumentElement());
        assertTrue(html.contains("inline:" + SipTrace.REDACTED), "the offer's SDES key is redacted");
        assertFalse(Pattern.compile("inline:[A-Za-z0-9+/]{20,}").matcher(html + Files.readString(reports.get(1))).find(),
                "no SDES key in any report");
    }

    @Test
    void aRejectedChainCarriesItsSubjectsAndFindings() throws Exception {
        ScenarioResult result = run("rejected.yaml", REJECTED);
        assertEquals(Verdict.PASS, result.verdict(), result.toString());
        Observation.ChainObservation chain = result.observation().chain();
        assertNotNull(chain);
        assertFalse(chain.subjects().isEmpty());
        assertEquals(List.of("EIDENTITY_NOT_MATCH", "EISSUER_MISMATCH", "EUNTRUSTED"),
                chain.findings().stream().map(Observation.Finding::flag).distinct().sorted().toList());
        assertTrue(chain.findings().stream().anyMatch(finding -> finding.depth() == -1));
        assertEquals(List.of(), result.observation().trace(), "no SIP without TLS");
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
