package io.sipshield.harness.run;

import io.sipshield.harness.scenario.TargetServer;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real server every scenario runs against instead of the server its file describes
 * ({@code sipshield run --target HOST:PORT}): the phones keep their profile, account (user and
 * password), steps and expectations; they connect to {@link #server()}, and, when given, dial
 * {@link #serverName()} (SNI and the identity checked, RFC 5922 §7) instead of their own
 * {@code server-name} and also trust {@link #trust()} besides the scenario's {@code trust}. Without the
 * mock, its server facts ({@code expect.server}) are {@link Check#notObservable not observable}.
 *
 * @param server     where the phones connect
 * @param serverName the host name every phone dials, or null to keep each phone's {@code server-name}
 * @param trust      CA certificates every phone trusts in addition to its own (the target's CA, when the
 *                   scenario's fixtures did not issue the target's certificate)
 */
public record RemoteTarget(TargetServer server, String serverName, List<X509Certificate> trust) {

    /** {@code host:port}, {@code [v6]:port}; the same form as a scenario's {@code target:}. */
    private static final Pattern ADDRESS = Pattern.compile("(?:\\[([0-9a-fA-F:.]+)]|([^:\\s\\[\\],]+)):(\\d{1,5})");

    public RemoteTarget {
        Objects.requireNonNull(server, "server");
        if (serverName != null && serverName.isBlank()) {
            throw new IllegalArgumentException("server name is blank");
        }
        trust = List.copyOf(trust);
    }

    /** A target whose phones keep their own server name and trust. */
    public static RemoteTarget at(TargetServer server) {
        return new RemoteTarget(server, null, List.of());
    }

    /** This target with every phone dialling {@code name} instead of its own {@code server-name}. */
    public RemoteTarget withServerName(String name) {
        return new RemoteTarget(server, name, trust);
    }

    /** This target with {@code certificates} trusted by every phone as well. */
    public RemoteTarget withTrust(List<X509Certificate> certificates) {
        List<X509Certificate> all = new ArrayList<>(trust);
        all.addAll(certificates);
        return new RemoteTarget(server, serverName, all);
    }

    /** The address the phones connect to. */
    public InetSocketAddress address() {
        return new InetSocketAddress(server.host(), server.port());
    }

    /**
     * Reads {@code HOST:PORT} ({@code [IPv6]:PORT} for an IPv6 literal), port 1 to 65535.
     *
     * @throws IllegalArgumentException naming {@code what} (the option or value read), what was given and
     *                                  what was expected
     */
    public static TargetServer parseAddress(String text, String what) {
        String expected = "expected HOST:PORT (for example pbx.example.com:5061 or [::1]:5061), port 1 to 65535";
        Matcher matcher = ADDRESS.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(what + ": bad address '" + text + "'; " + expected);
        }
        int port = Integer.parseInt(matcher.group(3));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + ": port " + port + " out of range in '" + text + "'; " + expected);
        }
        String host = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        return new TargetServer(host, port);
    }

    @Override
    public String toString() {
        return server + (serverName == null ? "" : " as " + serverName)
                + (trust.isEmpty() ? "" : " (+" + trust.size() + " trusted CA)");
    }
}
