package io.sipshield.harness.scenario;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.harness.mock.dialplan.DialplanApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@code setup.server.mock.extensions}: a keyword or a list of dialplan applications. */
class ScenarioLoaderDialplanTest {

    private static final Path FILE = Path.of("scenarios", "asterisk", "x.yaml");

    private final ScenarioLoader loader = new ScenarioLoader();

    private static String scenario(String extensions) {
        return """
                about: dialplan
                setup:
                  server:
                    mock:
                      certificate: pbx-server
                      endpoints:
                        - { id: "101", password: pass101 }
                      extensions:
                """ + extensions.indent(8) + """
                  phones:
                    - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101 }
                steps:
                  - call: { phone: alice, to: "610" }
                expect:
                  sip: { invite: 200 }
                """;
    }

    @Test
    void aListIsReadWithTheExtensionsConfParser() throws Exception {
        Scenario scenario = loader.parse(FILE, scenario("""
                "600": echo
                "610": ["Answer()", "Milliwatt(m)", "Wait(1.5)", "Dial(PJSIP/${EXTEN},30)", "Hangup(17)"]
                "611":
                  - Playback(beep&silence/1,noanswer)
                  - Busy
                """));
        MockServer mock = (MockServer) scenario.setup().server();
        assertEquals(MockServer.Application.ECHO.priorities(), mock.extensions().get("600"));
        assertEquals(List.of(new DialplanApplication.Answer(Duration.ZERO), new DialplanApplication.Milliwatt("m"),
                new DialplanApplication.Wait(Duration.ofMillis(1500)),
                new DialplanApplication.Dial("${EXTEN}", Optional.of(Duration.ofSeconds(30))),
                new DialplanApplication.Hangup(OptionalInt.of(17))), mock.extensions().get("610"));
        assertEquals(List.of(new DialplanApplication.Playback(List.of("beep", "silence/1"), true, false),
                new DialplanApplication.Busy(Optional.empty())), mock.extensions().get("611"));
    }

    @Test
    void aBadApplicationNamesItsLineColumnAndTheExpectedForm() {
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> loader.parse(FILE, scenario("""
                "610": ["Answer()", "Wait(soon)"]
                """)));
        assertAll(
                () -> assertEquals(9, e.line()),
                () -> assertEquals(29, e.column()),
                () -> assertEquals("setup.server.mock.extensions.610[1]", e.field()),
                () -> assertTrue(e.getMessage().contains("Wait takes seconds from 0 to 86400, not 'soon'"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("Dial(PJSIP/102,30)"), e.getMessage()));
    }

    @Test
    void anUnsupportedApplicationListsTheSupportedOnes() {
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> loader.parse(FILE, scenario("""
                "610": ["Answer()", "VoiceMail(100)"]
                """)));
        assertTrue(e.getMessage().contains("unsupported application 'VoiceMail'"), e.getMessage());
        assertTrue(e.getMessage().contains("Milliwatt"), e.getMessage());
    }

    @Test
    void aBadToneListIsRefusedAtLoad() {
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> loader.parse(FILE, scenario("""
                "610": ["Answer()", "Playtones(425*50/400)"]
                """)));
        assertTrue(e.getMessage().contains("'425*50/400' is not [!]f1[+f2][/ms]"), e.getMessage());
    }

    @Test
    void anEmptyListOrANonStringItemIsRefused() {
        ScenarioFileException empty = assertThrows(ScenarioFileException.class, () -> loader.parse(FILE, scenario("""
                "610": []
                """)));
        assertTrue(empty.getMessage().contains("an empty list"), empty.getMessage());
        ScenarioFileException nested = assertThrows(ScenarioFileException.class, () -> loader.parse(FILE, scenario("""
                "610": [["Answer()"]]
                """)));
        assertEquals("setup.server.mock.extensions.610[0]", nested.field());
    }

    @Test
    void anUnknownKeywordStillListsTheKeywords() {
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> loader.parse(FILE, scenario("""
                "610": milliwatt
                """)));
        assertTrue(e.getMessage().contains("echo, busy, congestion"), e.getMessage());
    }
}
