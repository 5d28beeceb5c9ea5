package io.sipshield.harness.cli;

import io.sipshield.certs.format.CertificateFileException;
import io.sipshield.harness.mock.ClientVerificationMode;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.SipMessageSummary;
import io.sipshield.harness.mock.ServerPersonality;
import io.sipshield.harness.mock.TlsConnection;
import io.sipshield.harness.mock.config.ConfigFileException;
import io.sipshield.harness.mock.config.ConfigWarning;
import io.sipshield.harness.mock.config.MockAsteriskConfiguration;
import io.sipshield.harness.provisioning.ProvisioningServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield serve --config DIR}: the mock Asterisk in the foreground, configured by the
 * pjsip.conf and extensions.conf a real Asterisk takes, logging each connection with its handshake
 * result and a one-line summary of each SIP message either way ({@link SipMessageSummary}: start
 * line and CSeq, never a body or a key) until Ctrl-C. Meanwhile it answers Asterisk CLI commands on standard input
 * ({@link ServeConsole}: {@code pjsip show endpoints}, {@code core stop now}, ...).
 * With {@code --personality mx-one} the TLS transport plays a Mitel MX-ONE instead
 * ({@code --client-verification}, {@code --mx-one-cert eri_sn_cert.pem}); endpoints and dialplan
 * still come from the config folder.
 *
 * <p>With {@code --provisioning DIR} it also serves that directory over HTTP, HTTPS and TFTP
 * ({@link ProvisioningOptions}, {@link io.sipshield.harness.provisioning.ProvisioningServer}), logging
 * each request; without {@code --config} it serves only that.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the mock Asterisk in the foreground from pjsip.conf and extensions.conf, and/or a provisioning "
                + "server (--provisioning DIR); Ctrl-C stops it.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "DIR",
            description = "The folder holding pjsip.conf and extensions.conf (file paths in them are relative to it).")
    private Path config;

    @Option(names = "--port", paramLabel = "N",
            description = "Listen on this port instead of the TLS transport's bind port (0: a free one).")
    private Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Listen on this address instead of the transport's "
            + "(the provisioning server too; it listens on every address otherwise).")
    private String bind;

    @Option(names = "--for", paramLabel = "SECONDS", description = "Stop by itself after this long (default: until Ctrl-C).")
    private Long seconds;

    @Option(names = "--personality", paramLabel = "NAME",
            description = "asterisk (default) or mx-one: play a Mitel MX-ONE on the TLS transport (endpoints and "
                    + "dialplan still come from the config folder).")
    private String personality;

    @Option(names = "--client-verification", paramLabel = "MODE",
            description = "MX-ONE's TlsClientVerificationMode: none (default), optional or mandatory. Needs --personality mx-one.")
    private String clientVerification;

    @Option(names = "--mx-one-cert", paramLabel = "FILE",
            description = "MX-ONE's eri_sn_cert.pem (private key, server certificate, intermediates, root CA); "
                    + "sent as server certificate and intermediates. Needs --personality mx-one.")
    private Path mxOneCert;

    @Option(names = "--console", negatable = true,
            description = "Read Asterisk CLI commands (pjsip show endpoints, core stop now, ...) from standard input. "
                    + "Default: when standard input is a terminal; --console for piped commands, --no-console never.")
    private Boolean console;

    @Mixin
    private ProvisioningOptions provisioning = new ProvisioningOptions();

    @Spec
    private CommandSpec spec;

    /** Where console commands come from: standard input, or what a test supplies. */
    private InputStream consoleInput = System.in;

    /** Reads console commands from {@code input} instead of standard input (tests). */
    void consoleInput(InputStream input) {
        this.consoleInput = input;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (config == null && !provisioning.requested()) {
            err.println("sipshield serve: give --config DIR (the mock Asterisk), --provisioning DIR (the provisioning "
                    + "server), or both");
            return ExitCodes.INVALID_INPUT;
        }
        if (config == null && (port != null || personality != null || clientVerification != null || mxOneCert != null)) {
            err.println("sipshield serve: --port, --personality, --client-verification and --mx-one-cert configure the "
                    + "mock Asterisk: add --config DIR");
            return ExitCodes.INVALID_INPUT;
        }
        ProvisioningServer files;
        try {
            files = provisioning.start(bind, out);
        } catch (UnusableInput e) {
            err.println("sipshield serve: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        Thread filesStopper = files == null ? null : new Thread(files::close, "sipshield-serve-provisioning-stop");
        if (filesStopper != null) {
            Runtime.getRuntime().addShutdownHook(filesStopper);
        }
        try {
            return config != null ? serveMock(out, err) : waitForStop();
        } finally {
            if (files != null) {
                removeShutdownHook(filesStopper);
                files.close();
            }
        }
    }

    /** Provisioning alone: serves until --for is over or Ctrl-C (the shutdown hook closes the server). */
    private int waitForStop() throws InterruptedException {
        if (seconds == null) {
            new CountDownLatch(1).await(); // nobody counts down: until the JVM stops
        } else {
            TimeUnit.SECONDS.sleep(seconds);
        }
        return ExitCodes.OK;
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (Ctrl-C): the hook runs anyway
        }
    }

    private int serveMock(PrintWriter out, PrintWriter err) throws InterruptedException {
        MockAsteriskConfiguration.Loaded loaded;
        try {
            loaded = MockAsteriskConfiguration.load(config);
        } catch (ConfigFileException e) {
            err.println("sipshield serve: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        for (ConfigWarning warning : loaded.warnings()) {
            out.println("warning: " + warning.file().getFileName() + (warning.line() > 0 ? ":" + warning.line() : "")
                    + ": " + warning.message());
        }
        MockAsterisk.Builder builder = loaded.builder();
        if (port != null) {
            builder.port(port);
        }
        if (bind != null) {
            builder.bindAddress(bind);
        }
        ServerPersonality played;
        try {
            played = personality(builder);
        } catch (UnusableInput e) {
            err.println("sipshield serve: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        BlockingQueue<SipMessageSummary> messages = new LinkedBlockingQueue<>();
        builder.onSipMessage(messages::add);
        MockAsterisk pbx;
        try {
            pbx = builder.build().start();
        } catch (RuntimeException e) {
            err.println("sipshield serve: cannot start: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        Thread stopper = new Thread(pbx::close, "sipshield-serve-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        out.println("mock " + (played == ServerPersonality.MX_ONE ? "MX-ONE" : "Asterisk") + " listening on " + pbx.address().getAddress().getHostAddress() + ":"
                + pbx.address().getPort() + " (TLS)");
        out.flush();
        AtomicBoolean stopAsked = new AtomicBoolean();
        if (console != null ? console : System.console() != null) {
            out.println("console: Asterisk CLI commands on standard input ('help' lists them; 'core stop now' stops)");
            out.flush();
            startConsole(new ServeConsole(pbx::show, out), stopAsked);
        }
        long deadline = seconds == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int connectionsShown = 0;
        try {
            while (System.nanoTime() < deadline && !stopAsked.get()) {
                SipMessageSummary first = messages.poll(200, TimeUnit.MILLISECONDS);
                List<TlsConnection> connections = pbx.tlsConnections();
                for (; connectionsShown < connections.size(); connectionsShown++) {
                    out.println("connection " + connections.get(connectionsShown));
                }
                List<SipMessageSummary> arrived = new ArrayList<>();
                if (first != null) {
                    arrived.add(first);
                    messages.drainTo(arrived);
                }
                arrived.forEach(message -> out.println(message.toLine()));
                pbx.drainRequests(); // logged above; nobody takes them, so they must not pile up
                out.flush();
            }
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopper);
            pbx.close();
        }
        return ExitCodes.OK;
    }

    /**
     * Answers console commands on a daemon thread (a read from stdin cannot be interrupted); a stop
     * command sets {@code stopAsked}. The end of stdin only ends the console: the server keeps
     * serving until Ctrl-C, as it does when started in the background with stdin closed.
     */
    private void startConsole(ServeConsole console, AtomicBoolean stopAsked) {
        Thread reader = new Thread(() -> {
            try {
                if (console.run(new InputStreamReader(consoleInput, StandardCharsets.UTF_8)) == ServeConsole.Result.STOP) {
                    stopAsked.set(true);
                }
            } catch (IOException e) {
                // stdin unreadable: no console, the server goes on as with stdin closed
            }
        }, "sipshield-serve-console");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Applies --personality, --client-verification and --mx-one-cert; the last two belong to MX-ONE
     * alone, and MX-ONE has no pjsip.conf require_client_cert / verify_client (the build refuses those).
     */
    private ServerPersonality personality(MockAsterisk.Builder builder) throws UnusableInput {
        ServerPersonality chosen;
        try {
            chosen = personality == null ? ServerPersonality.ASTERISK : ServerPersonality.fromKeyword(personality);
        } catch (IllegalArgumentException e) {
            throw new UnusableInput("--personality: " + e.getMessage());
        }
        if (chosen != ServerPersonality.MX_ONE) {
            if (clientVerification != null) {
                throw new UnusableInput("--client-verification is MX-ONE's TlsClientVerificationMode: add --personality "
                        + "mx-one, or set require_client_cert / verify_client in pjsip.conf for Asterisk");
            }
            if (mxOneCert != null) {
                throw new UnusableInput("--mx-one-cert needs --personality mx-one; Asterisk takes cert_file and "
                        + "priv_key_file from pjsip.conf");
            }
            return chosen;
        }
        builder.personality(chosen);
        if (clientVerification != null) {
            try {
                builder.clientVerification(ClientVerificationMode.fromKeyword(clientVerification));
            } catch (IllegalArgumentException e) {
                throw new UnusableInput("--client-verification: " + e.getMessage());
            }
        }
        if (mxOneCert != null) {
            try {
                builder.mxOneCertificateFile(mxOneCert);
            } catch (CertificateFileException e) {
                throw new UnusableInput("--mx-one-cert: " + e.getMessage());
            }
        }
        return chosen;
    }
}
