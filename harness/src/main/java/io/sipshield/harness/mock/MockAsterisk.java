package io.sipshield.harness.mock;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.emulator.sip.SipFrameDecoder;
import io.sipshield.emulator.sip.SipMessageCodec;
import io.sipshield.emulator.tls.CertificateValidator;
import io.sipshield.emulator.tls.ServerCertificateValidator;
import io.sipshield.emulator.tls.TlsPurpose;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * connection's outcome is in {@link #tlsConnections()}. Each endpoint's AOR options
 * ({@link MockAor}) drive the {@link #registrar()}, whose {@link Registrar#contacts()} is
 * {@code pjsip show contacts}. Extensions answer with Echo(), optionally after a Wait()
 * ({@link Builder#waitBeforeAnswer}, so CANCEL gets 487), or Dial() a registered phone
 * ({@link Builder#dial}).
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
    private Channel serverChannel;

    private MockAsterisk(Builder builder) {
        this.config = builder;
        this.ownsGroup = builder.group == null;
        this.group = ownsGroup ? new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()) : builder.group;
        this.registrar = new Registrar(builder.clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the TLS transport; returns once it is listening. */
    public MockAsterisk start() {
        if (serverChannel != null) {
            throw new IllegalStateException("the mock is already started; instances are single-use");
        }
        SslContext tls = serverContext();
        CertificateValidator clientVerifier = config.verifyClient ? ServerCertificateValidator.builder()
                .purpose(TlsPurpose.CLIENT).trust(config.caList).build() : null;
        PbxState state = new PbxState(Map.copyOf(config.endpoints), Map.copyOf(config.extensions), registrar,
                config.realm, config.userAgent, group, recorded::add, config.clock, config.rtcpInterval,
                Map.copyOf(config.answerDelays), Map.copyOf(config.dialTargets), new SipRouting());
        serverChannel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline pipeline = ch.pipeline();
                        pipeline.addLast("tls", tls.newHandler(ch.alloc()));
                        pipeline.addLast("client-certificate", new ClientCertificateGate(clientVerifier,
                                config.clock, connections::add));
                        pipeline.addLast("sip-framing", new SipFrameDecoder());
                        pipeline.addLast("sip-codec", new SipMessageCodec());
                        pipeline.addLast("pbx", new PbxSipHandler(state));
                    }
                })
                .bind(new InetSocketAddress(config.bindAddress, config.port))
                .syncUninterruptibly().channel();
        return this;
    }

    private SslContext serverContext() {
        Objects.requireNonNull(config.certificate, "the mock needs a certificate: builder().certificate(...)");
        List<X509Certificate> chain = config.certificate.chainWithoutRoot();
        ClientAuth clientAuth = config.requireClientCert ? ClientAuth.REQUIRE
                : config.verifyClient ? ClientAuth.OPTIONAL : ClientAuth.NONE;
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(config.certificate.privateKey(), chain)
                    .sslProvider(SslProvider.OPENSSL)
                    .protocols(config.tlsProtocols)
                    .clientAuth(clientAuth);
            if (clientAuth != ClientAuth.NONE) {
                // PJSIP's verify callback lets OpenSSL finish the handshake whatever the certificate;
                // verify_client is judged afterwards (ClientCertificateGate).
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            if (!config.ciphers.isEmpty()) {
                builder.ciphers(config.ciphers, IdentityCipherSuiteFilter.INSTANCE);
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the mock's TLS transport: " + e.getMessage(), e);
        }
    }

    /** Where the TLS transport listens. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Every TLS connection phones opened so far, in order, with its handshake outcome. */
    public List<TlsConnection> tlsConnections() {
        return List.copyOf(connections);
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
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** The mock's configuration: its certificate, endpoints and dialplan. */
    public static final class Builder {
        private IssuedCertificate certificate;
        private final Map<String, MockEndpoint> endpoints = new LinkedHashMap<>();
        private final Map<String, DialplanApp> extensions = new LinkedHashMap<>();
        private final Map<String, Duration> answerDelays = new LinkedHashMap<>();
        private final Map<String, String> dialTargets = new LinkedHashMap<>();
        private String bindAddress = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private List<String> tlsProtocols = List.of("TLSv1.2");
        private List<String> ciphers = List.of();
        private boolean requireClientCert;
        private boolean verifyClient;
        private List<X509Certificate> caList = List.of();
        private String realm = "asterisk";
        private String userAgent = DEFAULT_USER_AGENT;
        private EventLoopGroup group;
        private Clock clock = Clock.systemUTC();
        private Duration rtcpInterval = Duration.ofSeconds(5);

        /** The certificate and key the TLS transport presents ({@code cert_file}, {@code priv_key_file}). */
        public Builder certificate(IssuedCertificate certificate) {
            this.certificate = certificate;
            return this;
        }

        public Builder endpoint(MockEndpoint endpoint) {
            endpoints.put(endpoint.id(), endpoint);
            return this;
        }

        public Builder extension(String extension, DialplanApp app) {
            extensions.put(extension, app);
            return this;
        }

        /**
         * {@code Wait(seconds)} before {@code Answer()} in the extension's dialplan: the caller hears
         * 100 Trying only, and a CANCEL meanwhile ends the call with 487.
         */
        public Builder waitBeforeAnswer(String extension, Duration wait) {
            if (wait.isNegative()) {
                throw new IllegalArgumentException("Wait() before Answer() of " + extension + " cannot be negative: " + wait);
            }
            answerDelays.put(extension, wait);
            return this;
        }

        /**
         * {@code exten => extension,1,Dial(PJSIP/endpoint)}: the call goes to the endpoint's
         * registered phone, down that phone's own connection, and the two are bridged with the
         * mock's own SRTP key on each leg. No registered contact: the caller gets 480.
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
            return this;
        }

        /**
         * pjsip.conf transport {@code method}: {@code default} is TLS 1.0 alone, as PJSIP has it;
         * {@code sslv23} TLS 1.2 and 1.3. Without it the mock takes TLS 1.2 (a config file without
         * {@code method} should pass {@link TlsMethod#DEFAULT} to behave as Asterisk does).
         */
        public Builder method(TlsMethod method) {
            return tlsProtocols(method.protocols());
        }

        /**
         * pjsip.conf transport {@code cipher}: the TLS 1.2-and-below cipher suites the transport
         * accepts, OpenSSL names (as {@code pjsip list ciphers} prints them) or IANA names. As with
         * OpenSSL's cipher list, TLS 1.3 suites are not affected.
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

        public MockAsterisk build() {
            return new MockAsterisk(this);
        }
    }
}
