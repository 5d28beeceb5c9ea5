package io.sipshield.harness.cli;

import io.sipshield.harness.scenario.TargetServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Checks, before any scenario runs against a real server, that a TCP connection to it opens: a target
 * that is down or mistyped then ends the run at once with one clear line, instead of every scenario
 * failing its handshake (and a scenario that expects a rejected handshake passing by accident).
 */
final class TargetReachability {

    /** How long the TCP connection may take to open. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private TargetReachability() {
    }

    /** Null when a TCP connection to {@code target} opened within {@code timeout}; otherwise why not. */
    static String problem(TargetServer target, Duration timeout) {
        InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
        if (address.isUnresolved()) {
            return "cannot resolve host '" + target.host() + "'";
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) timeout.toMillis());
            return null;
        } catch (java.net.SocketTimeoutException e) {
            return "no TCP connection within " + timeout.toSeconds() + " s";
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
