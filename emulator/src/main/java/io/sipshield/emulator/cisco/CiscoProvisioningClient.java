package io.sipshield.emulator.cisco;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.sipshield.certs.cisco.FormatVersion;
import io.sipshield.emulator.tls.TrustListEntry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;

/**
 * A Cisco phone's boot-time provisioning (DEVICES.md §A.3, usecallmanager's http-provisioning.html
 * and device-security.html), asynchronous on a shared Netty event loop:
 * <ol>
 *   <li>{@code CTLSEP<MAC>.tlv}, {@code ITLSEP<MAC>.tlv}, {@code ITLFile.tlv}, in the order of a
 *       public boot capture, each offered to the {@link CiscoTrustStore}; a missing one is normal.</li>
 *   <li>{@code SEP<MAC>.cnf.xml.sgn} when the trust store holds a TFTP or CCM+TFTP record (the phone
 *       then accepts only signed files), else {@code SEP<MAC>.cnf.xml}.</li>
 *   <li>When the ITL's signer version is 1.1 the configuration is first asked for over HTTPS on
 *       6971 (still as {@code .sgn}, the server answering with the plain file); the server's
 *       certificate must be a TFTP record with an EC key, else the phone refuses and falls back to
 *       HTTP, as the docs say.</li>
 * </ol>
 * Every file goes over HTTP on 6970 first and falls back to TFTP (RFC 1350) when HTTP fails other
 * than with 404. [GUESS] Once HTTP has been unreachable in a run, later files go straight to TFTP.
 * Every fetch and decision lands in the run's {@link ProvisioningLog}.
 *
 * <pre>{@code
 * CiscoTrustStore store = CiscoTrustStore.open(stateDir, CiscoMac.parse("00:11:22:33:44:55"));
 * ProvisioningResult result = CiscoProvisioningClient.builder()
 *         .trustStore(store).server("127.0.0.1").httpPort(6970).tftpPort(69)
 *         .eventLoops(group).build()
 *         .provision().get(30, SECONDS);
 * }</pre>
 */
public final class CiscoProvisioningClient {

    private final CiscoTrustStore store;
    private final String serverHost;
    private final InetAddress serverAddress;
    private final int httpPort;
    private final int httpsPort;
    private final int tftpPort;
    private final Clock clock;
    private final HttpFetcher http;
    private final TftpFetcher tftp;

