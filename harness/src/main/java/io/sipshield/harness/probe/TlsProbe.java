package io.sipshield.harness.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.sipshield.emulator.ClientCredentials;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.net.ChannelTypes;
import io.sipshield.emulator.net.IoTransport;
import io.sipshield.emulator.profile.ClientCertificateSource;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.tls.CertificateValidator;
import io.sipshield.emulator.tls.PhoneSslContexts;
import io.sipshield.emulator.tls.ProfileValidators;
import io.sipshield.emulator.tls.ServerCertificateCheckHandler;
import io.sipshield.emulator.tls.TlsReport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One TLS connection made exactly as a device profile would make it (its versions, cipher
 * suites, SNI, client certificate, validator), to the one address given, then closed. No SIP is
 * sent. The tool behind {@code sipshield probe}.
 */
public final class TlsProbe {

    private final Builder config;

    private TlsProbe(Builder builder) {
        this.config = builder;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects, judges the chain and closes.
     *
     * @throws ProbeConnectException when no TCP connection could be made
     */
    public ProbeResult run() throws ProbeConnectException {
        DeviceProfile profile = config.profile;
        PhoneSettings.Builder settings = PhoneSettings.builder().account("probe", "").serverHost(config.serverName)
                .serverAddress(config.address).tlsProvider(config.provider).allowWildcards(config.allowWildcards)
                .clock(config.clock).clientCredentials(config.clientCredentials);
        config.trust.forEach(settings::trust);
        PhoneSettings phone = settings.build();
        AtomicBoolean asked = new AtomicBoolean();
        SslContext context = PhoneSslContexts.forPhone(profile, phone, () -> asked.set(true));
        CertificateValidator validator = ProfileValidators.forProfile(profile, config.trust, List.of(),
                config.allowWildcards);
        ServerCertificateCheckHandler check = new ServerCertificateCheckHandler(validator, config.serverName,
                config.clock, profile.validatesServer());
        AtomicReference<Throwable> handshakeCause = new AtomicReference<>();
        NssKeyLog keyLog = config.keyLog == null ? null : new NssKeyLog(config.keyLog);
        EventLoopGroup group = IoTransport.best().newGroup(1);
        Channel channel = null;
        try {
            ChannelFuture connecting = new Bootstrap().group(group).channel(ChannelTypes.socket(group))
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("tls", context.newHandler(ch.alloc(), config.serverName,
                                    config.address.getPort()));
                            ch.pipeline().addLast("handshake-outcome", new HandshakeOutcome(handshakeCause));
                            if (keyLog != null) {
                                ch.pipeline().addLast("key-log", keyLog);
                            }
                            ch.pipeline().addLast("server-certificate", check);
                            ch.pipeline().addLast("recorded", new ChannelInboundHandlerAdapter() {
                                @Override
                                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                    // already recorded by HandshakeOutcome and the check; the probe closes the channel
                                    handshakeCause.compareAndSet(null, cause);
                                }
                            });
                        }
                    })
                    .connect(config.address);
            channel = connecting.channel();
            if (!connecting.awaitUninterruptibly(config.timeout.toMillis()) || !connecting.isSuccess()) {
                Throwable cause = connecting.cause();
                throw new ProbeConnectException("cannot connect to " + address() + ": "
                        + (cause == null ? "no answer within " + config.timeout.toSeconds() + " s" : cause.getMessage()));
            }
            TlsReport report = await(check);
            boolean goesOn = report.established();
            HandshakeFailure failure = null;
            if (report.protocol() == null) {
                Throwable cause = handshakeCause.get();
                failure = cause != null ? HandshakeFailure.of(cause)
                        : report.failure() != null && report.failure().startsWith("no TLS answer")
                        ? new HandshakeFailure(null, "server", report.failure()) : HandshakeFailure.closedByServer();
            }
            boolean sent = asked.get() && config.clientCredentials != null
                    && profile.clientCertificate() != ClientCertificateSource.NONE;
            return new ProbeResult(report.protocol(), report.cipherSuite(), failure, report.peerChain(),
                    report.verification(), goesOn, asked.get(), sent,
                    PhoneSslContexts.droppedCipherSuites(profile, context),
                    keyLog == null || failure != null ? null : keyLog.problem());
        } finally {
            if (channel != null) {
                channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private TlsReport await(ServerCertificateCheckHandler check) {
        try {
            return check.report().get(config.timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return TlsReport.failed("no TLS answer within " + config.timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TlsReport.failed("interrupted");
        } catch (ExecutionException e) {
            return TlsReport.failed(String.valueOf(e.getCause()));
        }
    }

    private String address() {
        return config.address.getHostString() + ":" + config.address.getPort();
    }

    /** Keeps the cause of a failed handshake, for the alert and its sender. */
    private static final class HandshakeOutcome extends ChannelInboundHandlerAdapter {
        private final AtomicReference<Throwable> cause;

        HandshakeOutcome(AtomicReference<Throwable> cause) {
            this.cause = cause;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof SslHandshakeCompletionEvent completion && !completion.isSuccess()) {
                cause.compareAndSet(null, completion.cause());
            }
            super.userEventTriggered(ctx, event);
        }
    }

    /** What to probe and as which device. */
    public static final class Builder {
        private DeviceProfile profile;
        private InetSocketAddress address;
        private String serverName;
        private final List<X509Certificate> trust = new ArrayList<>();
        private ClientCredentials clientCredentials;
        private PhoneSettings.TlsProvider provider = PhoneSettings.TlsProvider.BORINGSSL;
        private boolean allowWildcards;
        private Path keyLog;
        private Duration timeout = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();

        public Builder profile(DeviceProfile profile) {
            this.profile = profile;
            return this;
        }

        /** Where to connect: the only address the probe talks to. */
        public Builder address(InetSocketAddress address) {
            this.address = address;
            return this;
        }

        /** The host the phone dials: sent as SNI and checked against the certificate (default: the address's host). */
        public Builder serverName(String name) {
            this.serverName = name;
            return this;
        }

        public Builder trust(List<X509Certificate> anchors) {
            trust.addAll(anchors);
            return this;
        }

        public Builder clientCredentials(ClientCredentials credentials) {
            this.clientCredentials = credentials;
            return this;
        }

        public Builder provider(PhoneSettings.TlsProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        public Builder allowWildcards(boolean allow) {
            this.allowWildcards = allow;
            return this;
        }

        /** Append the NSS key log line of the connection to this file (BoringSSL, TLS 1.0 to 1.2). */
        public Builder keyLog(Path file) {
            this.keyLog = file;
            return this;
        }

        public Builder timeout(Duration limit) {
            this.timeout = Objects.requireNonNull(limit, "timeout");
            return this;
        }

        public Builder clock(Clock phoneClock) {
            this.clock = Objects.requireNonNull(phoneClock, "clock");
            return this;
        }

        public TlsProbe build() {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(address, "address");
            if (serverName == null) {
                serverName = address.getHostString();
            }
            return new TlsProbe(this);
        }
    }
}
