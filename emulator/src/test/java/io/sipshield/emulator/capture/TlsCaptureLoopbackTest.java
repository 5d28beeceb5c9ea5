package io.sipshield.emulator.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import io.sipshield.certs.CertificateSpec;
import io.sipshield.certs.IssuedCertificate;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real TLS on 127.0.0.1: the capture handler below the SslHandler sees the records as sent, and
 * the key log export hands over secrets that belong to that very handshake (the client random in
 * the key log is the one in the captured ClientHello).
 */
@Timeout(60)
class TlsCaptureLoopbackTest {

    private static EventLoopGroup group;
    private static IssuedCertificate server;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        IssuedCertificate root = CertificateSpec.root("capture test root").build();
        server = CertificateSpec.leaf("pbx.sip.test").sanDns("pbx.sip.test").serverAuth().issuedBy(root).build();
    }

    @AfterAll
    static void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void theKeyLogBelongsToTheCapturedHandshake(String protocol) throws Exception {
        RecordingTaps taps = new RecordingTaps();
        SslContext client = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL).protocols(protocol)
                .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        assertTrue(TlsKeyLogExport.install(client, taps));
        Channel listener = echoServer();
        Channel channel = connect(listener, client, taps);
        try {
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            assertTrue(tls.handshakeFuture().await(10, TimeUnit.SECONDS));
            assertNull(tls.handshakeFuture().cause());
            channel.writeAndFlush(Unpooled.wrappedBuffer("OPTIONS".getBytes())).sync();
        } finally {
            channel.close().sync();
            listener.close().sync();
        }
        String random = clientRandom(taps.packets);
        List<String> labels = taps.keyLog.stream().map(line -> line.split(" ")[0]).toList();
        if (protocol.equals("TLSv1.2")) {
            assertEquals(List.of("CLIENT_RANDOM"), labels);
        } else {
            assertTrue(labels.containsAll(List.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                    "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0")), labels::toString);
        }
        for (String line : taps.keyLog) {
            String[] fields = line.split(" ");
            assertEquals(3, fields.length, line.split(" ")[0] + ": label, client random, secret");
            assertEquals(random, fields[1], "the key log's client random is the captured ClientHello's");
            assertTrue(fields[2].matches("[0-9a-f]{64,}"), "a hex secret");
        }
        assertTrue(taps.unavailable.isEmpty());
        InetSocketAddress local = (InetSocketAddress) channel.localAddress();
        // close() completes before the pipeline hears channelInactive (fired later on the event loop)
        for (int i = 0; i < 250 && taps.events.size() < 2; i++) {
            Thread.sleep(20);
        }
        assertEquals(List.of("opened " + local + " " + listener.localAddress(),
                "closed " + local + " " + listener.localAddress()), taps.events);
        assertEquals(Direction.SENT, taps.packets.get(0).direction());
        assertTrue(taps.packets.stream().anyMatch(p -> p.direction() == Direction.RECEIVED));
        assertTrue(taps.packets.stream().allMatch(p -> p.transport() == Transport.TCP && p.local().equals(local)));
    }

    @Test
    void theJdkProviderSaysItCannotExportItsSecrets() throws Exception {
        RecordingTaps taps = new RecordingTaps();
        SslContext client = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        assertFalse(TlsKeyLogExport.install(client, taps));
        assertEquals(List.of(TlsKeyLogExport.JDK_PROVIDER), taps.unavailable);
        assertTrue(taps.keyLog.isEmpty());
    }

    /** The ClientHello's random (hex), from the first bytes the phone sent: record header 5, handshake header 4, version 2. */
    private static String clientRandom(List<TappedPacket> packets) {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        packets.stream().filter(p -> p.direction() == Direction.SENT).forEach(p -> sent.writeBytes(p.bytes()));
        byte[] bytes = sent.toByteArray();
        assertEquals(22, bytes[0], "a handshake record first");
        assertEquals(1, bytes[5], "a ClientHello");
        return HexFormat.of().formatHex(Arrays.copyOfRange(bytes, 11, 43));
    }

    private static Channel echoServer() throws Exception {
        SslContext context = SslContextBuilder.forServer(server.privateKey(), server.certificate())
                .sslProvider(SslProvider.OPENSSL).protocols("TLSv1.2", "TLSv1.3").build();
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(context.newHandler(ch.alloc()), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ctx.writeAndFlush(msg);
                            }
                        });
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    private static Channel connect(Channel listener, SslContext client, RecordingTaps taps) throws Exception {
        InetSocketAddress address = (InetSocketAddress) listener.localAddress();
        return new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("capture", new TcpCaptureHandler(taps));
                        ch.pipeline().addLast("tls", client.newHandler(ch.alloc(), "pbx.sip.test", address.getPort()));
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ReferenceCountUtil.release(msg);
                            }
                        });
                    }
                })
                .connect(address).sync().channel();
    }
}
