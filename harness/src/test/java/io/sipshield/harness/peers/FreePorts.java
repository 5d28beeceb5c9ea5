package io.sipshield.harness.peers;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Ports for baresip, which cannot listen on port 0 and say which port it got: it puts its TLS
 * listener on {@code sip_listen} port + 1, so it needs two known ports. The ports are free when
 * checked; the launch retries when another process takes one in between.
 */
final class FreePorts {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private FreePorts() {
    }

    /** A TCP port free on 127.0.0.1 now. */
    static int tcp() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        }
    }

    /** A port p with TCP p, TCP p+1 and UDP p all free on 127.0.0.1 now. */
    static int sipPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = tcp();
            if (port < 65535 && free(port + 1) && udpFree(port)) {
                return port;
            }
        }
        throw new IOException("no free pair of TCP ports p, p+1 (with UDP p) on 127.0.0.1 after 50 tries");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean udpFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
