package io.sipshield.harness.scenario;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.tls.VerifyFlag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys format v2 adds, valid and invalid (file:line:column, field, what was expected). */
class ScenarioLoaderV2Test {

    private static final Path FILE = Path.of("scenarios", "digium", "v2.yaml");

    /** Line 3 is the server, 5 and 6 the phones, 8 the first step, 10 the expectation. */
    private static final String BASE = """
            about: v2
            setup:
              server: { mock: { certificate: pbx-server } }
              phones:
                - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101 }
                - { name: bob, profile: digium-d6x-2_9_2, user: "102", password: pass102 }
            steps:
              - register: alice
            expect:
              sip: { register: 200 }
            """;

    private final ScenarioLoader loader = new ScenarioLoader();

    private Scenario parse(String yaml) throws ScenarioFileException {
        return loader.parse(FILE, yaml);
    }

    private ScenarioFileException invalid(String yaml) {
        return assertThrows(ScenarioFileException.class, () -> loader.parse(FILE, yaml));
    }

    private static String server(String server) {
        return BASE.replace("server: { mock: { certificate: pbx-server } }", "server: " + server);
    }

    private static String steps(String steps) {
        return BASE.replace("  - register: alice\n", steps);
    }

    private static String expect(String expect) {
        return BASE.replace("  sip: { register: 200 }\n", expect);
    }

    /** The error is at the first {@code needle} on {@code line} and its message contains {@code text}. */
    private void rejects(String yaml, int line, String needle, String text) {
        ScenarioFileException e = invalid(yaml);
        at(e, line, yaml.lines().toList().get(line - 1).indexOf(needle) + 1, text);
    }

    private static void at(ScenarioFileException e, int line, int column, String text) {
        assertAll(() -> assertEquals(line, e.line(), e.getMessage()),
                () -> assertEquals(column, e.column(), e.getMessage()),
                () -> assertTrue(e.getMessage().contains(text), e.getMessage()));
    }

    // setup.server

    @Test
    void aTargetIsHostAndPort() throws Exception {
        assertEquals(new TargetServer("pbx.example.com", 5061),
                parse(server("{ target: \"pbx.example.com:5061\" }")).setup().server());
        assertEquals(new TargetServer("::1", 5061), parse(server("{ target: \"[::1]:5061\" }")).setup().server());
    }

    @Test
    void aBadTargetIsAnErrorAtItsValue() {
        at(invalid(server("{ target: pbx.example.com }")), 3, 21, "bad target 'pbx.example.com' in setup.server.target");
        at(invalid(server("{ target: \"pbx:99999\" }")), 3, 21, "bad target");
    }

    @Test
    void serverFactsNeedTheMock() {
        at(invalid(server("{ target: \"127.0.0.1:5061\" }").replace("sip: { register: 200 }",
                "server: { registered-contacts: 1 }")), 10, 11, "server facts with a target server in expect.server");
    }

    @Test
    void exactlyOneServerKind() {
        at(invalid(server("{ mock: { certificate: pbx-server }, target: \"h:1\" }")), 3, 48,
                "two server kinds in setup.server");
    }

    @Test
    void inlineConfigurationMakesTheCertificateOptional() throws Exception {
        MockServer mock = (MockServer) parse(server("""
                
                    mock:
                      pjsip.conf: |
                        [transport-tls]
                        type = transport
                      extensions.conf: |
                        [phones]
                """.stripTrailing())).setup().server();
        assertNull(mock.certificate());
        assertEquals("[transport-tls]\ntype = transport\n", mock.config().pjsipConf());
        assertEquals("[phones]\n", mock.config().extensionsConf());
    }

    @Test
    void extensionsConfAloneIsAnError() {
        at(invalid(server("{ mock: { extensions.conf: \"[phones]\" } }")), 3, 38,
                "extensions.conf without pjsip.conf in setup.server.mock.extensions.conf");
    }

