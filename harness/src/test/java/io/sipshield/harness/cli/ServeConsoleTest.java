package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.harness.mock.MediaEncryption;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.MockEndpoint;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The serve console driven with in-memory streams, against a configured (unstarted) mock. */
class ServeConsoleTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    private final MockAsterisk pbx = MockAsterisk.builder().certificate(PKI.get(FixtureName.PBX_SERVER))
            .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
            .endpoint(new MockEndpoint("102", "pass102", MediaEncryption.NO))
            .transportName("tls-phones").port(5061).eventLoopGroup(LOOPS).build();
    private final StringWriter text = new StringWriter();
    private final ServeConsole console = new ServeConsole(pbx::show, new PrintWriter(text, true));

    @AfterEach
    void close() {
        pbx.close();
    }

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void answersPjsipShowCommandsAsTheCliDoes() {
        assertEquals(ServeConsole.Result.CONTINUE, console.execute("pjsip show endpoints"));
        assertTrue(text.toString().contains(" Endpoint:  101                                                  Unavailable   0 of inf\n"),
                text.toString());
        assertTrue(text.toString().endsWith("Objects found: 2\n\n"), text.toString());
        text.getBuffer().setLength(0);
        console.execute("  pjsip   show transports ");
        assertTrue(text.toString().contains("Transport:  tls-phones                tls      0      0  127.0.0.1:5061\n"),
                text.toString());
        text.getBuffer().setLength(0);
        console.execute("pjsip show contacts");
        assertEquals("No objects found.\n\n", text.toString());
        text.getBuffer().setLength(0);
        console.execute("pjsip show aors");
        assertTrue(text.toString().contains("      Aor:  102 "), text.toString());
        text.getBuffer().setLength(0);
        console.execute("pjsip show endpoint 102");
        assertTrue(text.toString().contains(" media_encryption    : no\n"), text.toString());
        assertTrue(text.toString().contains(" transport           : tls-phones\n"), text.toString());
    }

    @Test
    void anUnknownObjectOrCommandIsReportedAndTheConsoleGoesOn() {
        assertEquals(ServeConsole.Result.CONTINUE, console.execute("pjsip show endpoint 999"));
        assertEquals("Unable to find object 999.\n\n", text.toString());
        text.getBuffer().setLength(0);
        assertEquals(ServeConsole.Result.CONTINUE, console.execute("sip show peers"));
        assertEquals("No such command 'sip show peers' (type 'core show help sip show peers' for other possible "
                + "commands)\n", text.toString());
        text.getBuffer().setLength(0);
        assertEquals(ServeConsole.Result.CONTINUE, console.execute("pjsip show registrations"));
        assertTrue(text.toString().startsWith("No such command 'pjsip show registrations'"), text.toString());
        text.getBuffer().setLength(0);
        assertEquals(ServeConsole.Result.CONTINUE, console.execute("pjsip show endpoint"));
        assertEquals("No object specified.\n", text.toString());
        text.getBuffer().setLength(0);
        assertEquals(ServeConsole.Result.CONTINUE, console.execute("   "));
        assertEquals("", text.toString());
    }

    @Test
    void helpListsTheCommands() {
        console.execute("help");
        for (String command : new String[] {"pjsip show transports", "pjsip show endpoints", "pjsip show endpoint <id>",
                "pjsip show contacts", "pjsip show aors", "core stop now", "exit, quit"}) {
            assertTrue(text.toString().contains(command), command + " in " + text);
        }
    }

    @Test
    void stopsOnCoreStopNowExitOrQuitAndReadsNothingAfter() throws Exception {
        for (String stop : new String[] {"core stop now", "exit", "QUIT"}) {
            text.getBuffer().setLength(0);
            ServeConsole.Result result = console.run(new StringReader("pjsip show contacts\n" + stop + "\nhelp\n"));
            assertEquals(ServeConsole.Result.STOP, result, stop);
            assertTrue(text.toString().startsWith("No objects found."), text.toString());
            assertFalse(text.toString().contains("pjsip show aors"), "nothing is read after " + stop + ": " + text);
        }
    }

    @Test
    void theEndOfTheInputIsNotAStop() throws Exception {
        assertEquals(ServeConsole.Result.CONTINUE, console.run(new StringReader("")));
        assertEquals(ServeConsole.Result.CONTINUE, console.run(new StringReader("pjsip show contacts\n")));
        assertEquals("No objects found.\n\n", text.toString());
    }
}
