package io.sipshield.harness.cli.bench;

import io.netty.channel.EventLoopGroup;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.format.AsteriskTlsFiles;
import io.sipshield.emulator.net.IoTransport;
import io.sipshield.harness.cli.ExitCodes;
import io.sipshield.harness.cli.TransportOption;
import io.sipshield.harness.load.LoadMock;
import io.sipshield.harness.load.LoadRun;
import io.sipshield.harness.load.PhoneRange;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.ServerSessionResumption;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield bench load-server --phones N}: the mock a {@code sipshield load} run talks to,
 * in a JVM of its own, so that the phones' heap and CPU are measured apart from the server's. It
 * writes the certificate, key and root it uses ({@code --pki-out}: {@code asterisk.crt},
 * {@code asterisk.key}, {@code ca.pem}) for the phones' {@code --trust} and for an
 * {@code openssl s_server} with the same certificate, then prints a stats line every interval and
 * at the end (contacts registered, TLS handshakes full and resumed, the process's CPU time, heap).
 */
@Command(name = "load-server",
        mixinStandardHelpOptions = true,
        description = {
            "Run the load mock (one endpoint per phone, password pass<user>, Echo() on 600) in this JVM for a",
            "'sipshield load --target HOST:PORT' in another: prints where it listens, writes its certificate, key and",
            "root with --pki-out, and prints stats (contacts, handshakes full/resumed, CPU time, heap) as it runs."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:served until --for was over or the process was stopped",
            "2:unusable input: a bad option, a port in use, an unwritable --pki-out"})
public final class BenchLoadServerCommand implements Callable<Integer> {

    private static final String NAME = "sipshield bench load-server";

    @Spec
    private CommandSpec spec;

    @Option(names = "--phones", required = true, paramLabel = "N", description = "Endpoints to create (1 to 100000).")
    private int phones;

    @Option(names = "--first-number", paramLabel = "N", defaultValue = "1000",
            description = "The first endpoint's number, as load's --first-number (default ${DEFAULT-VALUE}).")
    private int firstNumber;

    @Option(names = "--phone-offset", paramLabel = "N", defaultValue = "0",
            description = "Added to every number, as load's --phone-offset (default ${DEFAULT-VALUE}).")
    private int phoneOffset;

    @Option(names = "--user-prefix", paramLabel = "TEXT", defaultValue = "", description = "As load's --user-prefix.")
    private String userPrefix;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Listen on this address (default ${DEFAULT-VALUE}).")
    private String bind;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "Listen on this port (0: a free one).")
    private int port;

    @Option(names = "--threads", paramLabel = "N", description = "Event loop threads (default: processors).")
    private Integer threads;

    @Mixin
    private TransportOption transport = new TransportOption();

    @Option(names = "--resumption", paramLabel = "both|ids|tickets|none", defaultValue = "both",
            description = "TLS session resumptions the mock grants: session cache, tickets, both (default) or none.")
    private String resumption;

    @Option(names = "--pki-out", paramLabel = "DIR",
            description = "Write asterisk.crt (certificate chain), asterisk.key and ca.pem (the root) into DIR.")
    private Path pkiOut;

    @Option(names = "--for", paramLabel = "SECONDS", description = "Stop after this long (default: until stopped).")
    private Long seconds;

    @Option(names = "--stats-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between stats lines (default ${DEFAULT-VALUE}).")
    private int statsInterval;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadMock mock;
        IoTransport io;
        try {
            if (phones < 1 || phones > 100_000) {
                throw new IllegalArgumentException("--phones must be 1 to 100000, got " + phones);
            }
            if (statsInterval < 1) {
                throw new IllegalArgumentException("--stats-interval must be at least 1 s, got " + statsInterval);
            }
            io = transport.transport();
            mock = new LoadMock(new PhoneRange(userPrefix, firstNumber, phoneOffset, phones), LoadRun.DEFAULT_EXTENSION,
                    bind, port, ServerSessionResumption.parse(resumption));
        } catch (IllegalArgumentException e) {
            err.println(NAME + ": " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        FixtureCatalog pki = FixtureCatalog.create();
        if (pkiOut != null) {
            try {
                java.nio.file.Files.createDirectories(pkiOut);
                AsteriskTlsFiles files = AsteriskTlsFiles.in(pkiOut).write(LoadMock.certificate(pki),
                        List.of(LoadMock.root(pki)));
                out.println("pki: " + files.certFile() + " " + files.privKeyFile() + " " + files.caListFile());
            } catch (IOException | RuntimeException e) {
                err.println(NAME + ": --pki-out " + pkiOut + ": cannot write: " + e);
                return ExitCodes.INVALID_INPUT;
            }
        }
        EventLoopGroup group = io.newGroup(threads != null ? threads : Runtime.getRuntime().availableProcessors());
        MockAsterisk pbx;
        try {
            pbx = mock.start(pki, group);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            err.println(NAME + ": cannot start: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        ServerStatsLine stats = new ServerStatsLine(pbx, System.nanoTime());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            out.println(stats.line("final"));
            out.flush();
            pbx.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            stopped.countDown();
        }, "sipshield-load-server-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("listening on " + pbx.address().getAddress().getHostAddress() + ":" + pbx.address().getPort()
                + " (TLS, " + LoadMock.SERVER_NAME + ", " + phones + " endpoints, resumption " + resumption + ", transport "
                + io + ")");
        out.flush();
        long deadline = seconds == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            long wait = Math.min(TimeUnit.SECONDS.toNanos(statsInterval), deadline - System.nanoTime());
            if (stopped.await(Math.max(wait, 1), TimeUnit.NANOSECONDS)) {
                return ExitCodes.OK;
            }
            out.println(stats.line("stats"));
            out.flush();
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        hook.run();
        return ExitCodes.OK;
    }
}
