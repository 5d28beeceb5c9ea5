package io.sipshield.harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.fault.CloseConnection;
import io.sipshield.emulator.fault.CoalescedMessages;
import io.sipshield.emulator.fault.Duplicate;
import io.sipshield.emulator.fault.EndlessHeader;
import io.sipshield.emulator.fault.Fault;
import io.sipshield.emulator.fault.FaultMoment;
import io.sipshield.emulator.fault.GarbageAfterHandshake;
import io.sipshield.emulator.fault.ManySans;
import io.sipshield.emulator.fault.MediaFault;
import io.sipshield.emulator.fault.OversizedChain;
import io.sipshield.emulator.fault.PacketLoss;
import io.sipshield.emulator.fault.ReplaySrtp;
import io.sipshield.emulator.fault.Reorder;
import io.sipshield.emulator.fault.RestartServer;
import io.sipshield.emulator.fault.RocWrap;
import io.sipshield.emulator.fault.ServerFault;
import io.sipshield.emulator.fault.Stall;
import io.sipshield.emulator.fault.TamperSrtp;
import io.sipshield.emulator.fault.TinyRecords;
import io.sipshield.emulator.ua.ReconnectPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code setup.faults}, a phone's {@code reconnect} and {@code expect.connection}, read strictly. */
class FaultScenarioReaderTest {

    private static final Path FILE = Path.of("scenarios", "faults", "x.yaml");
    private final ScenarioLoader loader = new ScenarioLoader();

    /** Line 11 is the first item of faults. */
    private static String scenario(String faults, String phoneExtra, String expect) {
        return """
                about: faults
                setup:
                  server:
                    mock:
                      certificate: pbx-server
                  phones:
                    - name: alice
                      profile: digium-d6x-2_9_2
                      user: "101"
                      password: pass101
                """ + phoneExtra + "  faults:\n" + faults + """
                steps:
                  - register: alice
                expect:
                """ + expect;
    }

    private static String scenario(String faults) {
        return scenario(faults, "", "  sip: { register: 200 }\n");
    }

    private ScenarioFileException invalid(String yaml) {
        return assertThrows(ScenarioFileException.class, () -> loader.parse(FILE, yaml));
    }

    @Test
    void readsEveryFaultOfTheVocabulary() throws Exception {
        String faults = """
                    - { fault: close-connection, when: on-register }
                    - { fault: close-connection, when: in-call, delay: 0.5, times: 2, reset: true }
                    - { fault: stall, when: after-handshake }
                    - { fault: stall, when: on-invite, duration: 1.5 }
                    - { fault: tiny-records, record-bytes: 1 }
                    - { fault: coalesced-messages, count: 100 }
                    - { fault: restart-server, after: 5, downtime: 1 }
                    - { fault: oversized-chain, certificates: 200 }
                    - { fault: many-sans, count: 10000 }
                    - { fault: endless-header, bytes: 1048576 }
                    - { fault: garbage-after-handshake, bytes: 4096, seed: 7 }
                    - { fault: packet-loss, percent: 5 }
                    - { fault: reorder, percent: 5, depth: 3, seed: 2 }
                    - { fault: duplicate, percent: 5, seed: 3 }
                    - { fault: roc-wrap, packets-before-wrap: 50 }
                    - { fault: tamper-srtp, every: 10 }
                    - { fault: replay-srtp, every: 10, lag: 5 }
                """;
        List<Fault> read = loader.parse(FILE, scenario(faults)).setup().faults();
        assertEquals(List.of(
                CloseConnection.at(FaultMoment.ON_REGISTER),
                new CloseConnection(FaultMoment.IN_CALL, Duration.ofMillis(500), 2, true),
                new Stall(FaultMoment.AFTER_HANDSHAKE, Duration.ZERO),
                new Stall(FaultMoment.ON_INVITE, Duration.ofMillis(1500)),
                new TinyRecords(1),
                new CoalescedMessages(100),
                new RestartServer(Duration.ofSeconds(5), Duration.ofSeconds(1)),
                new OversizedChain(200),
                new ManySans(10_000),
                new EndlessHeader(1 << 20),
                new GarbageAfterHandshake(4096, 7),
                new PacketLoss(5, FaultReader.DEFAULT_SEED),
                new Reorder(5, 3, 2),
                new Duplicate(5, 3),
                new RocWrap(50),
                new TamperSrtp(10),
                new ReplaySrtp(10, 5)), read);
        int vocabulary = ServerFault.class.getPermittedSubclasses().length + MediaFault.class.getPermittedSubclasses().length;
        assertEquals(vocabulary, FaultReader.names().size(), "every fault of the vocabulary can be written");
        assertEquals(vocabulary, read.stream().map(Fault::name).distinct().count());
    }

    @Test
    void anUnknownFaultListsTheNames() {
        ScenarioFileException e = invalid(scenario("    - { fault: close-conection, when: on-register }\n"));
        assertEquals(FILE + ":12:16: unknown fault 'close-conection' in setup.faults[0].fault; expected one of: "
                + String.join(", ", FaultReader.names()), e.getMessage());
    }

