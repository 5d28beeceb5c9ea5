package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.format.PemFiles;
import io.sipshield.harness.mock.DialplanApp;
import io.sipshield.harness.mock.MediaEncryption;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.MockEndpoint;
import io.sipshield.harness.run.LiveScenarioExecutor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code run --target} and {@code run --compare mock,HOST:PORT} for real: the "real server" is a second
 * mock Asterisk started here on 127.0.0.1 and port 0, configured like the scenario's mock (no differences)
 * or differently (another endpoint password, another certificate: the differing expectations are printed).
 */
@Timeout(120)
class RunTargetCompareTest {

    /** One catalog for the CLI's phones and the target, so the phones trust the target's certificate. */
    private static FixtureCatalog fixtures;

    private static final String SCENARIO = """
            about: registers and makes an SDES echo call
            setup:
              server:
                mock:
                  certificate: pbx-server
                  endpoints:
                    - { id: "101", password: pass101, media-encryption: sdes }
                  extensions:
                    "600": echo
              phones:
                - name: alice
                  profile: digium-d6x-2_9_2
                  user: "101"
                  password: pass101
                  server-name: pbx.sip.test
                  trust: [test-root]
            steps:
              - register: alice
              - call: { phone: alice, to: "600", media: { source: tone, seconds: 1 } }
              - hangup: alice
            expect:
              tls: { established: true, version: TLSv1.2, bitmask: "0x00000000" }
              sip: { register: 200, invite: 200, bye: 200 }
              sdp: { profile: RTP/SAVP, suite: AES_CM_128_HMAC_SHA1_80 }
              media: { auth-failures: 0 }
              server: { registered-contacts: 1 }
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private MockAsterisk target;

    @BeforeAll
    static void catalog() {
        fixtures = FixtureCatalog.create();
    }

    @AfterEach
    void stopTarget() {
        if (target != null) {
            target.close();
        }
    }

    private int sipshield(String... args) {
        CommandLine cli = new CommandLine(new SipshieldCommand(() -> new LiveScenarioExecutor(fixtures), false));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String scenario() throws Exception {
        Path file = dir.resolve("echo.yaml");
        Files.writeString(file, SCENARIO);
        return file.toString();
    }

    /** A mock like the scenario's, but with {@code password} for endpoint 101 and {@code certificate}. */
    private String startTarget(String password, FixtureName certificate) {
        target = MockAsterisk.builder()
                .certificate(fixtures.get(certificate))
                .bindAddress("127.0.0.1").port(0)
                .endpoint(new MockEndpoint("101", password, MediaEncryption.SDES))
                .extension("600", DialplanApp.ECHO)
                .build().start();
        return "127.0.0.1:" + target.address().getPort();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aTargetRunPassesWhatItObservesAndReportsServerFactsAsNotObservable() throws Exception {
        String address = startTarget("pass101", FixtureName.PBX_SERVER);
        Path reports = dir.resolve("reports");
        int code = sipshield("run", "--target", address, "--report-dir", reports.toString(), scenario());

        assertEquals(ExitCodes.OK, code, out + "\n" + err);
        assertTrue(out.toString().matches("(?s).*echo\\.yaml\\s+PASS.*"), out.toString());
        assertTrue(out.toString().contains("not observable against a target: server.registered-contacts (expected 1)"),
                out.toString());
        assertTrue(out.toString().contains("1 passed, 0 failed (1 expectation not observable against a target)"),
                out.toString());
        assertTrue(target.drainRequests().stream().anyMatch(request -> request.method().equals("REGISTER")),
                "the phone registered with the target, not with a mock of its own");

        JsonNode json = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
        assertEquals(1, json.at("/summary/notObservableChecks").asInt());
        JsonNode server = null;
        for (JsonNode check : json.at("/scenarios/0/checks")) {
            if (check.get("name").asText().equals("server.registered-contacts")) {
                server = check;
            }
        }
        assertTrue(server != null, json.toPrettyString());
        assertFalse(server.get("observable").asBoolean());
        assertFalse(server.get("holds").asBoolean());
        assertTrue(Files.readString(reports.resolve("junit.xml"))
                .contains("not observable against a target: server.registered-contacts"));
        assertTrue(Files.readString(reports.resolve("index.html")).contains("class=\"not-observable\""));
    }

    @Test
    void aTargetWithAnotherPasswordFailsTheRegistrationAndExitsOne() throws Exception {
        String address = startTarget("another-password", FixtureName.PBX_SERVER);
        int code = sipshield("run", "--target", address, scenario());

        assertEquals(ExitCodes.FAILED, code, out.toString());
        assertTrue(out.toString().matches("(?s).*sip\\.register\\s+200\\s+\\|\\s+(401|403)\\s+<<<<<.*"), out.toString());
    }

    @Test
    void trustFileAndServerNameApplyToEveryPhoneAtTheTarget() throws Exception {
        String address = startTarget("pass101", FixtureName.PBX_SERVER);
        Path untrusting = dir.resolve("untrusting.yaml");
        Files.writeString(untrusting, SCENARIO.replace("      trust: [test-root]\n", ""));
        Path root = dir.resolve("root.pem");
        Files.writeString(root, PemFiles.certificates(List.of(fixtures.get(FixtureName.TEST_ROOT).certificate())));

        assertEquals(ExitCodes.FAILED, sipshield("run", "--target", address, untrusting.toString()), out.toString());
        assertTrue(out.toString().contains("EUNTRUSTED"), "without the target's CA: " + out);
        assertEquals(ExitCodes.OK, sipshield("run", "--target", address, "--trust", root.toString(),
                untrusting.toString()), out.toString());
        assertEquals(ExitCodes.FAILED, sipshield("run", "--target", address, "--trust", "test-root", "--server-name",
                "other.sip.test", untrusting.toString()), out.toString());
        assertTrue(out.toString().contains("EIDENTITY_NOT_MATCH"), "another name is checked: " + out);
    }

    @Test
    void comparingTheMockWithAnEquallyConfiguredTargetFindsNoDifference() throws Exception {
        String address = startTarget("pass101", FixtureName.PBX_SERVER);
        Path reports = dir.resolve("reports");
        int code = sipshield("run", "--compare", "mock," + address, "--report-dir", reports.toString(), scenario());

        assertEquals(ExitCodes.OK, code, out + "\n" + err);
        assertTrue(out.toString().contains("Differences between the mock and " + address + ":\n    none"), out.toString());
        assertTrue(out.toString().contains("1 scenario compared: 1 the same, 0 differ (0 expectations); "
                + "1 expectation not observable against the target"), out.toString());
        JsonNode json = new ObjectMapper().readTree(reports.resolve("compare.json").toFile());
        assertEquals(0, json.at("/compare/summary/differing").asInt());
        assertEquals("PASS", json.at("/compare/scenarios/0/target/verdict").asText());
        assertEquals("server.registered-contacts", json.at("/compare/scenarios/0/notObservable/0").asText());
        assertTrue(Files.isRegularFile(reports.resolve("mock/report.json")));
        assertTrue(Files.isRegularFile(reports.resolve("target/junit.xml")));
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(reports.resolve("compare.html").toFile());
    }

    @Test
    void comparingWithATargetThatHasAnotherPasswordPrintsTheDifferingExpectations() throws Exception {
        String address = startTarget("another-password", FixtureName.PBX_SERVER);
        Path reports = dir.resolve("reports");
        int code = sipshield("run", "--compare", "mock," + address, "--report-dir", reports.toString(), scenario());

        assertEquals(ExitCodes.DIFFERENT, code, out.toString());
        String text = out.toString();
        assertTrue(text.contains("echo.yaml: PASS on the mock, FAIL on the target"), text);
        assertTrue(text.matches("(?s).*check\\s+expected\\s+\\|\\s+mock\\s+\\|\\s+target.*"), text);
        assertTrue(text.matches("(?s).*sip\\.register\\s+200\\s+\\|\\s+200\\s+\\|\\s+(401|403)\\s+<<<<<.*"), text);
        assertTrue(text.matches("(?s).*sip\\.invite\\s+200\\s+\\|\\s+200\\s+\\|\\s+\\S+.*<<<<<.*"), text);
        assertFalse(text.matches("(?s).*\\n\\s+tls\\.version\\s.*"), "the same result on both sides is no difference: " + text);
        assertTrue(text.contains("1 scenario compared: 0 the same, 1 differ ("), text);

        JsonNode json = new ObjectMapper().readTree(reports.resolve("compare.json").toFile());
        assertEquals(1, json.at("/compare/summary/differing").asInt());
        JsonNode first = json.at("/compare/scenarios/0/differences/0");
        assertEquals("sip.register", first.get("check").asText());
        assertEquals("200", first.at("/mock/observed").asText());
        assertTrue(first.at("/mock/holds").asBoolean());
        assertFalse(first.at("/target/holds").asBoolean());
        assertTrue(Files.readString(reports.resolve("compare.html")).contains("sip.register"));
    }

    @Test
    void comparingWithATargetPresentingAnotherCertificateShowsTheBitmaskFlags() throws Exception {
        String address = startTarget("pass101", FixtureName.PBX_SERVER_EXPIRED);
        int code = sipshield("run", "--compare", "mock," + address, scenario());

        assertEquals(ExitCodes.DIFFERENT, code, out.toString());
        assertTrue(out.toString().matches("(?s).*tls\\.bitmask\\s+0x00000000\\s+\\|\\s+0x00000000\\s+\\|\\s+0x00000004\\s+<<<<<.*"),
                out.toString());
        assertTrue(out.toString().matches("(?s).*tls\\.bitmask\\.EVALIDITY_PERIOD\\s+clear\\s+\\|\\s+\\(not checked\\)\\s+\\|\\s+set\\s+<<<<<.*"),
                out.toString());
    }

    @Test
    void aMalformedCompareValueNamesWhatWasExpected() throws Exception {
        String file = scenario();
        assertEquals(ExitCodes.INVALID_INPUT, sipshield("run", "--compare", "127.0.0.1:5061", file));
        assertTrue(err.toString().contains("--compare: '127.0.0.1:5061' names 1 side; expected mock,HOST:PORT"), err.toString());
        assertEquals(ExitCodes.INVALID_INPUT, sipshield("run", "--compare", "asterisk,127.0.0.1:5061", file));
        assertTrue(err.toString().contains("the first side must be 'mock', was 'asterisk'"), err.toString());
        assertEquals(ExitCodes.INVALID_INPUT, sipshield("run", "--compare", "mock,127.0.0.1", file));
        assertTrue(err.toString().contains("bad address '127.0.0.1'; expected HOST:PORT"), err.toString());
        assertEquals(ExitCodes.INVALID_INPUT, sipshield("run", "--compare", "mock,127.0.0.1:70000", file));
        assertTrue(err.toString().contains("port 70000 out of range"), err.toString());
        assertFalse(out.toString().contains("Run 1 of 2"), "nothing ran: " + out);
    }

    @Test
    void badTargetOptionsAreRejectedBeforeAnythingRuns() throws Exception {
        String file = scenario();
        assertEquals(ExitCodes.INVALID_INPUT, sipshield("run", "--target", "pbx", file));
        assertTrue(err.toString().contains("--target: bad address 'pbx'; expected HOST:PORT"), err.toString());
        assertEquals(ExitCodes.INVALID_INPUT, sipshield("run", "--server-name", "pbx.sip.test", file));
        assertTrue(err.toString().contains("--server-name needs --target HOST:PORT or --compare mock,HOST:PORT"), err.toString());
        assertEquals(ExitCodes.INVALID_INPUT, sipshield("run", "--target", "127.0.0.1:5061", "--compare",
                "mock,127.0.0.1:5061", file));
        assertTrue(err.toString().contains("--target and --compare exclude each other"), err.toString());
        assertEquals(ExitCodes.INVALID_INPUT, sipshield("run", "--target", "127.0.0.1:" + closedPort(), "--trust",
                "no-such-fixture", file));
        assertTrue(err.toString().contains("--trust: 'no-such-fixture' is neither a file nor a fixture"), err.toString());
        assertFalse(out.toString().contains("PASS") || out.toString().contains("FAIL"), "nothing ran: " + out);
    }

    @Test
    void anUnreachableTargetEndsTheRunAtOnceWithOneClearLine() throws Exception {
        String file = scenario();
        int port = closedPort();
        assertEquals(ExitCodes.TARGET_UNREACHABLE, sipshield("run", "--target", "127.0.0.1:" + port, file));
        assertTrue(err.toString().contains("sipshield run: target 127.0.0.1:" + port + " is unreachable ("), err.toString());
        assertTrue(err.toString().contains("no scenario was run"), err.toString());
        assertEquals(ExitCodes.TARGET_UNREACHABLE, sipshield("run", "--compare", "mock,127.0.0.1:" + port, file));
        assertFalse(out.toString().contains("Run 1 of 2"), "the mock side did not run either: " + out);
    }
}
