package io.sipshield.harness.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.format.AsteriskTlsFiles;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfiles;
import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sipshield serve --console}: CLI commands while serving, stop on command, not on end of input. */
@Timeout(60)
class ServeCommandConsoleTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private final CliConsole cli = new CliConsole();

    private Path config() throws Exception {
        Path fixtures = Path.of("..", "..", "shared", "fixtures", "asterisk");
        AsteriskTlsFiles.in(Files.createDirectories(dir.resolve("keys")))
                .write(PKI.get(FixtureName.PBX_SERVER), List.of(PKI.get(FixtureName.TEST_ROOT).certificate()));
        for (String name : List.of("pjsip.conf", "extensions.conf")) {
            Files.writeString(dir.resolve(name), Files.readString(fixtures.resolve(name)).replace("@RUN_DIR@", dir.toString()));
        }
        return dir;
    }

    /** A command line printing to {@link #cli} whose {@code serve} reads its CLI commands from {@code console}. */
    private CommandLine serve(java.io.InputStream console) {
        CommandLine serve = cli.commandLine();
        ((ServeCommand) serve.getSubcommands().get("serve").getCommand()).consoleInput(console);
        return serve;
    }

    @Test
    void showsARegisteredContactAndStopsCleanlyOnCoreStopNow() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        CommandLine serve = serve(new PipedInputStream(typing));
        Path config = config();
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(
                () -> serve.execute("serve", "--config", config.toString(), "--port", "0", "--console", "--for", "50"));
        await().atMost(Duration.ofSeconds(20)).until(() -> LISTENING.matcher(cli.out()).find());
        Matcher port = LISTENING.matcher(cli.out());
        assertTrue(port.find());
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                .account("101", "pass101").serverHost("pbx.sip.test")
                .serverAddress(new InetSocketAddress("127.0.0.1", Integer.parseInt(port.group(1))))
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate()).build(), loops)) {
            assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
            assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
            typing.write("pjsip show contacts\npjsip show endpoints\nfoo\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> cli.out().contains("No such command 'foo'"));
            assertTrue(cli.out().matches("(?s).*  Contact:  101/sip:\\S+ +[0-9a-f]{10} NonQual +nan\n.*"), cli.out());
            assertTrue(cli.out().contains(" Endpoint:  101                                                  Not in use"),
                    cli.out());
            assertTrue(cli.out().contains(" Endpoint:  102                                                  Unavailable"),
                    cli.out());
            long before = System.nanoTime();
            typing.write("core stop now\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();
            assertEquals(0, serving.get(20, TimeUnit.SECONDS), cli.out());
            assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(40), "stopped by the command, not --for");
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        assertTrue(cli.out().contains("Stopping the mock Asterisk."), cli.out());
        assertTrue(cli.out().matches("(?s).*\nconnection /127\\.0\\.0\\.1:\\d+: TLSv1\\.2 \\S+, accepted\n.*"), cli.out());
        assertTrue(cli.out().matches("(?s).*SIP/2\\.0 401 Unauthorized to /127\\.0\\.0\\.1:\\d+ \\(CSeq: \\d+ REGISTER\\).*"),
                cli.out());
        assertTrue(cli.out().matches("(?s).*SIP/2\\.0 200 OK to /127\\.0\\.0\\.1:\\d+ \\(CSeq: \\d+ REGISTER\\).*"),
                cli.out());
    }

    @Test
    void theEndOfStandardInputDoesNotStopTheServer() throws Exception {
        CommandLine serve = serve(new ByteArrayInputStream(new byte[0]));
        Path config = config();
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(
                () -> serve.execute("serve", "--config", config.toString(), "--port", "0", "--console", "--for", "3"));
        await().atMost(Duration.ofSeconds(20)).until(() -> LISTENING.matcher(cli.out()).find());
        Thread.sleep(1000);
        assertFalse(serving.isDone(), "still serving after stdin ended: " + cli.out());
        assertEquals(0, serving.get(30, TimeUnit.SECONDS), cli.out());
        assertFalse(cli.out().contains("Stopping"), cli.out());
    }

    @Test
    void withoutConsoleNothingIsReadFromTheInput() throws Exception {
        CommandLine serve = serve(new ByteArrayInputStream("core stop now\n".getBytes(StandardCharsets.UTF_8)));
        Path config = config();
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(
                () -> serve.execute("serve", "--config", config.toString(), "--port", "0", "--no-console", "--for", "2"));
        await().atMost(Duration.ofSeconds(20)).until(() -> LISTENING.matcher(cli.out()).find());
        assertEquals(0, serving.get(30, TimeUnit.SECONDS), cli.out());
        assertFalse(cli.out().contains("Stopping"), "core stop now was not read: " + cli.out());
    }
}
