package io.sipshield.harness.peers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * When a {@link LocalPeer} is ready (Testcontainers' {@code WaitStrategy}, STYLE.md §4): a line in
 * its output, or a TCP port that accepts connections. Checked in order by {@link LocalPeer#start()},
 * each until the startup timeout; the peer's death fails the wait at once.
 */
public sealed interface Readiness {

    /** What is awaited, for the timeout message ("output matching 'Listening on'"). */
    String describe();

    /** Ready once a line of the peer's output matches {@code regex}. */
    static Readiness forLogLine(String regex) {
        return new LogLine(Pattern.compile(regex));
    }

    /** Ready once a TCP connection to {@code address} is accepted (then closed at once). */
    static Readiness forListeningPort(InetSocketAddress address) {
        return new ListeningPort(address);
    }

    /** @param pattern found anywhere in a line of output */
    record LogLine(Pattern pattern) implements Readiness {

        public LogLine {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public String describe() {
            return "output matching '" + pattern + "'";
        }
    }

    /** @param address the listener to probe */
    record ListeningPort(InetSocketAddress address) implements Readiness {

        public ListeningPort {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String describe() {
            return "a listener on tcp " + address.getHostString() + ":" + address.getPort();
        }

        /** One probe: whether a connection is accepted within {@code timeout}. */
        boolean accepts(Duration timeout) {
            try (Socket socket = new Socket()) {
                socket.connect(address, (int) Math.max(1, timeout.toMillis()));
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
