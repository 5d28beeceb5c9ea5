package io.sipshield.harness.scenario;

import java.util.Objects;

/**
 * A real server the phones connect to (a real Asterisk, for instance): {@code target: "host:port"}.
 * Each phone's {@code server-name} decides SNI and the identity checked; server facts
 * ({@code expect.server}) are not available.
 *
 * @param host the host name or IP address connected to
 * @param port the TLS port, 1 to 65535
 */
public record TargetServer(String host, int port) implements ServerSpec {

    public TargetServer {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
        }
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
