package io.sipshield.harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sipshield.harness.mock.ClientVerificationMode;
import io.sipshield.harness.mock.ServerPersonality;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code setup.server.mock.personality}, {@code client-verification} and a phone's {@code client-certificate}. */
class ScenarioLoaderMxOneTest {

    private static final Path FILE = Path.of("scenarios", "mx-one", "x.yaml");

    /** Line 5 is personality, line 6 client-verification, line 13 the phone's client certificate. */
    private static final String MX_ONE = """
            about: mx-one
            setup:
              server:
                mock:
                  personality: mx-one
                  client-verification: optional
                  certificate: mx-one-server
              phones:
                - name: desk
                  profile: algo-8301@3.1
                  user: "101"
                  password: pass101
                  client-certificate: algo-device
            steps:
              - register: desk
            expect:
              sip: { register: 200 }
            """;

    private final ScenarioLoader loader = new ScenarioLoader();

    private ScenarioFileException invalid(String yaml) {
        return assertThrows(ScenarioFileException.class, () -> loader.parse(FILE, yaml));
    }

    @Test
    void readsThePersonalityTheModeAndThePhonesCertificate() throws Exception {
        Scenario scenario = loader.parse(FILE, MX_ONE);
        MockServer mock = (MockServer) scenario.setup().server();
        assertEquals(ServerPersonality.MX_ONE, mock.personality());
        assertEquals(ClientVerificationMode.OPTIONAL, mock.clientVerification());
        assertEquals("algo-device", scenario.setup().phones().get(0).clientCertificate());
    }

    @Test
    void withoutThemTheMockIsAsteriskAndThePhoneHoldsNoCertificate() throws Exception {
        Scenario scenario = loader.parse(FILE, MX_ONE.replace("      personality: mx-one\n", "")
                .replace("      client-verification: optional\n", "")
                .replace("      client-certificate: algo-device\n", ""));
        MockServer mock = (MockServer) scenario.setup().server();
        assertEquals(ServerPersonality.ASTERISK, mock.personality());
        assertNull(mock.clientVerification());
        assertNull(scenario.setup().phones().get(0).clientCertificate());
    }

    @Test
    void rejectsClientVerificationWithTheAsteriskPersonality() {
        ScenarioFileException e = invalid(MX_ONE.replace("personality: mx-one", "personality: asterisk"));
        assertEquals(6, e.line());
        assertEquals("setup.server.mock.client-verification", e.field());
        assertEquals(FILE + ":6:28: client-verification for the asterisk personality in "
                + "setup.server.mock.client-verification; expected personality: mx-one (client-verification is "
                + "MX-ONE's TlsClientVerificationMode, seed 004)", e.getMessage());
    }

    @Test
    void rejectsClientVerificationWithoutAPersonality() {
        ScenarioFileException e = invalid(MX_ONE.replace("      personality: mx-one\n", ""));
        assertEquals(5, e.line());
        assertEquals("setup.server.mock.client-verification", e.field());
    }

    @Test
    void rejectsAnUnknownModeListingTheModes() {
        ScenarioFileException e = invalid(MX_ONE.replace("client-verification: optional", "client-verification: required"));
        assertEquals(6, e.line());
        assertEquals("one of: none, optional, mandatory", e.expected());
    }

    @Test
    void rejectsAnUnknownPersonalityListingThem() {
        ScenarioFileException e = invalid(MX_ONE.replace("personality: mx-one", "personality: mx1"));
        assertEquals(5, e.line());
        assertEquals("setup.server.mock.personality", e.field());
        assertEquals("one of: asterisk, mx-one", e.expected());
    }

    @Test
    void rejectsAClientCertificateThatIsNoFixture() {
        ScenarioFileException e = invalid(MX_ONE.replace("client-certificate: algo-device", "client-certificate: mine"));
        assertEquals(13, e.line());
        assertEquals("setup.phones[0].client-certificate", e.field());
    }
}
