package io.sipshield.harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code expect.media}'s keys for media faults: {@code replays}, {@code reordered}, {@code counted-as-impaired}. */
class MediaFaultExpectationsTest {

    private static final Path FILE = Path.of("scenarios", "faults", "media-x.yaml");
    private final ScenarioLoader loader = new ScenarioLoader();

    private Scenario load(String media) throws ScenarioFileException {
        return loader.parse(FILE, """
                about: media faults
                setup:
                  server:
                    mock:
                      certificate: pbx-server
                  phones:
                    - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101 }
                  faults:
                    - { fault: replay-srtp, every: 10, lag: 5 }
                steps:
                  - register: alice
                expect:
                  media: %s
                """.formatted(media));
    }

    @Test
    void theCountsAndTheComparisonWithTheNetworkAreRead() throws Exception {
        Expectations.Media media = load("{ replays: 14, reordered: 0, counted-as-impaired: true }").expect().media();
        assertEquals(14L, media.replays());
        assertEquals(0L, media.reordered());
        assertEquals(Boolean.TRUE, media.countedAsImpaired());
    }

    @Test
    void aNegativeCountIsRefusedNamingTheField() {
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> load("{ replays: -1 }"));
        assertTrue(e.getMessage().contains("expect.media.replays"), e.getMessage());
    }

    @Test
    void countedAsImpairedIsABoolean() {
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> load("{ counted-as-impaired: 3 }"));
        assertTrue(e.getMessage().contains("expect.media.counted-as-impaired"), e.getMessage());
    }
}