    @Test
    void aConfigDirectoryIsResolvedBesideTheFileAndMustHoldPjsipConf(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("asterisk"));
        Path file = Files.writeString(dir.resolve("s.yaml"), server("{ mock: { config: asterisk } }"));
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> loader.loadAll(file));
        at(e, 3, 29, "no pjsip.conf in " + dir.resolve("asterisk"));
        Files.writeString(dir.resolve("asterisk/pjsip.conf"), "");
        MockServer mock = (MockServer) loader.load(file).setup().server();
        assertEquals(dir.resolve("asterisk").toAbsolutePath(), mock.config().directory());
    }

    @Test
    void configAndInlineTextTogetherIsAnError() {
        at(invalid(server("{ mock: { config: a, pjsip.conf: x } }")), 3, 44, "inline configuration beside config");
    }

    // setup.phones[]

    @Test
    void phoneKeysClientCertificateCodecsAndRejectStatus() throws Exception {
        PhoneSpec alice = parse(BASE.replace("password: pass101 }",
                "password: pass101, client-certificate: algo-device, codecs: [PCMA, PCMU] }")).setup().phones().get(0);
        assertEquals("algo-device", alice.clientCertificate());
        assertEquals(List.of("PCMA", "PCMU"), alice.codecs());
        assertEquals(PhoneSpec.AnswerMode.AUTO, alice.answer());
    }

    @Test
    void badPhoneKeysAreErrorsAtTheirValue() {
        at(invalid(BASE.replace("password: pass101 }", "password: pass101, codecs: [G729] }")), 5, 90,
                "unknown codec 'G729' in setup.phones[0].codecs[0]");
        at(invalid(BASE.replace("password: pass101 }", "password: pass101, codecs: [PCMU, PCMU] }")), 5, 96,
                "duplicate codec PCMU");
        at(invalid(BASE.replace("password: pass101 }", "password: pass101, client-certificate: nope }")), 5, 101,
                "unknown certificate fixture 'nope'");
        at(invalid(BASE.replace("password: pass101 }", "password: pass101, reject-status: 486 }")), 5, 96,
                "reject-status without answer: reject");
        at(invalid(BASE.replace("password: pass101 }", "password: pass101, answer: sometimes }")), 5, 89,
                "found 'sometimes' in setup.phones[0].answer");
    }

    @Test
    void aCiscoTrustListIsFixturesWithTheirRoles() throws Exception {
        PhoneSpec desk = parse(BASE.replace("password: pass101 }", "password: pass101, trust-list: "
                + "[{ certificate: pbx-server, role: ccm+tftp }, { certificate: test-root, role: APP-SERVER }] }"))
                .setup().phones().get(0);
        assertEquals(List.of(new PhoneSpec.TrustListRecord("pbx-server", "CCM+TFTP"),
                new PhoneSpec.TrustListRecord("test-root", "APP-SERVER")), desk.trustList());
    }

    @Test
    void aTrustListRecordNeedsAKnownRoleAndFixture() {
        String bad = invalid(BASE.replace("password: pass101 }",
                "password: pass101, trust-list: [{ certificate: pbx-server, role: boss }] }")).getMessage();
        assertTrue(bad.contains("unknown trust-list role 'boss'"), bad);
        assertTrue(bad.contains("CCM+TFTP"), "the roles are listed: " + bad);
        String missing = invalid(BASE.replace("password: pass101 }",
                "password: pass101, trust-list: [{ certificate: pbx-server }] }")).getMessage();
        assertTrue(missing.contains("role"), missing);
        String empty = invalid(BASE.replace("password: pass101 }", "password: pass101, trust-list: [] }"))
                .getMessage();
        assertTrue(empty.contains("no record"), empty);
    }

    @Test
    void aPhoneConfiguredByItsOwnFileNeedsNoProfileUserOrPassword(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path algo = java.nio.file.Files.createDirectories(dir.resolve("files/8301"));
        java.nio.file.Files.writeString(algo.resolve("config.txt"), "sip.proxy = pbx.sip.test:5061\n");
        java.nio.file.Path scenario = dir.resolve("s.yaml");
        PhoneSpec paging = loader.parse(scenario, BASE.replace(
                "{ name: alice, profile: digium-d6x-2_9_2, user: \"101\", password: pass101 }",
                "{ name: alice, config: files/8301 }")).setup().phones().get(0);
        assertEquals(algo, paging.config(), "relative to the scenario file");
        assertEquals(null, paging.profile());
        assertEquals(null, paging.user());
        ScenarioFileException missing = assertThrows(ScenarioFileException.class, () -> loader.parse(scenario,
                BASE.replace("{ name: alice, profile: digium-d6x-2_9_2, user: \"101\", password: pass101 }",
                        "{ name: alice, config: files/none.xml }")));
        assertTrue(missing.getMessage().contains("no such file or directory 'files/none.xml'"), missing.getMessage());
        ScenarioFileException noProfile = assertThrows(ScenarioFileException.class, () -> loader.parse(scenario,
                BASE.replace("profile: digium-d6x-2_9_2, user: \"101\"", "user: \"101\"")));
        assertTrue(noProfile.getMessage().contains("profile"), "without a config file the profile stays required: "
                + noProfile.getMessage());
    }

    // steps

    @Test
    void stepsTakeAPhoneOrAMappingWithExpect() throws Exception {
        List<Step> steps = parse(steps("""
                  - register: { phone: alice, expect: 401 }
                  - call: { phone: alice, to: "600", expect: 486, hold-seconds: 1.5 }
                  - wait: 0.25
                  - hangup: { phone: alice, expect: none }
                """)).steps();
        assertEquals(List.of(new Step.Register("alice", ExpectedStatus.code(401)),
                new Step.Call("alice", "600", null, ExpectedStatus.code(486), 1.5),
                new Step.Wait(Duration.ofMillis(250)),
                new Step.Hangup("alice", ExpectedStatus.none())), steps);
        assertEquals("wait", steps.get(2).kind());
    }

    @Test
    void badStepsAreErrorsAtTheirValue() {
        at(invalid(steps("  - wait: soon\n")), 8, 11, "found 'soon' in steps[0].wait; expected a number from 0 to 3600");
        at(invalid(steps("  - register: { phone: alice, expect: 100 }\n")), 8, 39, "out of range 100 in steps[0].register.expect");
        at(invalid(steps("  - register: { phone: alice, within: 1 }\n")), 8, 31, "unknown key 'within' in steps[0].register");
        at(invalid(steps("  - hangup: { phone: carol }\n")), 8, 22, "unknown phone 'carol'");
        at(invalid(steps("  - call: { phone: alice, to: \"1\", hold-seconds: -1 }\n")), 8, 50, "out of range -1");
    }

    @Test
    void unregisterAnswerAndExpectRequestSteps() throws Exception {
        List<Step> steps = parse(steps("""
                  - unregister: { phone: alice, expect: 200 }
                  - answer: { phone: bob, within: 2, after: 0.5, reject: 603 }
                  - answer: bob
                  - expect-request: { phone: alice, method: OPTIONS }
                """).replace("password: pass102 }", "password: pass102, answer: manual }")).steps();
        assertEquals(List.of(new Step.Unregister("alice", ExpectedStatus.code(200)),
                new Step.Answer("bob", Duration.ofSeconds(2), Duration.ofMillis(500), 603),
                new Step.Answer("bob", Duration.ofSeconds(5), Duration.ZERO, null),
                new Step.ExpectRequest("alice", "OPTIONS", Duration.ofSeconds(10))), steps);
    }

    @Test
    void answerModesAndTheirErrors() throws Exception {
        PhoneSpec bob = parse(BASE.replace("password: pass102 }", "password: pass102, answer: reject, reject-status: 603 }"))
                .setup().phones().get(1);
        assertEquals(PhoneSpec.AnswerMode.REJECT, bob.answer());
        assertEquals(603, bob.rejectStatus());
        at(invalid(steps("  - answer: bob\n")), 8, 13, "phone 'bob' answers by itself in steps[0].answer");
        at(invalid(steps("  - answer: { phone: bob, after: 1 }\n")), 8, 22, "phone 'bob' answers by itself");
        at(invalid(steps("  - expect-request: { phone: alice, method: options }\n")), 8, 45,
                "bad method 'options' in steps[0].expect-request.method");
        at(invalid(steps("  - expect-request: { phone: alice }\n")), 8, 21, "missing key 'method'");
        at(invalid(BASE.replace("password: pass102 }", "password: pass102, answer: reject, reject-status: 200 }")),
                6, 110, "out of range 200 in setup.phones[1].reject-status");
    }

    @Test
    void holdAndResumeNameAPhoneAndMayStateTheReInvitesStatus() throws Exception {
        List<Step> steps = parse(steps("""
                  - hold: alice
                  - resume: { phone: alice, expect: 200 }
                """)).steps();
        assertEquals(List.of(new Step.Hold("alice", null), new Step.Resume("alice", ExpectedStatus.code(200))), steps);
        at(invalid(steps("  - hold: carol\n")), 8, 11, "unknown phone 'carol' in steps[0].hold");
    }

    // expect

    @Test
    void expectationsForAnyPhoneAndTheNewKeys() throws Exception {
        Expectations expect = parse(expect("""
                  tls:
                    alert: { name: handshake_failure, code: 40, sent-by: server }
                    bitmask-contains: [EUNTRUSTED, EIDENTITY_NOT_MATCH]
                    bitmask-excludes: [EVALIDITY_PERIOD]
                  sip: { unregister: 200 }
                  media: { max-loss-percent: 1, max-jitter-ms: 30.5, tone-hz: 1004, received-min-packets: 40 }
                  phones:
                    bob: { sip: { register: 200 }, media: { tone-hz: 1000 } }
                """)).expect();
        assertEquals(new Expectations.Alert("handshake_failure", 40, "server"), expect.tls().alert());
        assertEquals(Set.of(VerifyFlag.EUNTRUSTED, VerifyFlag.EIDENTITY_NOT_MATCH), expect.tls().bitmaskContains());
        assertEquals(Set.of(VerifyFlag.EVALIDITY_PERIOD), expect.tls().bitmaskExcludes());
        assertEquals(ExpectedStatus.code(200), expect.sip().unregister());
        assertEquals(new Expectations.Media(null, null, null, 1.0, 30.5, 1004, 40L), expect.media());
        assertEquals(1000, expect.phones().get("bob").media().toneHz());
        assertEquals(ExpectedStatus.code(200), expect.phones().get("bob").sip().register());
    }

    @Test
    void badExpectationsAreErrorsAtTheirValue() {
        at(invalid(expect("  phones: { carol: { sip: { register: 200 } } }\n")), 10, 13,
                "unknown phone 'carol' in expect.phones; expected one of: alice, bob");
        at(invalid(expect("  phones: { bob: { server: {} } }\n")), 10, 20, "unknown key 'server' in expect.phones.bob");
        at(invalid(expect("  tls: { alert: { name: bad_news } }\n")), 10, 25, "unknown alert name 'bad_news' in expect.tls.alert.name");
        at(invalid(expect("  tls: { alert: { name: unknown_ca, code: 40 } }\n")), 10, 43, "unknown_ca is 48, not 40");
        at(invalid(expect("  tls: { alert: { sent-by: client } }\n")), 10, 28, "unknown sender 'client'");
        at(invalid(expect("  tls: { bitmask-contains: [EUNTRUST] }\n")), 10, 29, "unknown flag 'EUNTRUST' in expect.tls.bitmask-contains[0]");
        at(invalid(expect("  tls: { bitmask-contains: [EUNTRUSTED], bitmask-excludes: [EUNTRUSTED] }\n")), 10, 60,
                "flags both required and excluded");
        at(invalid(expect("  media: { max-loss-percent: 101 }\n")), 10, 30, "out of range 101 in expect.media.max-loss-percent");
        at(invalid(expect("  media: { tone-hz: 4000 }\n")), 10, 21, "out of range 4000 in expect.media.tone-hz");
        at(invalid(expect("  media: { received-min-packets: 0 }\n")), 10, 34, "out of range 0");
        at(invalid(expect("  sip: { unregister: ok }\n")), 10, 22, "found 'ok' in expect.sip.unregister");
    }
}
