package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.channel.epoll.Epoll;
import io.sipshield.emulator.net.IoTransport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code sipshield load --transport}: the run uses the asked transport and says which; bad values exit 2. */
@Timeout(120)
class LoadTransportOptionTest {

    private final CliConsole cli = new CliConsole();

    private JsonNode smallRun(Path dir, String transport) throws Exception {
        Path json = dir.resolve("load.json");
        int code = cli.command("load", "--phones", "3", "--rate", "30/s", "--calls-per-phone", "1",
                "--call-duration", "0.4", "--threads", "2", "--timeout", "30", "--transport", transport,
                "--json", json.toString());
        assertEquals(ExitCodes.OK, code, cli.out() + "\n" + cli.err());
        assertTrue(cli.out().contains("failures: none"), cli.out());
        return JsonMapper.builder().build().readTree(json.toFile());
    }

    @Test
    void epollRunsTheMockPhonesAndSrtpEchoAndTheJsonSaysEpoll(@TempDir Path dir) throws Exception {
        assumeTrue(Epoll.isAvailable(), () -> "epoll unavailable: " + Epoll.unavailabilityCause());
        JsonNode root = smallRun(dir, "epoll");
        assertEquals("epoll", root.path("run").path("transport").asText());
        assertEquals(3, root.path("counts").path("first_registrations").asLong());
        assertEquals(3, root.path("counts").path("calls").asLong(), root.path("counts").toString());
        assertTrue(root.path("counts").path("rtp_echoed").asLong() > 0, root.path("counts").toString());
        assertEquals(0, root.path("counts").path("srtp_auth_failures").asLong());
        assertTrue(cli.out().contains(", epoll transport"), cli.out());
    }

    @Test
    void nioStaysAvailableOnRequestAndTheJsonSaysNio(@TempDir Path dir) throws Exception {
        JsonNode root = smallRun(dir, "NIO");
        assertEquals("nio", root.path("run").path("transport").asText());
        assertTrue(root.path("counts").path("rtp_echoed").asLong() > 0, root.path("counts").toString());
    }

    @Test
    void autoIsTheBestTransportHere() {
        assertEquals(IoTransport.best(), assertDoesNotThrowUnusable("auto"));
    }

    @Test
    void anUnknownTransportExitsTwoNamingTheOptionAndTheAllowedValues() {
        assertEquals(ExitCodes.INVALID_INPUT, cli.command("load", "--phones", "3", "--transport", "bogus"));
        assertTrue(cli.err().contains("--transport: 'bogus' is not a transport; expected one of auto, nio, epoll"),
                cli.err());
        assertTrue(cli.out().isEmpty(), "nothing ran: " + cli.out());
    }

    private static IoTransport assertDoesNotThrowUnusable(String text) {
        try {
            return TransportOption.transport(text);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(text + " should be usable: " + e.getMessage(), e);
        }
    }
}
