package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.channel.epoll.Epoll;
import io.sipshield.emulator.net.IoTransport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sipshield load --transport}: the run uses the asked transport and says which; bad values exit 2. */
@Timeout(120)
class LoadTransportOptionTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int load(String... args) {
        CommandLine cli = new CommandLine(new SipshieldCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "load";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    private JsonNode smallRun(Path dir, String transport) throws Exception {
        Path json = dir.resolve("load.json");
        int code = load("--phones", "3", "--rate", "30/s", "--calls-per-phone", "1", "--call-duration", "0.4",
                "--threads", "2", "--timeout", "30", "--transport", transport, "--json", json.toString());
        assertEquals(ExitCodes.OK, code, out + "\n" + err);
        assertTrue(out.toString().contains("failures: none"), out.toString());
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
        assertTrue(out.toString().contains(", epoll transport"), out.toString());
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
        assertEquals(ExitCodes.INVALID_INPUT, load("--phones", "3", "--transport", "bogus"));
        assertTrue(err.toString().contains("--transport: 'bogus' is not a transport; expected one of auto, nio, epoll"),
                err.toString());
        assertTrue(out.toString().isEmpty(), "nothing ran: " + out);
    }

    private static IoTransport assertDoesNotThrowUnusable(String text) {
        try {
            return LoadCommand.transport(text);
        } catch (UnusableInput e) {
            throw new AssertionError(text + " should be usable: " + e.getMessage(), e);
        }
    }
}
