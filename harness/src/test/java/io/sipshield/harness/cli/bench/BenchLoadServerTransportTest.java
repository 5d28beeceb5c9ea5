package io.sipshield.harness.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import io.sipshield.harness.cli.CliConsole;
import io.sipshield.harness.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code sipshield bench load-server --transport}: printed on the listening line; bad values exit 2. */
@Timeout(60)
class BenchLoadServerTransportTest {

    private final CliConsole cli = new CliConsole();

    @Test
    void epollIsNamedOnTheListeningLineWhichScriptsStillParse() {
        assumeTrue(Epoll.isAvailable(), () -> "epoll unavailable: " + Epoll.unavailabilityCause());
        assertEquals(ExitCodes.OK, cli.command("bench load-server", "--phones", "2", "--transport", "epoll",
                "--for", "1", "--threads", "1"),
                cli::err);
        String listening = cli.out().lines().filter(line -> line.startsWith("listening on ")).findFirst()
                .orElseThrow(() -> new AssertionError(cli.out()));
        assertTrue(listening.matches("listening on [0-9.]+:[0-9]+ \\(TLS, .*, transport epoll\\)"), listening);
        assertTrue(cli.out().contains("\nfinal t="), cli.out());
    }

    @Test
    void anUnknownTransportIsUnusableInput() {
        assertEquals(ExitCodes.INVALID_INPUT, cli.command("bench load-server", "--phones", "2", "--transport",
                "io_uring"));
        assertTrue(cli.err().contains("--transport: 'io_uring' is not a transport; expected one of auto, nio, "
                + "epoll"), cli::err);
    }
}
