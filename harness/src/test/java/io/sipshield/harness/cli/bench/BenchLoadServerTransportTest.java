package io.sipshield.harness.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import io.sipshield.harness.cli.ExitCodes;
import io.sipshield.harness.cli.SipshieldCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code sipshield bench load-server --transport}: printed on the listening line; bad values exit 2. */
@Timeout(60)
class BenchLoadServerTransportTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int serve(String... args) {
        CommandLine cli = new CommandLine(new SipshieldCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "bench";
        all[1] = "load-server";
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.execute(all);
    }

    @Test
    void epollIsNamedOnTheListeningLineWhichScriptsStillParse() {
        assumeTrue(Epoll.isAvailable(), () -> "epoll unavailable: " + Epoll.unavailabilityCause());
        assertEquals(ExitCodes.OK, serve("--phones", "2", "--transport", "epoll", "--for", "1", "--threads", "1"),
                err::toString);
        String listening = out.toString().lines().filter(line -> line.startsWith("listening on ")).findFirst()
                .orElseThrow(() -> new AssertionError(out.toString()));
        assertTrue(listening.matches("listening on [0-9.]+:[0-9]+ \\(TLS, .*, transport epoll\\)"), listening);
        assertTrue(out.toString().contains("\nfinal t="), out.toString());
    }

    @Test
    void anUnknownTransportIsUnusableInput() {
        assertEquals(ExitCodes.INVALID_INPUT, serve("--phones", "2", "--transport", "io_uring"));
        assertTrue(err.toString().contains("--transport: 'io_uring' is not a transport; expected one of auto, nio, "
                + "epoll"), err::toString);
    }
}
