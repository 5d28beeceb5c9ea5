package io.sipshield.harness.scenario;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioLoaderTest {

    private static final Path FILE = Path.of("scenarios", "digium", "x.yaml");

    /** Line 12 is the register step, line 14 the sip expectation. */
    private static final String MINIMAL = """
            about: minimal
            setup:
              server:
                mock:
                  certificate: pbx-server
              phones:
                - name: alice
                  profile: digium-d6x-2_9_2
                  user: "101"
                  password: pass101
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

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ScenarioLoaderTest.class.getResource("/scenarios/" + name).toURI());
    }

    @Test
    void loadsEveryFieldOfTheDocumentedExample() throws Exception {
        Path file = resource("valid/echo-call.yaml");
        Scenario scenario = loader.load(file);

        assertEquals(file, scenario.file());
        assertTrue(scenario.about().startsWith("D-Series 2_9_2 registers over TLS 1.2"));
        MockServer mock = assertInstanceOf(MockServer.class, scenario.setup().server());
        assertEquals("pbx-server", mock.certificate());
        assertEquals(List.of(new Endpoint("101", "pass101", Endpoint.MediaEncryption.SDES)), mock.endpoints());
        assertEquals(Map.of("600", MockServer.Application.ECHO.priorities()), mock.extensions());
        assertEquals(List.of(new PhoneSpec("alice", "digium-d6x-2_9_2", "101", "pass101", "pbx.sip.test", List.of("test-root"))),
                scenario.setup().phones());
        assertEquals(List.of(
                new Step.Register("alice"),
                new Step.Call("alice", "600", new MediaSpec(MediaSpec.Source.TONE, 3)),
                new Step.Hangup("alice")), scenario.steps());
        Expectations expect = scenario.expect();
        assertEquals(new Expectations.Tls(true, "TLSv1.2", null, 0L), expect.tls());
        assertEquals(new Expectations.Sip(ExpectedStatus.code(200), ExpectedStatus.code(200), ExpectedStatus.code(200)),
                expect.sip());
        assertEquals(new Expectations.Sdp("RTP/SAVP", "AES_CM_128_HMAC_SHA1_80"), expect.sdp());
        assertEquals(new Expectations.Media(true, 0L, 100L), expect.media());
        assertEquals(new Expectations.Server(1), expect.server());
    }

    @Test
    void fillsInDefaultsForOptionalFields() throws Exception {
        Scenario scenario = parse("""
                about: defaults
                setup:
                  server:
                    mock:
                      certificate: pbx-server
                      endpoints:
                        - { id: 101, password: pass101 }
                  phones:
                    - { name: alice, profile: digium-d6x-2_9_2, user: 101, password: pass101 }
                steps:
                  - call: { phone: alice, to: 600 }
                expect:
                  media: { min-packets: 1 }
                """);
        MockServer mock = (MockServer) scenario.setup().server();
        assertEquals(Endpoint.MediaEncryption.SDES, mock.endpoints().get(0).mediaEncryption());
        assertEquals("101", mock.endpoints().get(0).id());
        assertEquals(Map.of(), mock.extensions());
        PhoneSpec alice = scenario.setup().phones().get(0);
        assertEquals(PhoneSpec.DEFAULT_SERVER_NAME, alice.serverName());
        assertEquals(List.of(), alice.trust());
        assertEquals(new Step.Call("alice", "600", null), scenario.steps().get(0), "v2: a call without media sends none");
        assertNull(scenario.expect().tls());
        assertEquals(new Expectations.Media(null, null, 1L), scenario.expect().media());
    }

    @Test
    void readsNoAsAKeywordNotAsYamlFalse() throws Exception {
        Scenario scenario = parse(MINIMAL.replace("      certificate: pbx-server\n", """
                      certificate: pbx-server
                      endpoints:
                        - { id: "101", password: pass101, media-encryption: no }
                      extensions: { "600": echo }
                """));
        MockServer mock = (MockServer) scenario.setup().server();
        assertEquals(Endpoint.MediaEncryption.NO, mock.endpoints().get(0).mediaEncryption());
    }

    @Test
    void rejectsAnUnknownKeyNamingFileLineColumnAndTheKeysAllowed() throws Exception {
        Path file = resource("invalid/unknown-key.yaml");
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> loader.load(file));
        assertEquals(file + ":13:5: unknown key 'bitmsk' in expect.tls; expected one of: established, version, cipher, bitmask, alert, bitmask-contains, bitmask-excludes",
                e.getMessage());
        assertAll(
                () -> assertEquals(file, e.file()),
                () -> assertEquals(13, e.line()),
                () -> assertEquals(5, e.column()),
                () -> assertEquals("expect.tls", e.field()),
                () -> assertEquals("one of: established, version, cipher, bitmask, alert, bitmask-contains, bitmask-excludes", e.expected()));
    }

    @Test
    void rejectsAnUnknownTopLevelKey() {
        ScenarioFileException e = invalid(MINIMAL + "stpes: []\n");
        assertEquals(FILE + ":15:1: unknown key 'stpes' in scenario; expected one of: about, setup, steps, expect, cases",
                e.getMessage());
    }

    @Test
    void reportsAYamlSyntaxErrorWithItsPlaceAndNoSourceExcerpt() throws Exception {
        Path file = resource("invalid/syntax-error.yaml");
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> loader.load(file));
        assertTrue(e.getMessage().startsWith(file + ":4:6: YAML syntax error: "), e.getMessage());
        assertTrue(e.getMessage().contains("started at line 3, column 11"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; expected valid YAML"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
        assertNull(e.field());
    }

    @Test
    void rejectsAValueOfTheWrongType() {
        ScenarioFileException e = invalid(MINIMAL.replace("sip: { register: 200 }", "tls: { established: maybe }"));
        assertEquals(FILE + ":14:23: found 'maybe' in expect.tls.established; expected true or false", e.getMessage());
    }

    @Test
    void rejectsAStringWhereAListBelongs() {
        ScenarioFileException e = invalid("""
                about: phones is not a list
                setup:
                  server: { mock: { certificate: pbx-server } }
                  phones: alice
                steps:
                  - register: alice
                expect:
                  sip: { register: 200 }
                """);
        assertEquals(FILE + ":4:11: found 'alice' in setup.phones; expected a list of at least one phone", e.getMessage());
    }

    @Test
    void rejectsAMappingWhereAStringBelongs() {
        ScenarioFileException e = invalid(MINIMAL.replace("certificate: pbx-server", "certificate: { name: pbx-server }"));
        assertEquals(5, e.line());
        assertEquals(20, e.column());
        assertEquals("setup.server.mock.certificate", e.field());
        assertEquals("found a mapping", e.problem());
    }

    @Test
    void rejectsAnIntegerFieldGivenText() {
        ScenarioFileException e = invalid(MINIMAL.replace("sip: { register: 200 }", "media: { min-packets: lots }"));
        assertEquals(FILE + ":14:25: found 'lots' in expect.media.min-packets; expected an integer of at least 1",
                e.getMessage());
    }

    @Test
    void rejectsAMissingRequiredTopLevelField() {
        ScenarioFileException e = invalid(MINIMAL.replace("about: minimal\n", ""));
        assertEquals(FILE + ":1:1: missing key 'about' in scenario; expected about: a one-line description of what "
                + "the scenario shows", e.getMessage());
    }

    @Test
    void rejectsAPhoneWithoutAUserPointingAtThePhone() {
        ScenarioFileException e = invalid(MINIMAL.replace("      user: \"101\"\n", ""));
        assertEquals(FILE + ":7:7: missing key 'user' in setup.phones[0]; expected user: the SIP user the phone registers as",
                e.getMessage());
    }

    @Test
    void rejectsAnEmptyValue() {
        ScenarioFileException e = invalid(MINIMAL.replace("about: minimal", "about:"));
        assertEquals("about", e.field());
        assertEquals("found no value", e.problem());
        assertEquals(1, e.line());
    }

    @Test
    void rejectsAStepNamingAnUndeclaredPhone() {
        ScenarioFileException e = invalid(MINIMAL.replace("- register: alice", "- register: bob"));
        assertEquals(FILE + ":12:15: unknown phone 'bob' in steps[0].register; expected one of: alice", e.getMessage());
    }

    @Test
    void rejectsACallFromAnUndeclaredPhone() {
        ScenarioFileException e = invalid(MINIMAL.replace("- register: alice", "- call: { phone: carol, to: \"600\" }"));
        assertEquals(FILE + ":12:20: unknown phone 'carol' in steps[0].call.phone; expected one of: alice", e.getMessage());
    }

    @Test
    void rejectsAnUnknownStepKind() {
        ScenarioFileException e = invalid(MINIMAL.replace("- register: alice", "- regster: alice"));
        assertEquals(FILE + ":12:5: unknown key 'regster' in steps[0]; expected one of: register, unregister, call, answer, hangup, wait, expect-request, hold, resume, reboot, factory-reset",
                e.getMessage());
    }

    @Test
    void rejectsTwoStepKindsInOneItem() {
        ScenarioFileException e = invalid(MINIMAL.replace("- register: alice", "- { register: alice, hangup: alice }"));
        assertEquals(FILE + ":12:24: a second step kind 'hangup' in steps[0]; expected one step per list item",
                e.getMessage());
    }

    @Test
    void rejectsAScenarioThatExpectsNothing() {
        ScenarioFileException e = invalid(MINIMAL.replace("  sip: { register: 200 }\n", "  {}\n").replace("expect:\n  {}", "expect: {}"));
        assertEquals(FILE + ":13:9: nothing expected in expect; expected at least one of: tls, sip, sdp, media, server, phones, provisioning, config, connection",
                e.getMessage());
    }

    @Test
    void rejectsAnEmptyExpectationGroup() {
        ScenarioFileException e = invalid(MINIMAL.replace("sip: { register: 200 }", "tls: {}"));
        assertEquals(FILE + ":14:8: nothing expected in expect.tls; expected at least one of: established, version, "
                + "cipher, bitmask, alert, bitmask-contains, bitmask-excludes", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'\"0x40000000\"' | 1073741824",
        "0x40000000      | 1073741824",
        "1073741824      | 1073741824",
        "'\"0x0\"'       | 0",
        "0               | 0",
        "'\"0xC00001FF\"' | 3221225983"})
    void readsABitmaskAsHexStringOrInteger(String written, long mask) throws Exception {
        Scenario scenario = parse(MINIMAL.replace("sip: { register: 200 }", "tls: { bitmask: " + written + " }"));
        assertEquals(mask, scenario.expect().tls().bitmask());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'\"0xZZ\"'         | bad bitmask '0xZZ'",
        "'\"0x1FFFFFFFF\"'  | bad bitmask '0x1FFFFFFFF'",
        "'\"1073741824\"'   | bad bitmask '1073741824'",
        "-1                 | bad bitmask '-1'",
        "4294967296         | bad bitmask '4294967296'",
        "1.5                | bad bitmask '1.5'",
        "'\"0x00000200\"'   | bitmask 0x00000200 sets bits no flag defines (0x00000200)"})
    void rejectsABadBitmask(String written, String problem) {
        ScenarioFileException e = invalid(MINIMAL.replace("sip: { register: 200 }", "tls: { bitmask: " + written + " }"));
        assertEquals(problem, e.problem());
        assertEquals("expect.tls.bitmask", e.field());
        assertEquals(14, e.line());
        assertEquals(19, e.column());
        assertTrue(e.getMessage().startsWith(FILE + ":14:19: " + problem + " in expect.tls.bitmask; expected "), e.getMessage());
    }

    @Test
    void readsNoneAsAnUnansweredRequest() throws Exception {
        Scenario scenario = parse(MINIMAL.replace("sip: { register: 200 }", "sip: { register: 403, invite: none }"));
        assertEquals(new Expectations.Sip(ExpectedStatus.code(403), ExpectedStatus.none(), null), scenario.expect().sip());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "180      | out of range 180",
        "700      | out of range 700",
        "nothing  | found 'nothing'",
        "'\"200\"'| found '200'"})
    void rejectsAStatusThatIsNotFinal(String written, String problem) {
        ScenarioFileException e = invalid(MINIMAL.replace("register: 200 }", "register: " + written + " }"));
        assertEquals(problem, e.problem());
        assertEquals("expect.sip.register", e.field());
        assertEquals("a final status code from 200 to 699, or none", e.expected());
    }

    @Test
    void rejectsAnUnknownKeyword() {
        ScenarioFileException e = invalid(MINIMAL.replace("- register: alice",
                "- call: { phone: alice, to: \"600\", media: { source: noise } }"));
        assertEquals(FILE + ":12:55: found 'noise' in steps[0].call.media.source; expected one of: tone, milliwatt, silence",
                e.getMessage());
    }

    @Test
    void rejectsDuplicateKeys() {
        ScenarioFileException e = invalid(MINIMAL + "about: again\n");
        assertEquals(FILE + ":15:1: duplicate key 'about'; expected each key once (first at line 1)", e.getMessage());
    }

    @Test
    void rejectsDuplicatePhoneNames() {
        ScenarioFileException e = invalid(MINIMAL.replace("steps:", """
                    - { name: alice, profile: digium-d6x-2_9_2, user: "102", password: pass102 }
                steps:"""));
        assertEquals(FILE + ":11:7: duplicate phone name 'alice' in setup.phones[1].name; expected a name no other phone has",
                e.getMessage());
    }

    @Test
    void rejectsAnAlias() {
        ScenarioFileException e = invalid(MINIMAL.replace("password: pass101", "password: &pw pass101")
                .replace("about: minimal", "about: *pw"));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("alias '*pw'"), e.getMessage());
    }

    @Test
    void rejectsASecondDocument() {
        ScenarioFileException e = invalid(MINIMAL + "---\n" + MINIMAL);
        assertEquals(FILE + ":16:1: a second YAML document; expected one scenario per file", e.getMessage());
    }

    @Test
    void rejectsAnEmptyFile() {
        ScenarioFileException e = invalid("# nothing but a comment\n");
        assertTrue(e.getMessage().startsWith(FILE + ":1:1: empty file; expected a scenario mapping"), e.getMessage());
    }

    @Test
    void rejectsADocumentThatIsNotAMapping() {
        ScenarioFileException e = invalid("- register: alice\n");
        assertEquals(FILE + ":1:1: found a list in scenario; expected a mapping with the keys about, setup, steps, expect, cases",
                e.getMessage());
    }

    @Test
    void rejectsAnEmptyStepList() {
        ScenarioFileException e = invalid(MINIMAL.replace("steps:\n  - register: alice\n", "steps: []\n"));
        assertEquals("steps", e.field());
        assertEquals("no step", e.problem());
    }

    @Test
    void rejectsAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> loader.load(missing));
        assertEquals(missing + ": no such file; expected an existing scenario file", e.getMessage());
        assertEquals(0, e.line());
    }

    @Test
    void rejectsAFileThatIsNotUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'a', 'b', 'o', 'u', 't', ':', ' ', (byte) 0xE9, '\n'});
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> loader.load(file));
        assertEquals(file + ": not UTF-8 text; expected a UTF-8 YAML file", e.getMessage());
    }

    @Test
    void rejectsAnUnknownDeviceProfileListingTheKnownOnes() {
        ScenarioFileException e = invalid(MINIMAL.replace("digium-d6x-2_9_2", "digium-d6x-9_9_9"));
        assertEquals(8, e.line());
        assertEquals("setup.phones[0].profile", e.field());
        assertTrue(e.getMessage().contains("unknown device profile 'digium-d6x-9_9_9'"), e.getMessage());
        assertTrue(e.getMessage().contains("digium-d6x-2_9_2"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownCertificateFixture() {
        ScenarioFileException e = invalid(MINIMAL.replace("certificate: pbx-server", "certificate: pbx-srever"));
        assertEquals(5, e.line());
        assertEquals("setup.server.mock.certificate", e.field());
        assertTrue(e.getMessage().contains("unknown certificate fixture 'pbx-srever' in setup.server.mock.certificate; expected one of: test-root"),
                e.getMessage());
    }

    @Test
    void rejectsAnUnknownTrustAnchorFixture() {
        ScenarioFileException e = invalid(MINIMAL.replace("password: pass101\n", "password: pass101\n      trust: [test-rot]\n"));
        assertEquals("setup.phones[0].trust[0]", e.field());
    }

    @Test
    void readsThePhoneSettings() throws Exception {
        Scenario scenario = parse(MINIMAL.replace("      password: pass101\n",
                "      password: pass101\n      allow-wildcard: true\n      clock: \"1970-01-01T00:00:00Z\"\n      tls-provider: jdk\n"));
        PhoneSpec alice = scenario.setup().phones().get(0);
        assertTrue(alice.allowWildcard());
        assertEquals(java.time.Instant.EPOCH, alice.clock());
        assertEquals(PhoneSpec.TlsProvider.JDK, alice.tlsProvider());
    }

    @Test
    void rejectsAClockThatIsNotAnInstant() {
        ScenarioFileException e = invalid(MINIMAL.replace("      password: pass101\n",
                "      password: pass101\n      clock: yesterday\n"));
        assertEquals("setup.phones[0].clock", e.field());
        assertTrue(e.getMessage().contains("'yesterday' is not an instant"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownTlsProvider() {
        ScenarioFileException e = invalid(MINIMAL.replace("      password: pass101\n",
                "      password: pass101\n      tls-provider: gnutls\n"));
        assertEquals("setup.phones[0].tls-provider", e.field());
    }
}
