package io.sipshield.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.harness.scenario.Scenario;
import io.sipshield.harness.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which scenarios get a hostile server instead of the mock, and which are refused. */
class HostileServerStarterTest {

    private static Scenario scenario(String faults) throws Exception {
        return new ScenarioLoader().parse(Path.of("scenarios", "faults", "hostile-x.yaml"), """
                about: hostile
                setup:
                  server:
                    mock:
                      certificate: pbx-server
                  phones:
                    - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101 }
                  faults:
                %s
                steps:
                  - register: alice
                expect:
                  sip: { register: none }
                """.formatted(faults));
    }

    @Test
    void aScenarioWithoutHostileFaultsKeepsTheMock() throws Exception {
        HostileServerStarter starter = new HostileServerStarter(null, null);
        assertTrue(starter.start(scenario("    - { fault: stall, when: on-register }")).isEmpty());
        assertTrue(starter.start(scenario("    - { fault: packet-loss, percent: 5 }")).isEmpty());
    }

    @Test
    void aHostileFaultIsPlayedAlone() throws Exception {
        HostileServerStarter starter = new HostileServerStarter(null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> starter.start(scenario(
                "    - { fault: many-sans, count: 10 }\n    - { fault: stall, when: on-register }")));
        assertEquals(Path.of("scenarios", "faults", "hostile-x.yaml") + ": setup.faults: a hostile server plays one "
                + "fault alone; got [many-sans, stall] (give oversized-chain, many-sans, endless-header or "
                + "garbage-after-handshake on its own)", e.getMessage());
    }
}
