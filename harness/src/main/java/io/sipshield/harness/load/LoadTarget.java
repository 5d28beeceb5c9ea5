package io.sipshield.harness.load;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** Where the phones of a load run connect: the embedded mock Asterisk, or a server at HOST:PORT. */
public sealed interface LoadTarget {

    /** How the target is shown in summaries: {@code mock} or {@code host:port}. */
    String describe();

    /** The embedded mock Asterisk, started in this JVM on 127.0.0.1 and a free port, on the phones' event loops. */
    static LoadTarget mock() {
        return new Mock();
    }

    /**
     * A real server.
     *
     * @param address    where to connect
     * @param serverName the host the phones dial: sent as SNI, checked against the certificate
     * @param trust      the CA certificates loaded on each phone
     */
    static LoadTarget remote(InetSocketAddress address, String serverName, List<X509Certificate> trust) {
        return new Remote(address, serverName, trust);
    }

    /** The embedded mock. */
    record Mock() implements LoadTarget {
        @Override
        public String describe() {
            return "mock";
        }
    }

    /** A server at an address. */
    record Remote(InetSocketAddress address, String serverName, List<X509Certificate> trust) implements LoadTarget {

        public Remote {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(serverName, "serverName");
            trust = List.copyOf(trust);
        }

        @Override
        public String describe() {
            return address.getHostString() + ":" + address.getPort();
        }
    }
}
