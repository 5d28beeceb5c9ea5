package io.sipshield.harness.mock.hostile;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.emulator.fault.EndlessHeader;
import io.sipshield.emulator.fault.GarbageAfterHandshake;
import io.sipshield.emulator.fault.ManySans;
import io.sipshield.emulator.fault.OversizedChain;
import io.sipshield.emulator.fault.ServerFault;
import io.sipshield.emulator.net.ChannelTypes;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;

/**
 * A TLS server that attacks the phone instead of serving it, one hostile {@link ServerFault} per
 * server (issue 11): {@link OversizedChain} and {@link ManySans} in the handshake, {@link EndlessHeader}
 * and {@link GarbageAfterHandshake} after it. The phone must report what happened and move on, in
 * bounded time and memory.
 *
 * <p>Kept apart from {@link io.sipshield.harness.mock.MockAsterisk} on purpose: Asterisk does none of
 * this, so the mock's model of Asterisk does not grow features for it; a hostile server needs no
 * registrar, dialplan or media, only a listening TLS port and its misbehaviour. The connection faults a
 * real Asterisk can show (close, stall, tiny records) are the mock's.
 *
 * <pre>{@code
 * try (HostileTlsServer server = HostileTlsServer.builder(new OversizedChain(200))
 *         .issuer(pki.get(FixtureName.TEST_ROOT)).build().start()) {
 *     TlsReport report = phone(server.address()).connect().get(10, SECONDS);
 * }
 * }</pre>
 */
public final class HostileTlsServer implements AutoCloseable {

    private final Builder config;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong written = new AtomicLong();
    private Channel listener;

    private HostileTlsServer(Builder config) {
        this.config = config;
    }

    /** A server that plays {@code fault}: one of the four hostile server faults. */
    public static Builder builder(ServerFault fault) {
        return new Builder(fault);
    }

    /** Makes the certificates the fault needs and listens. */
    public HostileTlsServer start() {
        HostileCertificates certificates = certificates();
        SslContext tls;
        try {
            tls = SslContextBuilder.forServer(certificates.privateKey(), certificates.chain())
                    .sslProvider(SslProvider.OPENSSL).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the hostile server's TLS context: " + e.getMessage(), e);
        }
        listener = new ServerBootstrap().group(config.group).channel(ChannelTypes.serverSocket(config.group))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                        ch.pipeline().addLast("hostile", new HostileBehaviour(config.fault, written));
                    }
                })
                .bind(config.bindAddress, 0).syncUninterruptibly().channel();
        return this;
    }

    private HostileCertificates certificates() {
        ServerFault fault = config.fault;
        if (fault instanceof OversizedChain chain) {
            return HostileCertificates.oversizedChain(chain, config.issuer, config.serverName);
        }
        if (fault instanceof ManySans sans) {
            return HostileCertificates.manySans(sans, config.issuer, config.serverName);
        }
        if (fault instanceof EndlessHeader || fault instanceof GarbageAfterHandshake) {
            return HostileCertificates.of(config.server());
        }
        throw new IllegalStateException("unreachable: build() accepts the four hostile faults only");
    }

    /** Where the server listens. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** The fault it plays. */
    public ServerFault fault() {
        return config.fault;
    }

    /** TCP connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Application bytes the hostile behaviour has written so far (endless header, garbage). */
    public long bytesWritten() {
        return written.get();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
    }

    /** Settings of a {@link HostileTlsServer}. */
    public static final class Builder {
        private final ServerFault fault;
        private IssuedCertificate issuer;
        private IssuedCertificate server;
        private String serverName = "pbx.sip.test";
        private String bindAddress = "127.0.0.1";
        private EventLoopGroup group;

        private Builder(ServerFault fault) {
            this.fault = Objects.requireNonNull(fault, "fault");
        }

        /** The CA that issues the hostile certificates (the phone trusts its root). */
        public Builder issuer(IssuedCertificate issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /** The ordinary certificate for faults after the handshake; default: one made by {@link #issuer}. */
        public Builder server(IssuedCertificate server) {
            this.server = Objects.requireNonNull(server, "server");
            return this;
        }

        /** The name in the hostile leaf; default {@code pbx.sip.test}. */
        public Builder serverName(String name) {
            this.serverName = Objects.requireNonNull(name, "serverName");
            return this;
        }

        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address, "bindAddress");
            return this;
        }

        public Builder eventLoopGroup(EventLoopGroup group) {
            this.group = Objects.requireNonNull(group, "group");
            return this;
        }

        private IssuedCertificate server() {
            if (server == null) {
                server = io.sipshield.certs.CertificateSpec.leaf(serverName).sanDns(serverName).serverAuth()
                        .keyAlgorithm(io.sipshield.certs.KeyAlgorithm.EC_P256).issuedBy(issuer).build();
            }
            return server;
        }

        public HostileTlsServer build() {
            if (issuer == null && server == null) {
                throw new IllegalStateException("hostile server: needs issuer(...) (the CA the phone trusts) or server(...)");
            }
            if (group == null) {
                throw new IllegalStateException("hostile server: needs eventLoopGroup(...)");
            }
            if (!(fault instanceof OversizedChain || fault instanceof ManySans || fault instanceof EndlessHeader
                    || fault instanceof GarbageAfterHandshake)) {
                throw new IllegalArgumentException("hostile server: " + fault.name()
                        + " is not a hostile server fault; expected oversized-chain, many-sans, endless-header or "
                        + "garbage-after-handshake (the mock plays the connection faults)");
            }
            return new HostileTlsServer(this);
        }
    }
}
