package io.sipshield.harness.provisioning;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.format.CertificateAndKey;
import io.sipshield.emulator.net.ChannelTypes;
import io.sipshield.emulator.net.IoTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * A provisioning server over one directory, read-only: HTTP (port 6970), HTTPS (6971) and TFTP
 * (RFC 1350, UDP port 69), the three ways a Cisco phone fetches its trust lists and configuration
 * (DEVICES.md §A.3, from usecallmanager's http-provisioning.html), and what Digium and Algo phones
 * download their files with. Every transport sees the same files under the same names and refuses
 * names that leave the directory ({@link ProvisioningDirectory}).
 *
 * <p>Every request is recorded once answered ({@link #requests()}, {@link #takeRequest(Duration)},
 * {@link Builder#onRequest}). All sockets run on Netty event loops (shared ones when given, else
 * one loop of its own): no thread per client or transfer.
 *
 * <pre>{@code
 * try (ProvisioningServer server = ProvisioningServer.builder().directory(tftpboot)
 *         .bindAddress("127.0.0.1").httpPort(0).tftpPort(0)
 *         .httpsPort(0).httpsCertificate(ecServerCertificate)
 *         .build().start()) {
 *     // a phone fetches server.uri(Transport.HTTP, "ITLFile.tlv") ...
 *     ProvisioningRequest first = server.takeRequest(Duration.ofSeconds(5));
 * }
 * }</pre>
 * Single-use: a closed server cannot be started again.
 */
public final class ProvisioningServer implements AutoCloseable {

    private final Builder config;
    private final ProvisioningDirectory directory;
    private final ProvisioningJournal journal;
    private final boolean ownsGroup;
    private final EventLoopGroup group;
    private final ChannelGroup open = new DefaultChannelGroup("provisioning", GlobalEventExecutor.INSTANCE);
    private Channel http;
    private Channel https;
    private Channel tftp;
    private boolean started;

    private ProvisioningServer(Builder builder) {
        this.config = builder;
        this.directory = new ProvisioningDirectory(builder.directory);
        this.journal = new ProvisioningJournal(builder.listener);
        this.ownsGroup = builder.group == null;
        this.group = ownsGroup ? IoTransport.best().newGroup(1) : builder.group;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds every configured transport; returns once all listen.
     *
     * @throws IllegalStateException naming the transport and address that could not be bound
     *                               (everything bound so far is closed again)
     */
    public ProvisioningServer start() {
        if (started) {
            throw new IllegalStateException("the provisioning server was already started; instances are single-use");
        }
        started = true;
        InetAddress bind = config.bindInetAddress();
        try {
            if (config.httpPort >= 0) {
                http = bindTcp(ProvisioningRequest.Transport.HTTP, new InetSocketAddress(bind, config.httpPort), null);
            }
            if (config.httpsCertificate != null) {
                https = bindTcp(ProvisioningRequest.Transport.HTTPS, new InetSocketAddress(bind, config.httpsPort),
                        serverContext());
            }
            if (config.tftpPort >= 0) {
                tftp = bind(ProvisioningRequest.Transport.TFTP, new Bootstrap().group(group).channel(ChannelTypes.datagram(group))
                        .handler(new TftpRequestHandler(directory, journal, config.clock, bind, config.tftpTimeout,
                                config.tftpRetries, config.tftpMaxBlockSize, open))
                        .bind(new InetSocketAddress(bind, config.tftpPort)), new InetSocketAddress(bind, config.tftpPort));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    private Channel bindTcp(ProvisioningRequest.Transport transport, InetSocketAddress address, SslContext tls) {
        boolean unsigned = transport == ProvisioningRequest.Transport.HTTPS && config.unsignedConfigOnHttps;
        return bind(transport, new ServerBootstrap().group(group).channel(ChannelTypes.serverSocket(group))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        open.add(channel);
                        ChannelPipeline pipeline = channel.pipeline();
                        if (tls != null) {
                            pipeline.addLast("tls", tls.newHandler(channel.alloc()));
                        }
                        pipeline.addLast("http-codec", new HttpServerCodec());
                        // GET and HEAD carry no body; a larger one is answered 413 by the aggregator
                        pipeline.addLast("http-aggregator", new HttpObjectAggregator(8192));
                        pipeline.addLast("chunked-writer", new ChunkedWriteHandler());
                        pipeline.addLast("provisioning", new HttpProvisioningHandler(transport, directory, unsigned,
                                journal, config.clock));
                    }
                })
                .bind(address), address);
    }

    private Channel bind(ProvisioningRequest.Transport transport, io.netty.channel.ChannelFuture binding,
                         InetSocketAddress address) {
        binding.awaitUninterruptibly();
        if (!binding.isSuccess()) {
            String hint = address.getPort() > 0 && address.getPort() < 1024
                    ? " (ports below 1024 need root or CAP_NET_BIND_SERVICE; choose another port)" : "";
            throw new IllegalStateException("cannot listen for " + transport + " on " + address.getAddress().getHostAddress()
                    + ":" + address.getPort() + ": " + binding.cause().getMessage() + hint, binding.cause());
        }
        open.add(binding.channel());
        return binding.channel();
    }

    private SslContext serverContext() {
        try {
            return SslContextBuilder.forServer(config.httpsKey, config.httpsCertificate.toArray(X509Certificate[]::new))
                    .sslProvider(config.tlsProvider != null ? config.tlsProvider
                            : OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot build the HTTPS provisioning transport: " + e.getMessage(), e);
        }
    }

    /** Where HTTP listens. @throws IllegalStateException when HTTP is not served or not started */
    public InetSocketAddress httpAddress() {
        return address(http, ProvisioningRequest.Transport.HTTP);
    }

    /** Where HTTPS listens. @throws IllegalStateException when HTTPS is not served (no certificate) or not started */
    public InetSocketAddress httpsAddress() {
        return address(https, ProvisioningRequest.Transport.HTTPS);
    }

    /** Where TFTP takes requests. @throws IllegalStateException when TFTP is not served or not started */
    public InetSocketAddress tftpAddress() {
        return address(tftp, ProvisioningRequest.Transport.TFTP);
    }

    /** The address a transport listens on. */
    public InetSocketAddress address(ProvisioningRequest.Transport transport) {
        return switch (transport) {
            case HTTP -> httpAddress();
            case HTTPS -> httpsAddress();
            case TFTP -> tftpAddress();
        };
    }

    /** True when the transport is configured and bound. */
    public boolean serves(ProvisioningRequest.Transport transport) {
        return switch (transport) {
            case HTTP -> http != null;
            case HTTPS -> https != null;
            case TFTP -> tftp != null;
        };
    }

    /** {@code http://host:port/file}, {@code https://...} or {@code tftp://...} for a file in the directory. */
    public URI uri(ProvisioningRequest.Transport transport, String file) {
        InetSocketAddress address = address(transport);
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create(transport.name().toLowerCase(java.util.Locale.ROOT) + "://" + host + ":" + address.getPort()
                + "/" + file);
    }

    private static InetSocketAddress address(Channel channel, ProvisioningRequest.Transport transport) {
        if (channel == null) {
            throw new IllegalStateException(transport + " is not served (not configured, or the server is not started)");
        }
        return (InetSocketAddress) channel.localAddress();
    }

    /** The served directory. */
    public Path directory() {
        return directory.root();
    }

    /** Every request answered so far, in the order they finished. */
    public List<ProvisioningRequest> requests() {
        return journal.all();
    }

    /** The next request not yet taken, waiting up to {@code timeout}; null when none came. */
    public ProvisioningRequest takeRequest(Duration timeout) throws InterruptedException {
        return journal.take(timeout);
    }

    /** Stops listening, ends open connections and transfers; releases its own event loop. */
    @Override
    public void close() {
        open.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /** How the server is set up; {@link #build()} checks it. */
    public static final class Builder {
        private Path directory;
        private String bindAddress = "0.0.0.0";
        private int httpPort = ProvisioningRequest.Transport.HTTP.defaultPort();
        private int httpsPort = ProvisioningRequest.Transport.HTTPS.defaultPort();
        private int tftpPort = ProvisioningRequest.Transport.TFTP.defaultPort();
        private List<X509Certificate> httpsCertificate;
        private PrivateKey httpsKey;
        private SslProvider tlsProvider;
        private boolean unsignedConfigOnHttps = true;
        private Duration tftpTimeout = Duration.ofSeconds(1);
        private int tftpRetries = 5;
        private int tftpMaxBlockSize = TftpRequestHandler.MAX_BLOCK_SIZE;
        private EventLoopGroup group;
        private Clock clock = Clock.systemUTC();
        private Consumer<ProvisioningRequest> listener = request -> { };

        private Builder() {
        }

        /** The directory served, read-only (Cisco's {@code /var/lib/tftpboot}). Required. */
        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The address every transport listens on; default {@code 0.0.0.0} (phones are elsewhere). */
        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address, "bindAddress");
            return this;
        }

        /** HTTP port; default 6970 (Cisco's provisioning port); 0 for a free one. */
        public Builder httpPort(int port) {
            this.httpPort = checkPort(port, "httpPort");
            return this;
        }

        /** HTTPS port; default 6971; 0 for a free one. HTTPS is served only with {@link #httpsCertificate}. */
        public Builder httpsPort(int port) {
            this.httpsPort = checkPort(port, "httpsPort");
            return this;
        }

        /** TFTP port; default 69 (needs privileges); 0 for a free one. */
        public Builder tftpPort(int port) {
            this.tftpPort = checkPort(port, "tftpPort");
            return this;
        }

        /** Serve no HTTP. */
        public Builder withoutHttp() {
            this.httpPort = -1;
            return this;
        }

        /** Serve no TFTP. */
        public Builder withoutTftp() {
            this.tftpPort = -1;
            return this;
        }

        /**
         * Serve HTTPS with this certificate and key, sending the chain without the root. For Cisco
         * phones it must have an EC key (P-256, P-384 or P-521) and be in the ITL with the TFTP
         * role (DEVICES.md §A.3); the server does not check, so a test can also offer a wrong one.
         */
        public Builder httpsCertificate(IssuedCertificate certificate) {
            Objects.requireNonNull(certificate, "certificate");
            return httpsCertificate(certificate.chainWithoutRoot(), certificate.privateKey());
        }

        /** Serve HTTPS with a certificate file's chain (sent in file order) and key. */
        public Builder httpsCertificate(CertificateAndKey certificate) {
            Objects.requireNonNull(certificate, "certificate");
            return httpsCertificate(certificate.chain(), certificate.privateKey());
        }

        private Builder httpsCertificate(List<X509Certificate> chain, PrivateKey key) {
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("httpsCertificate: no certificate");
            }
            this.httpsCertificate = List.copyOf(chain);
            this.httpsKey = Objects.requireNonNull(key, "private key");
            return this;
        }

        /** BoringSSL ({@code OPENSSL}, the default when available) or the JDK's TLS. */
        public Builder tlsProvider(SslProvider provider) {
            this.tlsProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Whether HTTPS answers {@code SEP<MAC>.cnf.xml.sgn} with the unsigned {@code SEP<MAC>.cnf.xml}
         * (default true): usecallmanager's apache-conf.html rewrites that URL on port 6971 because the
         * phone asks for the .sgn name but wants the unsigned file there (DEVICES.md §A.3). False serves
         * names as they are, to test a server without the rewrite.
         */
        public Builder unsignedConfigOnHttps(boolean map) {
            this.unsignedConfigOnHttps = map;
            return this;
        }

        /**
         * How long a TFTP transfer waits for an ACK before sending the packet again; default 1 s.
         * [GUESS] RFC 1350 leaves the value to the implementation and servers differ (atftpd's
         * {@code --retry-timeout} defaults to 5 s); 1 s keeps a lost packet's cost small on a LAN.
         */
        public Builder tftpTimeout(Duration timeout) {
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("tftpTimeout: expected a positive duration, got " + timeout);
            }
            this.tftpTimeout = timeout;
            return this;
        }

        /** How many times a TFTP packet is sent again before the transfer is given up; default 5 [GUESS]. */
        public Builder tftpRetries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("tftpRetries: expected 0 or more, got " + retries);
            }
            this.tftpRetries = retries;
            return this;
        }

        /** The largest RFC 2348 blksize granted (8..65464; default 65464: whatever the client asks). */
        public Builder tftpMaxBlockSize(int size) {
            if (size < TftpRequestHandler.MIN_BLOCK_SIZE || size > TftpRequestHandler.MAX_BLOCK_SIZE) {
                throw new IllegalArgumentException("tftpMaxBlockSize: expected 8..65464 (RFC 2348), got " + size);
            }
            this.tftpMaxBlockSize = size;
            return this;
        }

        /** Run on these (shared) loops instead of a loop of its own; the server does not shut them down. */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.group = Objects.requireNonNull(group, "group");
            return this;
        }

        /** The clock request times come from. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Called with each request once answered, on an event loop: keep it short. */
        public Builder onRequest(Consumer<ProvisioningRequest> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** @throws IllegalArgumentException when the directory is missing or the bind address is not an address */
        public ProvisioningServer build() {
            if (directory == null) {
                throw new IllegalArgumentException("the provisioning server needs a directory: builder().directory(path)");
            }
            bindInetAddress();
            if (httpPort < 0 && tftpPort < 0 && httpsCertificate == null) {
                throw new IllegalArgumentException("the provisioning server serves nothing: HTTP and TFTP are off and "
                        + "HTTPS has no certificate");
            }
            return new ProvisioningServer(this);
        }

        private InetAddress bindInetAddress() {
            try {
                return InetAddress.getByName(bindAddress);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bindAddress: '" + bindAddress + "' is not an address: " + e.getMessage(), e);
            }
        }

        private static int checkPort(int port, String field) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(field + ": expected 0..65535, got " + port);
            }
            return port;
        }
    }
}
