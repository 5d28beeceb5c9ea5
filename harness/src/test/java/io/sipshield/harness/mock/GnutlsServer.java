package io.sipshield.harness.mock;

import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.format.AsteriskTlsFiles;
import io.sipshield.harness.peers.LocalPeer;
import io.sipshield.harness.peers.PeerLaunchException;
import io.sipshield.harness.peers.PeerPackages;
import io.sipshield.harness.peers.Readiness;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A real {@code gnutls-serv --echo} (GnuTLS 3.7, Debian {@code gnutls-bin}) presenting a fixture
 * chain: a second TLS stack next to {@link OpenSslServer}, for the probe's handshake tests. The two
 * differ in the alerts they send (GnuTLS rejects an untrusted client certificate with 49
 * access_denied where OpenSSL sends 48 unknown_ca), so what the probe reports must come from the
 * wire, not from an assumption about the server.
 *
 * <p>{@code gnutls-serv -p 0} does not print the port it bound, so a free port is chosen first and
 * the start retried (three times) when it was taken in between. It listens on all addresses; tests
 * connect to 127.0.0.1. Ready once it prints {@code listening on IPv4 ... port N...done}.
 */
public final class GnutlsServer implements AutoCloseable {

    public static final PeerPackages PACKAGES = new PeerPackages("gnutls-serv", List.of("gnutls-bin"),
            "a GnuTLS server for the probe's handshake tests");

    private final LocalPeer peer;
    private final InetSocketAddress address;

    private GnutlsServer(LocalPeer peer, InetSocketAddress address) {
        this.peer = peer;
        this.address = address;
    }

    /**
     * Starts {@code gnutls-serv --echo} with {@code certificate}'s chain (without its root) and key,
     * written into {@code directory}, plus {@code options} (e.g. {@code --require-client-cert
     * --verify-client-cert --x509cafile ca.pem}, {@code --priority NORMAL:+VERS-TLS1.0}).
     */
    public static GnutlsServer start(Path directory, IssuedCertificate certificate, String... options)
            throws IOException, InterruptedException {
        Path binary = PACKAGES.require();
        Files.createDirectories(directory);
        AsteriskTlsFiles files = AsteriskTlsFiles.in(directory).write(certificate,
                List.of(certificate.chain().get(certificate.chain().size() - 1)));
        PeerLaunchException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--echo", "-p", Integer.toString(port),
                    "--x509certfile", files.certFile().toString(), "--x509keyfile", files.privKeyFile().toString()));
            command.addAll(List.of(options));
            LocalPeer peer = LocalPeer.builder("gnutls-serv").command(command).directory(directory)
                    .waitingFor(Readiness.forLogLine("listening on IPv4 .* port " + port + "\\.\\.\\.done"))
                    .build();
            try {
                peer.start();
                return new GnutlsServer(peer, new InetSocketAddress("127.0.0.1", port));
            } catch (PeerLaunchException e) {
                last = e;
                if (!peer.printed(Pattern.compile("(?i)bind|address already in use"))) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    /** What gnutls-serv printed (its errors name the reason, e.g. {@code Error in handshake: ...}). */
    public String output() {
        return String.join("\n", peer.lastLines(200));
    }

    @Override
    public void close() throws InterruptedException {
        peer.stop();
    }
}
