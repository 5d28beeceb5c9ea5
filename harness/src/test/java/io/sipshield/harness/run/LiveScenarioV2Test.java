package io.sipshield.harness.run;

import static io.sipshield.harness.run.LiveRuns.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.harness.mock.DialplanApp;
import io.sipshield.harness.mock.MediaEncryption;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.MockEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format v2 run for real on loopback: two observed phones, step expectations, the new media and TLS
 * expectations, a table of cases, a target server and Asterisk configuration with {@code ${fixtures}}.
 */
@Timeout(180)
class LiveScenarioV2Test {

    private static final FixtureCatalog FIXTURES = FixtureCatalog.create();
    private static EventLoopGroup loops;

    @RegisterExtension
    static final LiveRuns LIVE = LiveRuns.with(() -> new LiveScenarioExecutor(FIXTURES));

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        loops.shutdownGracefully().syncUninterruptibly();
    }

    private List<ScenarioResult> run(String name, String text) throws Exception {
        return LIVE.runAll(dir, name, text);
    }

    private static final String TWO_PHONES = """
            about: two phones, the second one observed too; steps state their own status
            setup:
              server:
                mock:
                  certificate: pbx-server
                  endpoints:
                    - { id: "101", password: pass101 }
                    - { id: "102", password: pass102 }
                  extensions: { "600": echo }
              phones:
                - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101, trust: [test-root] }
                - { name: bob, profile: digium-d6x-2_9_2, user: "102", password: wrong-password, trust: [test-root] }
            steps:
              - register: { phone: alice, expect: 200 }
              - register: { phone: bob, expect: 401 }
              - call: { phone: alice, to: "600", media: { source: milliwatt, seconds: 1 }, expect: 200 }
              - wait: 0.2
              - hangup: { phone: alice, expect: 200 }
            expect:
              media: { tone-hz: 1000, received-min-packets: 40, max-loss-percent: 1.0, max-jitter-ms: 30 }
              phones:
                bob: { sip: { register: 401 }, tls: { established: true, bitmask-excludes: [EUNTRUSTED] } }
            """;

    @Test
    void everyPhoneIsObservedAndStepsCheckTheirOwnStatus() throws Exception {
        ScenarioResult result = run("two.yaml", TWO_PHONES).get(0);
        assertEquals(Verdict.PASS, result.verdict(), describe(result));
        List<String> names = result.checks().stream().map(Check::name).toList();
        assertTrue(names.containsAll(List.of("media.tone-hz", "media.received-min-packets", "media.max-loss-percent",
                "media.max-jitter-ms", "phones.bob.sip.register", "phones.bob.tls.bitmask-excludes.EUNTRUSTED",
                "steps[0].register", "steps[1].register", "steps[2].call", "steps[4].hangup")), names.toString());
        assertEquals(List.of("alice", "bob"), List.copyOf(result.observation().phones().keySet()));
    }

    @Test
    void aWrongStepStatusAndAMissingToneFailWithExpectedBesideObserved() throws Exception {
        ScenarioResult result = run("two.yaml", TWO_PHONES.replace("phone: bob, expect: 401", "phone: bob, expect: 200")
                .replace("tone-hz: 1000", "tone-hz: 2000")).get(0);
        assertEquals(Verdict.FAIL, result.verdict(), describe(result));
        assertEquals(List.of(new Check("steps[1].register", "200", "401", false)),
                result.failedChecks().stream().filter(check -> check.name().startsWith("steps")).toList());
        Check tone = result.failedChecks().stream().filter(check -> check.name().equals("media.tone-hz")).findFirst()
                .orElseThrow();
        assertEquals("2000 Hz", tone.expected());
        assertTrue(tone.observed().startsWith("no 2000 Hz tone"), tone.observed());
    }

    @Test
    void aPhoneRefusingTheServerSendsCloseNotifyAndTheFlagsAreCheckedOneByOne() throws Exception {
        ScenarioResult result = run("refused.yaml", """
                about: the phone drops an untrusted server for the wrong host, as PJSIP does (close_notify)
                setup:
                  server: { mock: { certificate: pbx-server-unknown-ca } }
                  phones:
                    - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101, server-name: other.sip.test, trust: [test-root] }
                steps: [ { register: alice } ]
                expect:
                  tls:
                    established: false
                    alert: { name: close_notify, code: 0, sent-by: phone }
                    bitmask-contains: [EUNTRUSTED, EIDENTITY_NOT_MATCH]
                    bitmask-excludes: [EVALIDITY_PERIOD]
                """).get(0);
        assertEquals(Verdict.PASS, result.verdict(), describe(result));
        assertEquals(new Observation.AlertObservation("close_notify", 0, "phone"), result.observation().tls().alert());
    }

    @Test
    void aTableRunsEveryRowLive() throws Exception {
        List<ScenarioResult> results = run("table.yaml", """
                about: "${name}"
                setup:
                  server: { mock: { certificate: "${certificate}" } }
                  phones:
                    - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101, trust: [test-root] }
                steps: [ { register: alice } ]
                expect:
                  tls: { established: false, bitmask: "${bitmask}" }
                cases:
                  columns: [name, certificate, bitmask]
                  rows:
                    - [expired,    pbx-server-expired, "0x00000004"]
                    - [wrong-host, other-host-server,  "0x40000000"]
                """);
        assertEquals(List.of("expired", "wrong-host"), results.stream().map(ScenarioResult::caseName).toList());
        assertTrue(results.stream().allMatch(result -> result.verdict() == Verdict.PASS), results.toString());
    }

    @Test
    void aTargetServerIsReachedAtItsAddressWithoutServerFacts() throws Exception {
        try (MockAsterisk real = MockAsterisk.builder().certificate(FIXTURES.get(FixtureName.PBX_SERVER)).port(0)
                .eventLoopGroup(loops).endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .extension("600", DialplanApp.ECHO).build().start()) {
            ScenarioResult result = run("target.yaml", """
                    about: a phone against a server given by address
                    setup:
                      server: { target: "127.0.0.1:%d" }
                      phones:
                        - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101, trust: [test-root] }
                    steps:
                      - register: alice
                      - call: { phone: alice, to: "600", media: { seconds: 1 } }
                      - hangup: alice
                    expect:
                      tls: { established: true, bitmask: "0x00000000" }
                      sip: { register: 200, invite: 200, bye: 200 }
                      media: { all-verified: true }
                    """.formatted(real.address().getPort())).get(0);
            assertEquals(Verdict.PASS, result.verdict(), describe(result));
            assertNull(result.observation().server(), "no server facts from a target");
        }
    }

    private static final String PJSIP = """
            [transport-tls]
            type = transport
            protocol = tls
            bind = 0.0.0.0:5061
            cert_file = ${fixtures}/pbx-server.crt
            priv_key_file = ${fixtures}/pbx-server.key
            ca_list_file = ${fixtures}/test-root.crt
            method = tlsv1_2

            [101]
            type = endpoint
            transport = transport-tls
            context = phones
            allow = ulaw
            media_encryption = sdes
            auth = 101-auth
            aors = 101

            [101-auth]
            type = auth
            auth_type = userpass
            username = 101
            password = pass101

            [101]
            type = aor
            max_contacts = 1
            """;

    private static final String EXTENSIONS = """
            [phones]
            exten => 600,1,NoOp(Echo for ${CALLERID(num)})
             same => n,Answer()
             same => n,Echo()
            """;

    private static String indented(String text) {
        return text.lines().map(line -> "        " + line).reduce((a, b) -> a + "\n" + b).orElse("") + "\n";
    }

    @Test
    void inlineAsteriskConfigurationWithFixturesRunsTheMock() throws Exception {
        ScenarioResult result = run("inline.yaml", """
                about: the mock from inline pjsip.conf and extensions.conf
                setup:
                  server:
                    mock:
                      pjsip.conf: |
                %s      extensions.conf: |
                %s  phones:
                    - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101, trust: [test-root] }
                steps:
                  - register: alice
                  - call: { phone: alice, to: "600", media: { seconds: 1 } }
                  - hangup: alice
                expect:
                  sip: { register: 200, invite: 200, bye: 200 }
                  media: { all-verified: true }
                  server: { registered-contacts: 1 }
                """.formatted(indented(PJSIP), indented(EXTENSIONS))).get(0);
        assertEquals(Verdict.PASS, result.verdict(), describe(result));
    }

    @Test
    void aPhoneThatAnswersADialIsObservedAndCanHangUp() throws Exception {
        String pjsip = PJSIP + """

                [102]
                type = endpoint
                transport = transport-tls
                context = phones
                allow = ulaw
                media_encryption = sdes
                auth = 102-auth
                aors = 102

                [102-auth]
                type = auth
                auth_type = userpass
                username = 102
                password = pass102

                [102]
                type = aor
                max_contacts = 1
                """;
        String extensions = EXTENSIONS + "exten => _10X,1,Dial(PJSIP/${EXTEN},30)\n";
        ScenarioResult result = run("dial.yaml", """
                about: alice calls bob through the dialplan; bob answers by himself and hangs up
                setup:
                  server:
                    mock:
                      pjsip.conf: |
                %s      extensions.conf: |
                %s  phones:
                    - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101, trust: [test-root] }
                    - { name: bob, profile: digium-d6x-2_9_2, user: "102", password: pass102, trust: [test-root] }
                steps:
                  - register: bob
                  - register: alice
                  - call: { phone: alice, to: "102", expect: 200 }
                  - hangup: { phone: bob, expect: 200 }
                expect:
                  sdp: { profile: RTP/SAVP }
                  phones:
                    bob: { sdp: { profile: RTP/SAVP, suite: AES_CM_128_HMAC_SHA1_80 }, sip: { bye: 200 } }
                """.formatted(indented(pjsip), indented(extensions))).get(0);
        assertEquals(Verdict.PASS, result.verdict(), describe(result));
    }

    private static final String TWO_ENDPOINTS = """
            about: "%s"
            setup:
              server:
                mock:
                  certificate: pbx-server
                  endpoints:
                    - { id: "101", password: pass101 }
                    - { id: "102", password: pass102 }
                  extensions: { "102": ["Dial(PJSIP/102,30)"] }
              phones:
                - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101, trust: [test-root] }
                - { name: bob, profile: digium-d6x-2_9_2, user: "102", password: pass102, trust: [test-root], %s }
            steps:
            %s
            expect:
            %s
            """;

    @Test
    void aManualPhoneRingsUntilItsAnswerStepAndThenTheCallerHasItsAnswer() throws Exception {
        ScenarioResult result = run("manual.yaml", TWO_ENDPOINTS.formatted("manual answer", "answer: manual", """
                  - register: bob
                  - register: alice
                  - call: { phone: alice, to: "102", expect: 200 }
                  - answer: { phone: bob, within: 5, after: 0.2 }
                  - hangup: { phone: alice, expect: 200 }
                  - unregister: { phone: bob, expect: 200 }
                """, """
                  sip: { invite: 200, bye: 200 }
                  phones:
                    bob: { sip: { unregister: 200 }, sdp: { profile: RTP/SAVP } }
                  server: { contacts: { "102": 0, "101": 1 } }
                """)).get(0);
        assertEquals(Verdict.PASS, result.verdict(), describe(result));
        assertTrue(result.observation().trace().stream().anyMatch(message -> message.phone().equals("bob")
                && message.firstLine().equals("SIP/2.0 180 Ringing")), "bob rang first");
    }

    @Test
    void aRejectingPhoneAnswersEveryCallWithItsStatus() throws Exception {
        ScenarioResult result = run("reject.yaml", TWO_ENDPOINTS.formatted("busy phone",
                "answer: reject", """
                  - register: bob
                  - register: alice
                  - call: { phone: alice, to: "102", expect: 486 }
                """, """
                  sip: { invite: 486 }
                """)).get(0);
        assertEquals(Verdict.PASS, result.verdict(), describe(result));
        assertTrue(result.observation().trace().stream().anyMatch(message -> message.phone().equals("bob")
                && message.direction() == Observation.Direction.SENT
                && message.firstLine().startsWith("SIP/2.0 486 ")), "bob refused with its reject-status");
        ScenarioResult declined = run("decline.yaml", TWO_ENDPOINTS.formatted("do not disturb",
                "answer: reject, reject-status: 603", """
                  - register: bob
                  - register: alice
                  - call: { phone: alice, to: "102" }
                """, """
                  sip: { register: 200 }
                """)).get(0);
        assertTrue(declined.observation().trace().stream().anyMatch(message -> message.phone().equals("bob")
                && message.firstLine().startsWith("SIP/2.0 603 ")), "bob refused with 603");
    }

    @Test
    void anAnswerStepWithNoCallRingingIsAnError() throws Exception {
        ScenarioResult result = run("silent.yaml", TWO_ENDPOINTS.formatted("nobody calls", "answer: manual", """
                  - register: bob
                  - answer: { phone: bob, within: 0.3 }
                """, """
                  sip: { register: none }
                """)).get(0);
        assertEquals(Verdict.ERROR, result.verdict(), describe(result));
        assertTrue(result.error().contains("steps[1].answer: no call rang bob within 300 ms"), result.error());
    }

    @Test
    void expectRequestSeesTheServersQualifyOptionsOrFails() throws Exception {
        String pjsip = PJSIP.replace("max_contacts = 1", "max_contacts = 1\nqualify_frequency = 1");
        String scenario = """
                about: the mock qualifies the contact with OPTIONS on the phone's own connection
                setup:
                  server:
                    mock:
                      pjsip.conf: |
                %s      extensions.conf: |
                %s  phones:
                    - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101, trust: [test-root] }
                steps:
                  - register: alice
                  - expect-request: { phone: alice, method: %s, within: 3 }
                expect:
                  sip: { register: 200 }
                """;
        ScenarioResult seen = run("qualify.yaml", scenario.formatted(indented(pjsip), indented(EXTENSIONS), "OPTIONS"))
                .get(0);
        assertEquals(Verdict.PASS, seen.verdict(), describe(seen));
        ScenarioResult missed = run("notify.yaml", scenario.formatted(indented(pjsip), indented(EXTENSIONS), "NOTIFY")
                .replace("within: 3", "within: 0.5")).get(0);
        assertEquals(Verdict.FAIL, missed.verdict(), describe(missed));
        assertEquals(List.of(new Check("steps[1].expect-request", "NOTIFY within 500 ms", Check.NONE, false)),
                missed.failedChecks());
    }

    @Test
    void aConfigurationDirectoryIsReadRelativeToTheScenario() throws Exception {
        Path config = Files.createDirectories(dir.resolve("asterisk"));
        Files.writeString(config.resolve("pjsip.conf"), PJSIP);
        Files.writeString(config.resolve("extensions.conf"), EXTENSIONS);
        ScenarioResult result = run("dir.yaml", """
                about: the mock from a configuration directory
                setup:
                  server: { mock: { config: asterisk } }
                  phones:
                    - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101, trust: [test-root] }
                steps: [ { register: alice } ]
                expect:
                  sip: { register: 200 }
                """).get(0);
        assertEquals(Verdict.PASS, result.verdict(), describe(result));
    }

    @Test
    void aConfigurationErrorIsAScenarioErrorNamingTheFileAndLine() throws Exception {
        Path config = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(config.resolve("pjsip.conf"), PJSIP.replace("auth = 101-auth", "auth = nobody-auth"));
        Files.writeString(config.resolve("extensions.conf"), EXTENSIONS);
        ScenarioResult result = run("broken.yaml", """
                about: a pjsip.conf whose endpoint names a missing auth
                setup:
                  server: { mock: { config: broken } }
                  phones:
                    - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101, trust: [test-root] }
                steps: [ { register: alice } ]
                expect:
                  sip: { register: 200 }
                """).get(0);
        assertEquals(Verdict.ERROR, result.verdict(), describe(result));
        assertTrue(result.error().contains(dir.resolve("broken.yaml").toString()), result.error());
        assertTrue(result.error().contains(config.toString()), result.error());
        assertTrue(result.error().contains("pjsip.conf:16: endpoint [101] names unknown auth 'nobody-auth'"), result.error());
    }
}
