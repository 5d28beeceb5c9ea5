package io.sipshield.harness.run;

import static io.sipshield.harness.run.LiveRuns.describeFailures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Digium host_alternate (issue 8): with the primary unreachable (a .invalid host, played as a closed port) the phone
 * connects to the alternate and registers there; the note says which server it used and why. With the primary up
 * there is no failover: a failure on it stays the phone's outcome.
 */
@Timeout(120)
class HostAlternateScenarioTest {

    @RegisterExtension
    static final LiveRuns LIVE = LiveRuns.create();

    @TempDir
    Path dir;

    @Test
    void theSuiteScenarioPassesAndItsNotesNameTheAlternate() throws Exception {
        List<ScenarioResult> results = LIVE.runAll(Path.of("..", "scenarios", "digium", "config-file-host-alternate.yaml"));
        assertEquals(2, results.size(), () -> describeFailures(results));
        assertTrue(results.stream().allMatch(r -> r.verdict() == Verdict.PASS), () -> describeFailures(results));
        ScenarioResult registered = results.get(0);
        assertTrue(registered.notes().stream().anyMatch(note -> note.startsWith("desk: failover: host_primary "
                + "pbx1.down.invalid failed (cannot connect") && note.contains("host_alternate pbx.sip.test at 127.0.0.1:")),
                () -> registered.notes().toString());
        assertTrue(registered.notes().stream().anyMatch(note -> note.contains("pbx1.down.invalid:5061 is unreachable")),
                () -> registered.notes().toString());
    }

    @Test
    void withTheRunsServerAsPrimaryThereIsNoFailover() throws Exception {
        // the primary is the mock and the phone refuses its certificate: no second try at an alternate
        Files.writeString(dir.resolve("test-root.pem.fixture"), "test-root\n");
        Files.writeString(dir.resolve("phone.xml"), """
                <?xml version="1.0" ?>
                <config>
                  <accounts>
                    <account index="0" status="1" register="1" account_id="101" username="101" password="pass101">
                      <host_primary server="other.sip.test" port="5061" transport="tls" media_encryption="sdes" />
                      <host_alternate server="pbx.sip.test" port="5061" transport="tls" />
                    </account>
                  </accounts>
                  <certs><cert file="test-root.pem" /></certs>
                </config>
                """);
        Path scenario = Files.writeString(dir.resolve("primary-up.yaml"), """
                about: the primary is the run's server; its certificate does not name other.sip.test
                setup:
                  server: { mock: { certificate: pbx-server, endpoints: [ { id: "101", password: pass101, media-encryption: sdes } ] } }
                  phones:
                    - { name: desk, profile: digium-d65@2_9_2, config: phone.xml }
                steps: [ { register: desk } ]
                expect:
                  tls: { established: false, bitmask: "0x40000000" }
                  sip: { register: none }
                """);
        ScenarioResult result = LIVE.runAll(scenario).get(0);
        assertEquals(Verdict.PASS, result.verdict(), () -> describeFailures(List.of(result)));
        assertTrue(result.notes().stream().noneMatch(note -> note.startsWith("desk: failover:")), () -> result.notes().toString());
    }
}
