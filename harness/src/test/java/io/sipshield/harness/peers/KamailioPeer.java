package io.sipshield.harness.peers;

import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.format.PemFiles;
import io.sipshield.certs.format.PrivateKeyEncoding;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Kamailio ({@code kamailio}, {@code kamailio-tls-modules}) on 127.0.0.1 as a TLS registrar and
 * proxy for emulated phones: its configuration ({@link KamailioConfig}) and the PEM files of the
 * test PKI are written into a new temporary directory, deleted again on {@link #close()}.
 *
 * <pre>{@code
 * try (KamailioPeer kamailio = KamailioPeer.builder().certificate(PKI.get(FixtureName.PBX_SERVER))
 *         .account("101", "pass101").account("102", "pass102")
 *         .clientCertificates(ClientCertificateMode.REQUIRED, List.of(algoRoot)).start()) {
 *     settings: serverHost("pbx.sip.test").serverAddress(kamailio.tlsAddress()) ...
 * }
 * }</pre>
 *
 * Run as {@code kamailio -f kamailio.cfg -DD -E} (no daemon, its processes stay children of the
 * first, log on stderr). Ready once it printed its listeners and the TLS port accepts a connection;
 * a port taken in between (Kamailio cannot listen on port 0) is retried with another, three times.
 */
public final class KamailioPeer implements AutoCloseable {

    /** Kamailio prints its sockets before it forks its workers. */
    static final Pattern LISTENING = Pattern.compile("Listening on");
    private static final Pattern BIND_FAILED = Pattern.compile("(?i)address already in use|bind\\(.*failed|bind failed");

    private final KamailioConfig config;
    private final LocalPeer process;

    private KamailioPeer(KamailioConfig config, LocalPeer process) {
        this.config = config;
        this.process = process;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where a phone connects. */
    public InetSocketAddress tlsAddress() {
        return new InetSocketAddress("127.0.0.1", config.port());
    }

    public KamailioConfig config() {
        return config;
    }

    /** The last lines Kamailio logged: for assertion messages. */
    public List<String> lastLines(int count) {
        return process.lastLines(count);
    }

    /** Whether Kamailio logged a line matching {@code regex}. */
    /**
     * Whether Kamailio's log has a line matching {@code regex}, waiting up to 5 s for it: a worker writes
     * its line on its own time, often after the peer already saw the effect.
     */
    public boolean logged(String regex) {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (!process.printed(pattern)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM (Kamailio's main process stops its workers), SIGKILL after 5 s; deletes the directory. */
    @Override
    public void close() throws InterruptedException {
        process.stop();
    }

    /** Configures Kamailio; {@link #start()} launches it. */
    public static final class Builder {

        private IssuedCertificate certificate;
        private final Map<String, String> accounts = new LinkedHashMap<>();
        private ClientCertificateMode mode = ClientCertificateMode.NONE;
        private List<X509Certificate> clientCas = List.of();
        private String domain = "pbx.sip.test";
        private String tlsMethod = "TLSv1.2+";
        private Duration startupTimeout = Duration.ofSeconds(20);

        private Builder() {
        }

        /** The server certificate and key; its issuers (without the root) are sent as the chain. */
        public Builder certificate(IssuedCertificate certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        public Builder account(String user, String password) {
            accounts.put(user, password);
            return this;
        }

        /** The phones' domain and digest realm; {@code pbx.sip.test} unless set. */
        public Builder domain(String domain) {
            this.domain = domain;
            return this;
        }

        /**
         * What is asked of a phone's certificate, and the CAs it must chain to (needed for
         * OPTIONAL and REQUIRED); NONE unless set.
         */
        public Builder clientCertificates(ClientCertificateMode mode, List<X509Certificate> trustedCas) {
            this.mode = Objects.requireNonNull(mode, "mode");
            this.clientCas = List.copyOf(trustedCas);
            return this;
        }

        /** tls.cfg {@code method}: {@code TLSv1.2+} (1.2 and 1.3) unless set. */
        public Builder tlsMethod(String method) {
            this.tlsMethod = method;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /**
         * Checks the packages ({@link PeerPackages#KAMAILIO}: fails in CI, skips elsewhere), writes
         * the files and starts Kamailio.
         *
         * @throws PeerLaunchException when it does not come up, with its last log lines
         */
        public KamailioPeer start() throws IOException, InterruptedException {
            if (certificate == null) {
                throw new IllegalStateException("kamailio: no server certificate set (certificate(...))");
            }
            if (mode != ClientCertificateMode.NONE && clientCas.isEmpty()) {
                throw new IllegalStateException("kamailio: client certificates " + mode
                        + " need the CAs they must chain to (clientCertificates(mode, cas))");
            }
            Path program = PeerPackages.KAMAILIO.require();
            PeerLaunchException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                Path dir = LocalPeer.temporaryDirectory("kamailio");
                KamailioConfig config = write(dir, FreePorts.tcp());
                LocalPeer process = LocalPeer.builder("kamailio")
                        .command(List.of(program.toString(), "-f", dir.resolve("kamailio.cfg").toString(),
                                "-DD", "-E", "-m", "32", "-M", "4", "-Y", dir.toString(), "-w", dir.toString()))
                        .directory(dir)
                        .deleteDirectoryOnStop()
                        .waitingFor(Readiness.forLogLine(LISTENING.pattern()))
                        .waitingFor(Readiness.forListeningPort(new InetSocketAddress("127.0.0.1", config.port())))
                        .startupTimeout(startupTimeout)
                        .build();
                try {
                    return new KamailioPeer(config, process.start());
                } catch (PeerLaunchException e) {
                    if (!process.printed(BIND_FAILED)) {
                        throw e;
                    }
                    last = e; // the port was taken in between: try another
                }
            }
            throw last;
        }

        private KamailioConfig write(Path dir, int port) throws IOException {
            Path chain = dir.resolve("server-chain.pem");
            Path key = dir.resolve("server-key.pem");
            Path cas = dir.resolve("client-cas.pem");
            PemFiles.write(chain, PemFiles.certificates(certificate.chainWithoutRoot()));
            PemFiles.write(key, PemFiles.privateKey(certificate.privateKey(), PrivateKeyEncoding.PKCS8));
            List<X509Certificate> trusted = new ArrayList<>(clientCas);
            if (trusted.isEmpty()) {
                trusted.add(certificate.chain().get(certificate.chain().size() - 1)); // unused in mode NONE
            }
            PemFiles.write(cas, PemFiles.certificates(trusted));
            KamailioConfig config = new KamailioConfig(port, domain, accounts, mode, tlsMethod, chain, key, cas);
            Path tlsCfg = dir.resolve("tls.cfg");
            Files.writeString(tlsCfg, config.tlsCfg());
            Files.writeString(dir.resolve("kamailio.cfg"), config.kamailioCfg(tlsCfg));
            return config;
        }
    }
}
