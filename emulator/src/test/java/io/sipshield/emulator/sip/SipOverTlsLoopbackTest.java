package io.sipshield.emulator.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.Future;
import io.sipshield.certs.CertificateSpec;
import io.sipshield.certs.IssuedCertificate;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SIP over a real TLS connection on 127.0.0.1: a BoringSSL server and a client on either TLS
 * provider, each with the pipeline {@code SslHandler → SipFrameDecoder → SipMessageCodec → handler}.
 */
@Tag("slow")
@Timeout(60)
class SipOverTlsLoopbackTest {

    private static final String SERVER_NAME = "pbx.sip.test";
    private static final long WAIT_SECONDS = 10;

    private static EventLoopGroup group;
    private static IssuedCertificate root;
    private static IssuedCertificate pbx;

    private final SipMessages sip = new SipMessages();

    @BeforeAll
    static void start() {
        assertTrue(OpenSsl.isAvailable(), () -> "BoringSSL from netty-tcnative must load: " + OpenSsl.unavailabilityCause());
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        root = CertificateSpec.root("sipshield test root").build();
        pbx = CertificateSpec.leaf(SERVER_NAME).sanDns(SERVER_NAME).sanIp("127.0.0.1").serverAuth()
                .issuedBy(root).build();
    }

    @AfterAll
    static void stop() {
        if (group != null) {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @ParameterizedTest(name = "client on {0}")
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void serverReceivesExactlyTheMessagesSentWhateverTheRecordBoundaries(SslProvider clientProvider) throws Exception {
        BlockingQueue<Object> atServer = new LinkedBlockingQueue<>();
        BlockingQueue<Object> atClient = new LinkedBlockingQueue<>();
        Channel server = startServer(atServer);
        Channel client = connect(server, clientProvider, SERVER_NAME, atClient);
        try {
            assertTrue(client.pipeline().get(SslHandler.class).handshakeFuture().await(WAIT_SECONDS, TimeUnit.SECONDS));
            assertNull(client.pipeline().get(SslHandler.class).handshakeFuture().cause());

            byte[] invite = AsteriskTrace.message(AsteriskTrace.INVITE_AUTHORIZED);
            int body = new String(invite, StandardCharsets.UTF_8).indexOf("\r\n\r\n") + 4;
            for (byte[] piece : cut(invite, 7, 120, body - 3, body + 50, invite.length - 1)) {
                client.writeAndFlush(Unpooled.wrappedBuffer(piece)).sync(); // one TLS record (or more) per piece
            }
            List<byte[]> trace = AsteriskTrace.messages();
            ByteArrayOutputStream coalesced = new ByteArrayOutputStream();
            trace.forEach(coalesced::writeBytes);
            assertTrue(coalesced.size() < 16_384, "the whole trace fits in one TLS record");
            client.writeAndFlush(Unpooled.wrappedBuffer(coalesced.toByteArray())).sync();

            assertSameMessage(invite, take(atServer));
            for (byte[] message : trace) {
                assertSameMessage(message, take(atServer));
            }

            client.writeAndFlush(SipKeepAlive.PING).sync();
            assertSame(SipKeepAlive.PING, take(atServer));
            assertSame(SipKeepAlive.PONG, take(atClient), "the server's pong comes back as a value");

            Request options = sip.request(Request.OPTIONS, "sip:" + SERVER_NAME + ";transport=tls")
                    .from("sip:101@" + SERVER_NAME).to("sip:" + SERVER_NAME).via("127.0.0.1", 15061).build();
            client.writeAndFlush(options).sync();
            Request received = assertInstanceOf(Request.class, take(atServer));
            assertEquals(sip.headerValue(options, "Call-ID"), sip.headerValue(received, "Call-ID"));
            Response ok = assertInstanceOf(Response.class, take(atClient));
            assertEquals(200, ok.getStatusCode());
            assertEquals(sip.headerValue(options, "Via"), sip.headerValue(ok, "Via"));

            assertTrue(atServer.isEmpty(), () -> "unexpected at the server: " + atServer);
        } finally {
            client.close().sync();
            server.close().sync();
        }
    }

    @ParameterizedTest(name = "client on {0}")
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void clientChecksTheServerName(SslProvider clientProvider) throws Exception {
        BlockingQueue<Object> atServer = new LinkedBlockingQueue<>();
        Channel server = startServer(atServer);
        Channel client = connect(server, clientProvider, "other.sip.test", new LinkedBlockingQueue<>());
        try {
            Future<Channel> handshake = client.pipeline().get(SslHandler.class).handshakeFuture();
            assertTrue(handshake.await(WAIT_SECONDS, TimeUnit.SECONDS));
            assertFalse(handshake.isSuccess(), "a certificate for pbx.sip.test must not pass for other.sip.test");
            assertInstanceOf(SSLHandshakeException.class, handshake.cause());
        } finally {
            client.close().sync();
            server.close().sync();
        }
    }

    private Channel startServer(BlockingQueue<Object> received) throws Exception {
        SslContext context = SslContextBuilder.forServer(pbx.privateKey(), pbx.chainWithoutRoot())
                .sslProvider(SslProvider.OPENSSL).build();
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(pipeline(ch -> context.newHandler(ch.alloc()), received))
                .bind("127.0.0.1", 0).sync().channel();
    }

    private Channel connect(Channel server, SslProvider provider, String serverName, BlockingQueue<Object> received)
            throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("sipshield-root", root.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SslContext context = SslContextBuilder.forClient().sslProvider(provider).trustManager(trust)
                .endpointIdentificationAlgorithm("HTTPS").build();
        InetSocketAddress address = (InetSocketAddress) server.localAddress();
        return new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(pipeline(ch -> context.newHandler(ch.alloc(), serverName, address.getPort()), received))
                .connect(address).sync().channel();
    }

    private ChannelInitializer<SocketChannel> pipeline(Function<SocketChannel, SslHandler> tls,
                                                       BlockingQueue<Object> received) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(tls.apply(ch), new SipFrameDecoder(), new SipMessageCodec(),
                        new Recorder(received, sip));
            }
        };
    }

    /** Queues what arrives; answers a ping with a pong and an OPTIONS with 200. */
    private static final class Recorder extends ChannelInboundHandlerAdapter {
        private final BlockingQueue<Object> received;
        private final SipMessages sip;

        Recorder(BlockingQueue<Object> received, SipMessages sip) {
            this.received = received;
            this.sip = sip;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            received.add(msg);
            if (msg == SipKeepAlive.PING) {
                ctx.writeAndFlush(SipKeepAlive.PONG);
            } else if (msg instanceof Request request && request.getMethod().equals(Request.OPTIONS)) {
                ctx.writeAndFlush(sip.response(Response.OK, request, sip.newTag()));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            received.add(cause);
        }
    }

    private void assertSameMessage(byte[] sent, Object received) {
        Message message = assertInstanceOf(Message.class, received);
        Message expected = sip.parse(new String(sent, StandardCharsets.UTF_8));
        assertEquals(new String(SipMessageCodec.encode(expected), StandardCharsets.UTF_8),
                new String(SipMessageCodec.encode(message), StandardCharsets.UTF_8));
    }

    private static Object take(BlockingQueue<Object> queue) throws InterruptedException {
        Object next = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(next, "nothing arrived within " + WAIT_SECONDS + " s");
        if (next instanceof Throwable failure) {
            throw new AssertionError("the pipeline failed: " + failure, failure);
        }
        return next;
    }

    private static List<byte[]> cut(byte[] bytes, int... points) {
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        for (int point : points) {
            pieces.add(Arrays.copyOfRange(bytes, from, point));
            from = point;
        }
        pieces.add(Arrays.copyOfRange(bytes, from, bytes.length));
        return pieces;
    }
}
