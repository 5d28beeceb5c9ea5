package io.sipshield.harness.cli;

import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.RecordedSipRequest;
import io.sipshield.harness.mock.TlsConnection;
import io.sipshield.harness.mock.config.ConfigFileException;
import io.sipshield.harness.mock.config.ConfigWarning;
import io.sipshield.harness.mock.config.MockAsteriskConfiguration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield serve --config DIR}: the mock Asterisk in the foreground, configured by the
 * pjsip.conf and extensions.conf a real Asterisk takes, logging each connection, handshake and
 * SIP request until Ctrl-C.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the mock Asterisk in the foreground from pjsip.conf and extensions.conf; Ctrl-C stops it.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "DIR",
            description = "The folder holding pjsip.conf and extensions.conf (file paths in them are relative to it).")
    private Path config;

    @Option(names = "--port", paramLabel = "N",
            description = "Listen on this port instead of the TLS transport's bind port (0: a free one).")
    private Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Listen on this address instead of the transport's.")
    private String bind;

    @Option(names = "--for", paramLabel = "SECONDS", description = "Stop by itself after this long (default: until Ctrl-C).")
    private Long seconds;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
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
        MockAsterisk pbx;
        try {
            pbx = builder.build().start();
        } catch (RuntimeException e) {
            err.println("sipshield serve: cannot start: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        Thread stopper = new Thread(pbx::close, "sipshield-serve-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        out.println("mock Asterisk listening on " + pbx.address().getAddress().getHostAddress() + ":"
                + pbx.address().getPort() + " (TLS)");
        out.flush();
        long deadline = seconds == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int connectionsShown = 0;
        try {
            while (System.nanoTime() < deadline) {
                RecordedSipRequest request = pbx.takeRequest(200, TimeUnit.MILLISECONDS);
                List<TlsConnection> connections = pbx.tlsConnections();
                for (; connectionsShown < connections.size(); connectionsShown++) {
                    out.println("connection " + connections.get(connectionsShown));
                }
                if (request != null) {
                    out.println(request.method() + " " + request.request().getRequestURI() + " from " + request.source()
                            + " (" + request.tlsProtocol() + ", " + request.cipherSuite() + ")");
                }
                out.flush();
            }
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopper);
            pbx.close();
        }
        return ExitCodes.OK;
    }
}
