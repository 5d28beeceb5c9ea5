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
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.emulator.sip.SipFrameDecoder;
import io.sipshield.emulator.sip.SipMessageCodec;
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
 * Port 5061 by default ({@code port(0)} for a free one, as tests should); single use; connections
 * run on shared event loops.
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
        PbxState state = new PbxState(Map.copyOf(config.endpoints), Map.copyOf(config.extensions), registrar,
                config.realm, config.userAgent, group, recorded::add, config.clock, config.rtcpInterval);
        serverChannel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline pipeline = ch.pipeline();
                        pipeline.addLast("tls", tls.newHandler(ch.alloc()));
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
        try {
            return SslContextBuilder.forServer(config.certificate.privateKey(), chain)
                    .sslProvider(SslProvider.OPENSSL)
                    .protocols(config.tlsProtocols)
                    .clientAuth(ClientAuth.NONE)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the mock's TLS transport: " + e.getMessage(), e);
        }
    }

    /** Where the TLS transport listens. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
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
        private String bindAddress = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private List<String> tlsProtocols = List.of("TLSv1.2");
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

        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /** The TLS port: 5061 by default, as Asterisk's transport-tls; 0 picks a free one (tests should). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** TLS versions the transport accepts (JSSE names), as {@code method} sets them; TLS 1.2 by default. */
        public Builder tlsProtocols(List<String> protocols) {
            this.tlsProtocols = List.copyOf(protocols);
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