    @Test
    void aFieldOfAnotherFaultIsAnUnknownKeyListingThisFaultsFields() {
        ScenarioFileException e = invalid(scenario("    - { fault: tiny-records, record-bytes: 1, count: 3 }\n"));
        assertEquals(FILE + ":12:47: unknown key 'count' in setup.faults[0]; expected one of: fault, record-bytes",
                e.getMessage());
    }

    @Test
    void aMissingRequiredFieldIsNamedWithWhatItTakes() {
        ScenarioFileException e = invalid(scenario("    - { fault: close-connection, delay: 1 }\n"));
        assertTrue(e.getMessage().startsWith(FILE + ":12:7: missing key 'when' in setup.faults[0]; expected when: "
                + "the moment, one of: after-handshake, on-register, after-register, on-invite, in-call"), e.getMessage());
        ScenarioFileException noFault = invalid(scenario("    - { when: on-register }\n"));
        assertTrue(noFault.getMessage().contains("missing key 'fault' in setup.faults[0]"), noFault.getMessage());
    }

    @Test
    void badValuesAreRefusedNamingTheFieldAndTheExpectedValues() {
        ScenarioFileException moment = invalid(scenario("    - { fault: stall, when: mid-register }\n"));
        assertEquals(FILE + ":12:29: found 'mid-register' in setup.faults[0].when; expected one of: after-handshake, "
                + "on-register, after-register, on-invite, in-call", moment.getMessage());
        ScenarioFileException bytes = invalid(scenario("    - { fault: tiny-records, record-bytes: 0 }\n"));
        assertTrue(bytes.getMessage().contains("out of range 0 in setup.faults[0].record-bytes; expected an integer "
                + "from 1 to 16384"), bytes.getMessage());
        ScenarioFileException percent = invalid(scenario("    - { fault: packet-loss, percent: 0 }\n"));
        assertTrue(percent.getMessage().contains("packet-loss: percent must be a percentage in (0, 100], was 0.0"),
                percent.getMessage());
        ScenarioFileException notAList = invalid(scenario("    fault: stall\n"));
        assertTrue(notAList.getMessage().contains("in setup.faults; expected a list of faults"), notAList.getMessage());
    }

    @Test
    void readsAPhonesReconnectPolicyAndTransactionTimeout() throws Exception {
        String phone = """
                      reconnect: { base-time: 0.2, max-time: 2, max-attempts: 5 }
                      transaction-timeout: 0.5
                """;
        Setup setup = loader.parse(FILE, scenario("    - { fault: tiny-records, record-bytes: 1 }\n", phone,
                "  sip: { register: 200 }\n")).setup();
        assertEquals(new PhoneRecovery(ReconnectPolicy.of(Duration.ofMillis(200), Duration.ofSeconds(2)).withMaxAttempts(5),
                Duration.ofMillis(500)), setup.recovery("alice"));
        Setup rfc = loader.parse(FILE, scenario("    - { fault: tiny-records, record-bytes: 1 }\n",
                "      reconnect: rfc5626\n", "  sip: { register: 200 }\n")).setup();
        assertEquals(ReconnectPolicy.rfc5626(), rfc.recovery("alice").reconnect());
        ScenarioFileException unknown = invalid(scenario("    - { fault: tiny-records, record-bytes: 1 }\n",
                "      reconnect: always\n", "  sip: { register: 200 }\n"));
        assertTrue(unknown.getMessage().contains("unknown policy 'always' in setup.phones[0].reconnect; expected none, "
                + "rfc5626, or a mapping"), unknown.getMessage());
        ScenarioFileException backwards = invalid(scenario("    - { fault: tiny-records, record-bytes: 1 }\n",
                "      reconnect: { base-time: 5, max-time: 1 }\n", "  sip: { register: 200 }\n"));
        assertTrue(backwards.getMessage().contains("max-time (1000 ms) must be at least base-time (5000 ms)"),
                backwards.getMessage());
    }

    @Test
    void readsConnectionExpectationsForTheFirstAndNamedPhones() throws Exception {
        Expectations expect = loader.parse(FILE, scenario("    - { fault: tiny-records, record-bytes: 1 }\n", "",
                "  connection: { drops: 1, recovered: true, calls-ended: 0, cause-contains: reset }\n"
                        + "  phones:\n    alice: { connection: { drops: 1 } }\n")).expect();
        assertEquals(Map.of("alice", new ConnectionExpectation(1, null, null, null)), expect.connections(),
                "the named phone's statement replaces the top-level one about the same phone");
        Expectations top = loader.parse(FILE, scenario("    - { fault: tiny-records, record-bytes: 1 }\n", "",
                "  connection: { drops: 1, recovered: true, calls-ended: 0, cause-contains: reset }\n")).expect();
        assertEquals(new ConnectionExpectation(1, true, 0, "reset"), top.connections().get("alice"));
        ScenarioFileException empty = invalid(scenario("    - { fault: tiny-records, record-bytes: 1 }\n", "",
                "  connection: {}\n"));
        assertTrue(empty.getMessage().contains("nothing expected in expect.connection; expected at least one of: drops, "
                + "recovered, calls-ended, cause-contains"), empty.getMessage());
        ScenarioFileException typo = invalid(scenario("    - { fault: tiny-records, record-bytes: 1 }\n", "",
                "  connection: { drop: 1 }\n"));
        assertTrue(typo.getMessage().contains("unknown key 'drop' in expect.connection"), typo.getMessage());
    }
}
