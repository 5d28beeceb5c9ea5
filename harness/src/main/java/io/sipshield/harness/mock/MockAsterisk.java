package io.sipshield.harness.mock;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.format.CertificateAndKey;
import io.sipshield.certs.format.CertificateFileException;
import io.sipshield.certs.format.MxOneChainFile;
import io.sipshield.emulator.net.ChannelTypes;
import io.sipshield.emulator.net.IoTransport;
import io.sipshield.emulator.sip.SipFrameDecoder;
import io.sipshield.emulator.sip.SipMessageCodec;
import io.sipshield.emulator.tls.CertificateValidator;
import io.sipshield.emulator.tls.ServerCertificateValidator;
import io.sipshield.emulator.tls.TlsAlert;
import io.sipshield.emulator.tls.TlsRecordObserver;
import io.sipshield.emulator.tls.TlsPurpose;
import io.sipshield.harness.mock.dialplan.Dialplan;
import io.sipshield.harness.mock.dialplan.DialplanApplication;
import io.sipshield.harness.mock.dialplan.PromptLibrary;
import io.sipshield.harness.mock.fault.FaultJournal;
import io.sipshield.harness.mock.fault.ServerFaults;
import io.sipshield.emulator.fault.ServerFault;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * The embedded mock Asterisk: a SIP-over-TLS registrar and PBX on loopback that behaves, on the
 * wire, like Asterisk's PJSIP channel driver (see the reference trace in
 * shared/fixtures/asterisk): digest challenges on REGISTER and INVITE, rewritten contacts,
 * SDES-SRTP answers that reuse the offerer's tag, {@code Echo()} media, 488 when the media cannot
 * be negotiated. Script, exercise, verify:
 *
 * <pre>{@code
 * try (MockAsterisk pbx = MockAsterisk.builder().certificate(pbxServer).port(0)
 *         .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
 *         .extension("600", DialplanApp.ECHO).build().start()) {
 *     // exercise a phone against pbx.address()
 *     RecordedSipRequest register = pbx.takeRequest(5, TimeUnit.SECONDS);
 * }
 * }</pre>
 *
 * The TLS transport takes pjsip.conf's {@code method}, {@code cipher}, {@code require_client_cert}
 * and {@code verify_client} with {@code ca_list_file} ({@link Builder#method}, {@link Builder#ciphers},
 * {@link Builder#requireClientCert}, {@link Builder#verifyClient}, {@link Builder#caList}); every
 * connection's outcome is in {@link #tlsConnections()}. As {@link ServerPersonality#MX_ONE} it plays a Mitel
 * MX-ONE instead: {@link Builder#clientVerification} (none / optional / mandatory, checked inside the
 * handshake) and the chain from {@code eri_sn_cert.pem} ({@link Builder#mxOneCertificateFile}). Each endpoint's AOR options
 * ({@link MockAor}) drive the {@link #registrar()}, whose {@link Registrar#contacts()} is
 * {@code pjsip show contacts}; {@link #show()} answers {@code pjsip show transports|endpoints|endpoint <id>|
 * contacts|aors} as values, with endpoint states from the {@link #activeChannels()}. Each extension runs its dialplan priorities in order
 * ({@link Builder#extension(String, List)}: Answer, Echo, Playback, Milliwatt, Playtones, Wait,
 * Dial, Hangup, Busy, Congestion, NoOp) on its connection's event loop, with shorthands for Echo
 * ({@link Builder#extension(String, DialplanApp)}), a Wait() first ({@link Builder#waitBeforeAnswer})
 * and Dial() to a registered phone ({@link Builder#dial}).
 *
 * <p>Port 5061 by default ({@code port(0)} for a free one, as tests should); single use; connections
 * run on shared event loops and own no thread.
 */
public final class MockAsterisk implements AutoCloseable {

    /** The Server header, as {@code user_agent} in pjsip.conf [global] sets it. */
    public static final String DEFAULT_USER_AGENT = "Asterisk PBX (sipshield mock)";
    /** SIP over TLS's registered port (RFC 3261 §19.1.2). */
    public static final int DEFAULT_PORT = 5061;

    private final Builder config;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final Registrar registrar;
    private final BlockingQueue<RecordedSipRequest> recorded = new LinkedBlockingQueue<>();
    private final List<TlsConnection> connections = new CopyOnWriteArrayList<>();
    /** Open call legs per endpoint, for {@link #show()}; wired by the call flow (opened on INVITE, closed on hang-up). */
    private final ActiveChannels channels = new ActiveChannels();
    private Channel serverChannel;
    /** The connection faults this mock plays (empty: none), and what they did. */
    private final ServerFaults faults;
    /** Every accepted connection still open, so a restart can close them all. */
    private final io.netty.channel.group.ChannelGroup openConnections;
    private ServerBootstrap bootstrap;
    private InetSocketAddress boundAddress;
    private volatile boolean closed;
    private volatile SslContext tlsContext;
    /** Ticket resumptions counted by the contexts a restart replaced. */
    private volatile long ticketResumptionsBeforeRestarts;
    private final TlsHandshakeCounter handshakes = new TlsHandshakeCounter();
    private final SrtpReceiveCounts srtpReceived = new SrtpReceiveCounts();
    /** What this mock wrote to its log at WARN and above, for the report of the scenario it served. */
    private final PbxLog log;

    private MockAsterisk(Builder builder) {
        this.config = builder;
        this.log = new PbxLog(builder.clock);
        this.ownsGroup = builder.group == null;
        this.group = ownsGroup ? IoTransport.best().newGroup(1) : builder.group;
        this.registrar = new Registrar(builder.clock);
        this.faults = new ServerFaults(builder.faults);
        this.openConnections = new io.netty.channel.group.DefaultChannelGroup("mock-connections",
                io.netty.util.concurrent.GlobalEventExecutor.INSTANCE);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the TLS transport; returns once it is listening. */
    public MockAsterisk start() {
        if (serverChannel != null) {
            throw new IllegalStateException("the mock is already started; instances are single-use");
        }
        this.tlsContext = serverContext();
        String userAgent = config.userAgent != null ? config.userAgent : config.personality.defaultUserAgent();
        CertificateValidator clientVerifier = config.verifyClient ? ServerCertificateValidator.builder()
                .purpose(TlsPurpose.CLIENT).trust(config.caList).build() : null;
        PbxState state = new PbxState(Map.copyOf(config.endpoints), config.dialplan(),
                new PromptLibrary(config.soundsDirectory), registrar,
                config.realm != null ? config.realm : config.personality.defaultRealm(),
                userAgent, group, recorded::add, config.clock, config.rtcpInterval,
                new SipRouting(srtpReceived, log), channels, srtpReceived, log);
        bootstrap = new ServerBootstrap().group(group).channel(ChannelTypes.serverSocket(group))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        openConnections.add(ch);
                        ChannelPipeline pipeline = ch.pipeline();
                        pipeline.addLast("tls-records", new TlsRecordObserver(TlsAlert.Sender.SERVER));
                        // the context of now: a restart makes a new one (no session survives it)
                        pipeline.addLast("tls", tlsContext.newHandler(ch.alloc()));
                        pipeline.addLast("tls-handshakes", handshakes);
                        pipeline.addLast("client-certificate", new ClientCertificateGate(clientVerifier,
                                config.clock, connections::add, log));
                        pipeline.addLast("sip-framing", new SipFrameDecoder());
                        pipeline.addLast("sip-codec", new SipMessageCodec());
                        pipeline.addLast("sip-too-large", new OversizedMessageResponder(log));
                        if (config.personality == ServerPersonality.MX_ONE && config.mxOneRequestUriStatus != 0) {
                            pipeline.addLast("mx-one-request-uri", new MxOneRequestUriCheck(
                                    config.certificate.certificate(), userAgent, config.mxOneRequestUriStatus, log));
                        }
                        pipeline.addLast("pbx", new PbxSipHandler(state));
                        if (config.sipMessageListener != null) {
                            // next to the codec: it sees every message, also those a check before the PBX answers
                            pipeline.addAfter("sip-codec", "sip-summary", new SipSummaryHandler(config.sipMessageListener));
                        }
                        faults.install(pipeline);
                    }
                });
        serverChannel = bootstrap.bind(new InetSocketAddress(config.bindAddress, config.port))
                .syncUninterruptibly().channel();
        boundAddress = (InetSocketAddress) serverChannel.localAddress();
        faults.scheduleRestarts(group.next(), this::restart);
        return this;
    }

    /**
     * Restarts the server as Asterisk restarts: every connection closes, nothing listens for
     * {@code downtime}, then the transport listens again on the same address and port with every
     * registration lost (phones must register again) and every TLS session with it: a new process
     * has a new OpenSSL {@code SSL_CTX}, an empty session cache and new ticket keys, so a phone's first
     * handshake after the restart is a full one. Completes once it listens again; fails when the port
     * cannot be bound again.
     */
    public java.util.concurrent.CompletableFuture<Void> restart(Duration downtime) {
        java.util.concurrent.CompletableFuture<Void> listening = new java.util.concurrent.CompletableFuture<>();
        Channel listener;
        synchronized (this) {
            listener = serverChannel;
        }
        if (listener == null) {
            listening.completeExceptionally(new IllegalStateException("the mock is not started"));
            return listening;
        }
        listener.close().addListener(unbound -> openConnections.close().addListener(allClosed -> {
            registrar.clear();
            forgetTlsSessions();
            faults.journal().record(io.sipshield.emulator.fault.RestartServer.NAME, null,
                    "closed every connection and stopped listening on " + boundAddress + " for "
                            + downtime.toMillis() + " ms");
            group.next().schedule(() -> rebind(listening), downtime.toNanos(), TimeUnit.NANOSECONDS);
        }));
        return listening;
    }

    /** A restart's TLS state: a new server context (session cache and ticket keys), the old one's ticket count kept. */
    private void forgetTlsSessions() {
        SslContext old = tlsContext;
        ticketResumptionsBeforeRestarts += ServerSessionResumption.statsOf(old, handshakes).ticketResumptions();
        tlsContext = serverContext();
    }

    /** The second half of a {@link #restart}: listen again on the same address, unless the mock closed meanwhile. */
    private void rebind(java.util.concurrent.CompletableFuture<Void> listening) {
        if (closed) {
            listening.completeExceptionally(new IllegalStateException("the mock was closed during its restart"));
            return;
        }
        bootstrap.bind(boundAddress).addListener(
                    (io.netty.channel.ChannelFutureListener) bound -> {
                        if (bound.isSuccess() && closed) {
                            bound.channel().close();
                            listening.completeExceptionally(new IllegalStateException("the mock was closed"));
                        } else if (bound.isSuccess()) {
                            synchronized (MockAsterisk.this) {
                                serverChannel = bound.channel();
                            }
                            faults.journal().record(io.sipshield.emulator.fault.RestartServer.NAME, null,
                                    "listening again on " + boundAddress);
                            listening.complete(null);
                        } else {
                            listening.completeExceptionally(new IllegalStateException(
                                    "cannot listen again on " + boundAddress + ": " + bound.cause().getMessage(),
                                    bound.cause()));
                        }
                    });
    }

    /** What the configured faults did, connection by connection (empty without faults). */
    public FaultJournal faultJournal() {
        return faults.journal();
    }

    private SslContext serverContext() {
        Objects.requireNonNull(config.certificate, "the mock needs a certificate: builder().certificate(...)");
        List<X509Certificate> chain = config.sentChain != null ? config.sentChain : config.certificate.chainWithoutRoot();
        boolean mxOne = config.personality == ServerPersonality.MX_ONE;
        ClientAuth clientAuth = mxOne ? config.clientVerification.clientAuth()
                : config.requireClientCert ? ClientAuth.REQUIRE
                : config.verifyClient ? ClientAuth.OPTIONAL : ClientAuth.NONE;
        try {
            // TransportKeyManager: a cipher= list the key cannot serve fails as OpenSSL fails it (alert 40)
            SslContextBuilder builder = SslContextBuilder.forServer(
                            new TransportKeyManager(config.certificate.privateKey(), chain))
                    .sslProvider(SslProvider.OPENSSL)
                    .protocols(config.tlsProtocols)
                    .clientAuth(clientAuth);
            if (mxOne && clientAuth != ClientAuth.NONE) {
                // SIPLP (reSIProcate on OpenSSL) verifies inside the handshake: a bad certificate is an alert.
                List<X509Certificate> trust = mxOneClientTrust();
                builder.trustManager(new HandshakeClientVerifier(ServerCertificateValidator.builder()
                        .purpose(TlsPurpose.CLIENT).trust(trust).build(), trust, config.clock));
            } else if (clientAuth != ClientAuth.NONE) {
                // PJSIP's verify callback lets OpenSSL finish the handshake whatever the certificate;
                // verify_client is judged afterwards (ClientCertificateGate).
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            if (!config.ciphers.isEmpty()) {
                builder.ciphers(config.ciphers, IdentityCipherSuiteFilter.INSTANCE);
            }
            SslContext built = builder.build();
            config.sessionResumption.applyTo(built);
            return built;
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the mock's TLS transport: " + e.getMessage(), e);
        }
    }

    /**
     * The CAs MX-ONE checks client certificates against: {@link Builder#caList} when given, else the
     * root CA of its own certificate, which the certificate tool extracts to
     * {@code /etc/opt/eri_sn/certs/ca.pem} (seed 004, "Preparation and work process" step 3). [GUESS]
     * that SIPLP's client trust is that file; the seed says an SBC accepts client certificates
     * "signed by the same CA as the SBC server certificate".
     */
    private List<X509Certificate> mxOneClientTrust() {
        if (!config.caList.isEmpty()) {
            return config.caList;
        }
        List<X509Certificate> own = config.certificate.chain();
        return List.of(own.get(own.size() - 1));
    }

    /** The transport's TLS session counters so far: handshakes, and how many resumed by ID or by ticket. */
    public ServerSessionResumption.Stats tlsSessionStats() {
        ServerSessionResumption.Stats now = ServerSessionResumption.statsOf(tlsContext, handshakes);
        return new ServerSessionResumption.Stats(now.handshakesCompleted(), now.resumed(),
                now.ticketResumptions() + ticketResumptionsBeforeRestarts);
    }

    /**
     * Every SRTP packet received on the mock's channels so far (answered, bridged, re-keyed), by
     * outcome: authentication failures, replays and malformed packets are dropped and counted here.
     */
    public SrtpReceiveCounts srtpReceived() {
        return srtpReceived;
    }

    /** Where the TLS transport listens (the same address across a {@link #restart}). */
    public InetSocketAddress address() {
        return boundAddress != null ? boundAddress : (InetSocketAddress) serverChannel.localAddress();
    }

    /** Every TLS connection phones opened so far, in order, with its handshake outcome. */
    public List<TlsConnection> tlsConnections() {
        return List.copyOf(connections);
    }

    /**
     * What the Asterisk CLI's {@code pjsip show transports|endpoints|endpoint <id>|contacts|aors}
     * would report, read live ({@link PjsipCliRenderer} prints it as the CLI does).
     */
    public PjsipIntrospection show() {
        InetSocketAddress bound = serverChannel != null ? address() : new InetSocketAddress(config.bindAddress, config.port);
        TransportView transport = new TransportView(config.transportName, "tls",
                bound.getAddress().getHostAddress() + ":" + bound.getPort(),
                PjsipIntrospection.methodName(config.method, config.tlsProtocols), config.ciphers, config.verifyClient,
                config.requireClientCert, config.certFileName,
                config.certificate == null ? "" : config.certificate.certificate().getSubjectX500Principal().getName());
        return new PjsipIntrospection(transport, config.endpoints.values(), registrar, channels);
    }

    /** What this mock was configured to be, for comparing mocks built different ways. */
    public MockAsteriskSettings settings() {
        List<X509Certificate> presented = config.certificate == null ? List.of()
                : config.sentChain != null ? config.sentChain : config.certificate.chainWithoutRoot();
        return new MockAsteriskSettings(config.personality, config.transportName, config.tlsProtocols, config.ciphers,
                config.verifyClient, config.requireClientCert, config.caList, presented, config.endpoints,
                config.dialplan(), config.userAgent != null ? config.userAgent : config.personality.defaultUserAgent(),
                config.realm != null ? config.realm : config.personality.defaultRealm());
    }

    /**
     * What the mock logged so far at WARN and above (Asterisk's WARNING and ERROR lines: a REGISTER refused, a
     * client certificate refused after the handshake, an unusable answer), oldest first, the last
     * {@link PbxLog#DEFAULT_CAPACITY} kept ({@link PbxLog.Snapshot#dropped()} counts the older ones). Every line
     * also went to SLF4J as logged.
     */
    public PbxLog.Snapshot log() {
        return log.snapshot();
    }

    /** The open call legs per endpoint (the channel counts of {@link #show()}). */
    public ActiveChannels activeChannels() {
        return channels;
    }

    public Registrar registrar() {
        return registrar;
    }

    /** The next request the mock received, or null when none arrives in time. */
    public RecordedSipRequest takeRequest(long timeout, TimeUnit unit) throws InterruptedException {
        return recorded.poll(timeout, unit);
    }

    /** Every request received so far that nobody took yet. */
    public List<RecordedSipRequest> drainRequests() {
        List<RecordedSipRequest> all = new ArrayList<>();
        recorded.drainTo(all);
        return all;
    }

    @Override
    public void close() {
        closed = true;
        faults.stop();
        Channel listener;
        synchronized (this) {
            listener = serverChannel;
        }
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** The mock's configuration: its certificate, endpoints and dialplan. */
    public static final class Builder {
        private IssuedCertificate certificate;
        private final Map<String, MockEndpoint> endpoints = new LinkedHashMap<>();
        private final Map<String, List<DialplanApplication>> extensions = new LinkedHashMap<>();
        private final Map<String, Duration> answerDelays = new LinkedHashMap<>();
        private final Map<String, String> dialTargets = new LinkedHashMap<>();
        private Path soundsDirectory;
        private String bindAddress = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private List<String> tlsProtocols = List.of("TLSv1.2");
        private TlsMethod method;
        private String transportName = "transport-tls";
        private String certFileName;
        private List<String> ciphers = List.of();
        private boolean requireClientCert;
        private boolean verifyClient;
        private List<X509Certificate> caList = List.of();
        private String realm;
        private String userAgent;
        private ServerPersonality personality = ServerPersonality.ASTERISK;
        private ClientVerificationMode clientVerification;
        private List<X509Certificate> sentChain;
        private Integer mxOneRequestUriStatus;
        private EventLoopGroup group;
        private Clock clock = Clock.systemUTC();
        private Duration rtcpInterval = Duration.ofSeconds(5);
        private Consumer<SipMessageSummary> sipMessageListener;
        private final List<ServerFault> faults = new ArrayList<>();
        private ServerSessionResumption sessionResumption = ServerSessionResumption.DEFAULT;

        /**
         * Which TLS session resumptions the transport grants (default: cache and tickets, as
         * OpenSSL's defaults; {@link ServerSessionResumption}).
         */
        public Builder sessionResumption(ServerSessionResumption resumption) {
            this.sessionResumption = Objects.requireNonNull(resumption, "sessionResumption");
            return this;
        }

        /**
         * Faults the server plays on the phones' connections (the vocabulary of
         * {@link io.sipshield.emulator.fault}): closing or resetting a connection at a moment, stalling,
         * tiny TLS records, many messages in one record, a restart ({@link ServerFaults} says who plays
         * which). Added to those given before.
         */
        public Builder faults(List<? extends ServerFault> serverFaults) {
            serverFaults.forEach(fault -> faults.add(Objects.requireNonNull(fault, "fault")));
            return this;
        }

        /** The certificate and key the TLS transport presents ({@code cert_file}, {@code priv_key_file}). */
        public Builder certificate(IssuedCertificate certificate) {
            this.certificate = certificate;
            this.sentChain = null;
            return this;
        }

        /**
         * pjsip.conf {@code cert_file} and {@code priv_key_file} as read: PJSIP loads cert_file with
         * OpenSSL's {@code SSL_CTX_use_certificate_chain_file}, so the chain sent is exactly the
         * file's certificates in file order (leaf, then whatever intermediates, even a root, it holds).
         */
        public Builder certificateFile(CertificateAndKey certFile) {
            this.certificate = certFile.toIssuedCertificate();
            this.sentChain = certFile.chain();
            return this;
        }

        /**
         * MX-ONE's {@code eri_sn_cert.pem} (private key, server certificate, intermediates, root CA;
         * seed 004, read and order-checked by {@link MxOneChainFile}). The chain sent is the server
         * certificate and the intermediates; the root stays home, and is the CA client certificates
         * are checked against unless {@link #caList} says otherwise.
         *
         * @throws CertificateFileException naming the file and the block out of MX-ONE's order
         */
        public Builder mxOneCertificateFile(Path eriSnCert) throws CertificateFileException {
            CertificateAndKey file = MxOneChainFile.read(eriSnCert);
            this.certificate = file.toIssuedCertificate();
            this.sentChain = file.chain().subList(0, file.chain().size() - 1);
            return this;
        }

        /** Which server to play: {@link ServerPersonality#ASTERISK} (the default) or {@link ServerPersonality#MX_ONE}. */
        public Builder personality(ServerPersonality personality) {
            this.personality = Objects.requireNonNull(personality, "personality");
            return this;
        }

        /**
         * MX-ONE's {@code TlsClientVerificationMode}; {@link ClientVerificationMode#NONE} unless set
         * ([GUESS] seed 004 gives no default; phones "have traditionally not made use of MTLS").
         * Only for {@link ServerPersonality#MX_ONE}: {@link #build()} refuses it for Asterisk.
         */
        public Builder clientVerification(ClientVerificationMode mode) {
            this.clientVerification = Objects.requireNonNull(mode, "clientVerification");
            return this;
        }

        public Builder endpoint(MockEndpoint endpoint) {
            endpoints.put(endpoint.id(), endpoint);
            return this;
        }

        /**
         * A keyword extension: {@link DialplanApp#ECHO} is {@code Answer(), Echo()},
         * {@link DialplanApp#BUSY} {@code Busy()}, {@link DialplanApp#CONGESTION} {@code Congestion()}.
         */
        public Builder extension(String extension, DialplanApp app) {
            return extension(extension, app.priorities());
        }

        /**
         * {@code exten => extension,1,...} and its {@code same => n,...} lines: the priorities a call
         * to {@code extension} runs, in order ({@link io.sipshield.harness.mock.dialplan.DialplanExecution}).
         */
        public Builder extension(String extension, List<DialplanApplication> priorities) {
            if (priorities.isEmpty()) {
                throw new IllegalArgumentException("extension " + extension + ": at least one priority is needed");
            }
            extensions.put(extension, List.copyOf(priorities));
            return this;
        }

        /**
         * Where Playback() looks for {@code name.wav} (8 kHz mono 16-bit PCM) before its built-in
         * prompts (beep, silence/1..10).
         */
        public Builder soundsDirectory(Path directory) {
            this.soundsDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The dialplan the builder describes: convenience waits and Dial()s folded into the priorities. */
        Dialplan dialplan() {
            Map<String, List<DialplanApplication>> plan = new LinkedHashMap<>(extensions);
            dialTargets.forEach((extension, endpoint) -> plan.put(extension, List.of(
                    new DialplanApplication.Dial(endpoint, Optional.empty()),
                    new DialplanApplication.Hangup(OptionalInt.empty()))));
            answerDelays.forEach((extension, wait) -> plan.computeIfPresent(extension, (e, priorities) -> {
                List<DialplanApplication> waited = new ArrayList<>();
                waited.add(new DialplanApplication.Wait(wait));
                waited.addAll(priorities);
                return waited;
            }));
            return new Dialplan(plan);
        }

        /**
         * {@code Wait(seconds)} before the extension's priorities: the caller hears 100 Trying only,
         * and a CANCEL meanwhile ends the call with 487.
         */
        public Builder waitBeforeAnswer(String extension, Duration wait) {
            if (wait.isNegative()) {
                throw new IllegalArgumentException("Wait() before Answer() of " + extension + " cannot be negative: " + wait);
            }
            answerDelays.put(extension, wait);
            return this;
        }

        /**
         * {@code exten => extension,1,Dial(PJSIP/endpoint)} and {@code same => n,Hangup()}: the call
         * goes to the endpoint's registered phone, down that phone's own connection, and the two are
         * bridged with the mock's own SRTP key on each leg. No registered contact: Hangup() keeps
         * Dial()'s cause (20), which chan_pjsip answers 480. Replaces the extension's priorities.
         */
        public Builder dial(String extension, String endpoint) {
            dialTargets.put(extension, endpoint);
            return this;
        }

        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /** The TLS port: 5061 by default, as Asterisk's transport-tls; 0 picks a free one (tests should). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * TLS versions the transport accepts (JSSE names); TLS 1.2 by default. {@link #method} sets
         * them as pjsip.conf names them.
         */
        public Builder tlsProtocols(List<String> protocols) {
            this.tlsProtocols = List.copyOf(protocols);
            this.method = null;
            return this;
        }

        /**
         * pjsip.conf transport {@code method}: {@code default} is TLS 1.0 alone, as PJSIP has it;
         * {@code sslv23} TLS 1.2 and 1.3. Without it the mock takes TLS 1.2 (a config file without
         * {@code method} should pass {@link TlsMethod#DEFAULT} to behave as Asterisk does).
         */
        public Builder method(TlsMethod method) {
            tlsProtocols(method.protocols());
            this.method = method;
            return this;
        }

        /**
         * pjsip.conf transport {@code cipher}: the TLS 1.2-and-below cipher suites the transport
         * accepts, OpenSSL names (as {@code pjsip list ciphers} prints them) or IANA names. As with
         * OpenSSL's cipher list, TLS 1.3 suites are not affected. A list the certificate's key cannot
         * serve (only ECDSA suites with an RSA certificate) fails each TLS 1.2 handshake with alert 40
         * handshake_failure, as OpenSSL 3 does ({@link TransportKeyManager}).
         *
         * @throws IllegalArgumentException naming a cipher this TLS stack does not have
         */
        public Builder ciphers(List<String> ciphers) {
            for (String cipher : ciphers) {
                if (cipher.regionMatches(true, 0, "0x", 0, 2)) {
                    throw new IllegalArgumentException("cipher=" + cipher + ": give the cipher's OpenSSL name "
                            + "(pjsip list ciphers) rather than its numeric id");
                }
                if (!OpenSsl.isCipherSuiteAvailable(cipher)) {
                    throw new IllegalArgumentException("cipher=" + cipher + " is not a cipher this TLS stack "
                            + "(BoringSSL) knows; Asterisk refuses an unsupported cipher too");
                }
            }
            this.ciphers = List.copyOf(ciphers);
            return this;
        }

        /**
         * The TLS transport's name, pjsip.conf's section name ({@code [transport-tls]}); what
         * {@code pjsip show transports} lists. Default {@code transport-tls}.
         */
        public Builder transportName(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("transportName: a pjsip.conf section name is needed, got '" + name + "'");
            }
            this.transportName = name;
            return this;
        }

        /**
         * Told of every SIP message on every connection, received or sent, as a one-line summary
         * (start line and CSeq, never the body); called on the connection's event loop, so it must
         * not block. {@code sipshield serve} logs them.
         */
        public Builder onSipMessage(Consumer<SipMessageSummary> listener) {
            this.sipMessageListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** pjsip.conf transport {@code cert_file} as written, for {@code pjsip show transport <id>}; informational. */
        public Builder certFileName(String certFile) {
            this.certFileName = certFile;
            return this;
        }

        /** pjsip.conf transport {@code require_client_cert}: a phone without a certificate fails the handshake. */
        public Builder requireClientCert(boolean require) {
            this.requireClientCert = require;
            return this;
        }

        /**
         * pjsip.conf transport {@code verify_client}: a client certificate, when presented, is
         * checked against {@link #caList} after the handshake; one that fails closes the connection
         * without any SIP response.
         */
        public Builder verifyClient(boolean verify) {
            this.verifyClient = verify;
            return this;
        }

        /** pjsip.conf transport {@code ca_list_file} / {@code ca_list_path}: the CAs client certificates are checked against. */
        public Builder caList(List<X509Certificate> authorities) {
            this.caList = List.copyOf(authorities);
            return this;
        }

        public Builder realm(String realm) {
            this.realm = realm;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /** Shared event loops to run on; without, the mock makes (and closes) its own. */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.group = group;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** rtp.conf {@code rtcpinterval}: the mean time between RTCP reports, 500 ms to 60 s; default 5 s. */
        public Builder rtcpInterval(Duration interval) {
            if (interval.compareTo(Duration.ofMillis(500)) < 0 || interval.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("rtcpInterval: rtp.conf takes 500 to 60000 ms, got "
                        + interval.toMillis() + " ms");
            }
            this.rtcpInterval = interval;
            return this;
        }

        /**
         * MX-ONE only accepts requests addressed to itself (seed 004): a request whose Request-URI
         * host its certificate does not name is answered with {@code status} ([GUESS] 404 by default,
         * as the seed names no code) and never reaches the PBX, so {@link #takeRequest} does not see
         * it. 0 switches the check off. Only for {@link ServerPersonality#MX_ONE}.
         *
         * @throws IllegalArgumentException for a status that is not a final failure (300-699) or 0
         */
        public Builder mxOneRequestUriCheck(int status) {
            if (status != 0 && (status < 300 || status > 699)) {
                throw new IllegalArgumentException("mxOneRequestUriCheck: a refusal is a final non-2xx status "
                        + "(300-699), or 0 for no check; got " + status);
            }
            this.mxOneRequestUriStatus = status;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the option that does not belong to the personality:
         *                                  clientVerification with Asterisk, requireClientCert or
         *                                  verifyClient with MX-ONE, mxOneRequestUriCheck with Asterisk
         */
        public MockAsterisk build() {
            if (personality == ServerPersonality.ASTERISK && clientVerification != null) {
                throw new IllegalArgumentException("clientVerification(" + clientVerification.keyword() + ") is MX-ONE's "
                        + "TlsClientVerificationMode; for the Asterisk personality use requireClientCert / verifyClient");
            }
            if (personality == ServerPersonality.MX_ONE && (requireClientCert || verifyClient)) {
                throw new IllegalArgumentException((requireClientCert ? "requireClientCert" : "verifyClient")
                        + " is a pjsip.conf transport option; for the MX-ONE personality use clientVerification"
                        + "(none|optional|mandatory)");
            }
            if (personality == ServerPersonality.ASTERISK && mxOneRequestUriStatus != null) {
                throw new IllegalArgumentException("mxOneRequestUriCheck is MX-ONE's; Asterisk answers any Request-URI");
            }
            if (personality == ServerPersonality.MX_ONE && clientVerification == null) {
                clientVerification = ClientVerificationMode.NONE;
            }
            if (personality == ServerPersonality.MX_ONE && mxOneRequestUriStatus == null) {
                mxOneRequestUriStatus = MxOneRequestUriCheck.DEFAULT_STATUS;
            }
            return new MockAsterisk(this);
        }
    }
}
