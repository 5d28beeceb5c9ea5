package io.sipshield.harness.mock.config;

import java.util.Objects;

/**
 * pjsip.conf transport {@code bind}: {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}.
 *
 * @param host the address, IPv6 without brackets
 * @param port the port, 0 when the value named none (PJSIP then uses the protocol's default port)
 */
public record Bind(String host, int port) {

    public Bind {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The port actually bound: {@link #port()}, or the protocol's default when it is 0. */
    public int portOr(TransportProtocol protocol) {
        return port == 0 ? protocol.defaultPort() : port;
    }

    /** Parses a bind value; null when it is not one of the accepted forms. */
    public static Bind parse(String value) {
        String host;
        String port = null;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = value.substring(1, close);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return null;
                }
                port = rest.substring(1);
            }
        } else {
            int colon = value.indexOf(':');
            if (colon >= 0 && value.indexOf(':', colon + 1) >= 0) {
                return null;
            }
            host = colon < 0 ? value : value.substring(0, colon);
            port = colon < 0 ? null : value.substring(colon + 1);
        }
        if (host.isEmpty() || host.contains(" ")) {
            return null;
        }
        if (port == null) {
            return new Bind(host, 0);
        }
        try {
            int p = Integer.parseInt(port);
            return p >= 0 && p <= 65535 ? new Bind(host, p) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return port == 0 ? h : h + ":" + port;
    }
}