    private CiscoProvisioningClient(Builder builder) throws UnknownHostException {
        this.store = Objects.requireNonNull(builder.store, "trustStore: call trustStore(CiscoTrustStore.open(...))");
        this.serverHost = Objects.requireNonNull(builder.serverHost, "server: call server(host), the DHCP tftp-server-name");
        this.serverAddress = builder.serverAddress != null ? builder.serverAddress : InetAddress.getByName(serverHost);
        this.httpPort = builder.httpPort;
        this.httpsPort = builder.httpsPort;
        this.tftpPort = builder.tftpPort;
        this.clock = builder.clock;
        EventLoopGroup group = Objects.requireNonNull(builder.group, "eventLoops: call eventLoops(group), the shared loops");
        this.http = new HttpFetcher(group, builder.timeout, builder.userAgent);
        this.tftp = new TftpFetcher(group, builder.tftpTimeout, builder.tftpRetries);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the boot sequence once; completes when the configuration has been fetched (or not). */
    public CompletableFuture<ProvisioningResult> provision() {
        Run run = new Run();
        CiscoMac mac = store.mac();
        return run.trustList(TrustListKind.CTL.perPhoneName(mac))
                .thenCompose(ignored -> run.trustList(TrustListKind.ITL.perPhoneName(mac)))
                .thenCompose(ignored -> run.trustList(TrustListKind.ITL.genericName()))
                .thenCompose(ignored -> run.config());
    }

    /** One boot: its log and whether HTTP has been found unreachable. */
    private final class Run {
        private final ProvisioningLog log = new ProvisioningLog();
        private volatile boolean httpDown;

        CompletableFuture<Void> trustList(String name) {
            return fetch(name).thenAccept(fetch -> {
                switch (fetch.status()) {
                    case OK -> offer(fetch);
                    case NOT_FOUND -> log.add(fetch, ProvisioningLog.Decision.ABSENT,
                            "no such trust list: normal, the phone carries on with what it has");
                    default -> log.add(fetch, ProvisioningLog.Decision.FAILED, fetch.detail());
                }
            });
        }

        private void offer(FetchResult fetch) {
            try {
                TrustDecision decision = store.offer(fetch.file(), fetch.body());
                ProvisioningLog.Decision logged = switch (decision.verdict()) {
                    case INSTALLED -> ProvisioningLog.Decision.INSTALLED;
                    case REPLACED -> ProvisioningLog.Decision.REPLACED;
                    case UNCHANGED -> ProvisioningLog.Decision.UNCHANGED;
                    case IGNORED -> ProvisioningLog.Decision.IGNORED;
                    case REJECTED, RESET -> ProvisioningLog.Decision.REJECTED;
                };
                log.add(fetch, logged, decision.reason());
            } catch (IOException e) {
                log.add(fetch, ProvisioningLog.Decision.FAILED, "cannot store the trust list: " + e.getMessage());
            }
        }

        /** HTTP, then TFTP when HTTP fails other than with 404. */
        CompletableFuture<FetchResult> fetch(String name) {
            if (httpDown) {
                return tftp.get(new InetSocketAddress(serverAddress, tftpPort), name);
            }
            return http.get(new InetSocketAddress(serverAddress, httpPort), serverHost, name, null).thenCompose(fetch -> {
                if (fetch.status() == FetchResult.Status.OK || fetch.status() == FetchResult.Status.NOT_FOUND) {
                    return CompletableFuture.completedFuture(fetch);
                }
                httpDown = fetch.status() == FetchResult.Status.UNREACHABLE;
                log.add(fetch, ProvisioningLog.Decision.FALLBACK, fetch.detail() + "; trying TFTP");
                return tftp.get(new InetSocketAddress(serverAddress, tftpPort), name);
            });
        }

        CompletableFuture<ProvisioningResult> config() {
            boolean signed = store.hasProvisioningSigner();
            String name = store.mac().configFileName() + (signed ? ".sgn" : "");
            List<TrustListEntry> trust = store.entries();
            boolean https = store.itlSignerVersion().filter(FormatVersion.SIGNER_1_1::equals).isPresent();
            CompletableFuture<Optional<ProvisioningResult>> first = https ? overHttps(name, trust)
                    : CompletableFuture.completedFuture(Optional.empty());
            return first.thenCompose(done -> done.isPresent() ? CompletableFuture.completedFuture(done.get())
                    : fetch(name).thenApply(fetch -> judge(fetch, name, signed, trust)));
        }

        private CompletableFuture<Optional<ProvisioningResult>> overHttps(String name, List<TrustListEntry> trust) {
            SslContext tls;
            try {
                tls = HttpsProvisioningTrust.clientContext(trust, clock);
            } catch (SSLException e) {
                log.add(new ProvisioningLog.Entry(name, ProvisioningTransport.HTTPS, FetchResult.Status.ERROR,
                        ProvisioningLog.Decision.FALLBACK, "cannot set up TLS: " + e.getMessage() + "; falling back to HTTP"));
                return CompletableFuture.completedFuture(Optional.empty());
            }
            return http.get(new InetSocketAddress(serverAddress, httpsPort), serverHost, name, tls).thenApply(fetch -> {
                if (fetch.status() != FetchResult.Status.OK) {
                    log.add(fetch, ProvisioningLog.Decision.FALLBACK, fetch.detail()
                            + "; the phone falls back to HTTP (http-provisioning.html)");
                    return Optional.empty();
                }
                if (SignedFileCheck.looksSigned(fetch.body())) {
                    return Optional.of(judge(fetch, name, true, trust));
                }
                log.add(fetch, ProvisioningLog.Decision.ACCEPTED, "over HTTPS from a server pinned as a TFTP record"
                        + " with an EC key; the plain file is expected there (http-provisioning.html)");
                return Optional.of(result(name, fetch.body(), fetch.transport()));
            });
        }

        private ProvisioningResult judge(FetchResult fetch, String name, boolean signed, List<TrustListEntry> trust) {
            if (fetch.status() == FetchResult.Status.NOT_FOUND) {
                log.add(fetch, ProvisioningLog.Decision.ABSENT, "no configuration file for this phone");
                return result(name, null, null);
            }
            if (fetch.status() != FetchResult.Status.OK) {
                log.add(fetch, ProvisioningLog.Decision.FAILED, fetch.detail());
                return result(name, null, null);
            }
            if (!signed) {
                log.add(fetch, ProvisioningLog.Decision.ACCEPTED, "no TFTP role in the trust store: unsigned files are taken");
                return result(name, fetch.body(), fetch.transport());
            }
            SignedFileCheck.Outcome outcome = SignedFileCheck.check(name, fetch.body(), trust);
            log.add(fetch, outcome.accepted() ? ProvisioningLog.Decision.ACCEPTED : ProvisioningLog.Decision.REJECTED,
                    outcome.reason());
            return outcome.accepted() ? result(name, outcome.payload(), fetch.transport()) : result(name, null, null);
        }

        private ProvisioningResult result(String name, byte[] config, ProvisioningTransport source) {
            return new ProvisioningResult(log, store.entries(), name, Optional.ofNullable(config), Optional.ofNullable(source));
        }
    }

    /** Configuration: the phone's store, the provisioning server and the shared event loops. */
    public static final class Builder {
        private CiscoTrustStore store;
        private String serverHost;
        private InetAddress serverAddress;
        private int httpPort = ProvisioningTransport.HTTP.defaultPort();
        private int httpsPort = ProvisioningTransport.HTTPS.defaultPort();
        private int tftpPort = ProvisioningTransport.TFTP.defaultPort();
        private EventLoopGroup group;
        private Duration timeout = Duration.ofSeconds(5);
        private Duration tftpTimeout = Duration.ofSeconds(1);
        private int tftpRetries = 4;
        private Clock clock = Clock.systemUTC();
        private String userAgent = "Cisco-CP8845/14.2.1";

        private Builder() {
        }

        /** The phone's trust store; its MAC names the per-phone files. */
        public Builder trustStore(CiscoTrustStore trustStore) {
            this.store = Objects.requireNonNull(trustStore, "trustStore");
            return this;
        }

        /** The provisioning server's host name or address (DHCP option 150 / tftp-server-name). */
        public Builder server(String host) {
            this.serverHost = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Where to connect, when {@link #server(String)} is a name that should not be resolved. */
        public Builder serverAddress(InetAddress address) {
            this.serverAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** HTTP port; 6970 by default. */
        public Builder httpPort(int port) {
            this.httpPort = checkPort("httpPort", port);
            return this;
        }

        /** HTTPS port for the configuration; 6971 by default. */
        public Builder httpsPort(int port) {
            this.httpsPort = checkPort("httpsPort", port);
            return this;
        }

        /** TFTP port; 69 by default. */
        public Builder tftpPort(int port) {
            this.tftpPort = checkPort("tftpPort", port);
            return this;
        }

        /** The shared event loops the fetches run on (the client owns no thread). */
        public Builder eventLoops(EventLoopGroup group) {
            this.group = Objects.requireNonNull(group, "group");
            return this;
        }

        /** How long an HTTP(S) fetch may take, connect included; 5 s by default. [GUESS] */
        public Builder timeout(Duration timeout) {
            this.timeout = positive("timeout", timeout);
            return this;
        }

        /** TFTP retransmission timeout and retries (RFC 1350 leaves both to the implementation); 1 s and 4 by default. [GUESS] */
        public Builder tftpRetransmission(Duration timeout, int retries) {
            this.tftpTimeout = positive("tftp timeout", timeout);
            if (retries < 0) {
                throw new IllegalArgumentException("tftp retries: expected 0 or more, got " + retries);
            }
            this.tftpRetries = retries;
            return this;
        }

        /** The clock certificates are judged at. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The User-Agent of HTTP requests. [GUESS] the model/firmware string. */
        public Builder userAgent(String agent) {
            this.userAgent = Objects.requireNonNull(agent, "agent");
            return this;
        }

        /** @throws UnknownHostException when the server name does not resolve and no address was given */
        public CiscoProvisioningClient build() throws UnknownHostException {
            return new CiscoProvisioningClient(this);
        }

        private static int checkPort(String field, int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(field + ": expected 1..65535, got " + port);
            }
            return port;
        }

        private static Duration positive(String field, Duration value) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(field + ": expected a positive duration, got " + value);
            }
            return value;
        }
    }
}
