package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sipshield.harness.load.MediaClocking;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sipshield load --media-clock}: each way of clocking sends every frame of every call and gets each echoed,
 * the run says which it used, and a bad value exits 2.
 */
@Timeout(120)
class LoadMediaClockOptionTest {

    private final CliConsole cli = new CliConsole();

    @ParameterizedTest(name = "--media-clock {0}")
    @ValueSource(strings = {"shared", "per-call"})
    void everyFrameOfEveryCallIsSentAndEchoed(String clock, @TempDir Path dir) throws Exception {
        Path json = dir.resolve("load.json");
        int code = cli.command("load", "--phones", "4", "--rate", "40/s", "--calls-per-phone", "1",
                "--call-duration", "0.5", "--threads", "1", "--timeout", "30", "--media-clock", clock,
                "--json", json.toString());
        assertEquals(ExitCodes.OK, code, cli.out() + "\n" + cli.err());
        JsonNode root = JsonMapper.builder().build().readTree(json.toFile());
        assertEquals(clock, root.path("run").path("media_clock").asText());
        JsonNode counts = root.path("counts");
        assertEquals(4, counts.path("calls").asLong(), counts.toString());
        // 0.5 s of 20 ms frames per call: 25 each, all four calls on the one event loop
        assertEquals(4 * 25, counts.path("rtp_sent").asLong(), counts.toString());
        assertEquals(4 * 25, counts.path("rtp_echoed").asLong(), counts.toString());
        assertEquals(0, counts.path("srtp_auth_failures").asLong());
        assertTrue(cli.out().contains(", " + clock + " media clock"), cli.out());
    }

    @Test
    void anUnknownMediaClockExitsTwoNamingTheOptionAndTheAllowedValues() {
        assertEquals(ExitCodes.INVALID_INPUT, cli.command("load", "--phones", "2", "--media-clock", "wall"));
        assertTrue(cli.err().contains("--media-clock: 'wall' is not a media clock; expected shared or per-call"),
                cli.err());
        assertTrue(cli.out().isEmpty(), "nothing ran: " + cli.out());
    }

    @Test
    void keywordsReadBackInAnyCase() {
        for (MediaClocking clocking : MediaClocking.values()) {
            assertEquals(clocking, MediaClocking.parse(clocking.keyword().toUpperCase()));
        }
        assertEquals("per-call", MediaClocking.PER_CALL.keyword());
        assertThrows(IllegalArgumentException.class, () -> MediaClocking.parse("per_call"));
    }
}
