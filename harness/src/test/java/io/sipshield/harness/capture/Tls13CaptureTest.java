package io.sipshield.harness.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.emulator.capture.TcpCaptureHandler;
import io.sipshield.emulator.capture.TlsKeyLogExport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.3 on BoringSSL (no phone profile offers it yet): its five key log lines in the DSB are
 * enough for tshark to read the SIP both ways.
 */
@Tag("slow")
@Timeout(60)
class Tls13CaptureTest {

    private static final String OPTIONS = "OPTIONS sip:pbx.sip.test SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS 127.0.0.1:5070;branch=z9hG4bK-1\r\nMax-Forwards: 70\r\n"
            + "From: <sip:101@pbx.sip.test>;tag=1\r\nTo: <sip:pbx.sip.test>\r\nCall-ID: tls13@sipshield\r\n"
            + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    @TempDir
    Path dir;

    @Test
    void tsharkDecryptsTls13WithTheSecretsBlock() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ScenarioCapture capture = new ScenarioCapture();
        try {
            IssuedCertificate pbx = FixtureCatalog.create().get(FixtureName.PBX_SERVER);
            SslContext serverTls = SslContextBuilder.forServer(pbx.privateKey(), pbx.chainWithoutRoot())
                    .sslProvider(SslProvider.OPENSSL).protocols("TLSv1.3").build();
            Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(serverTls.newHandler(ch.alloc()), new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    ctx.writeAndFlush(msg); // echo
                                }
                            });
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            SslContext clientTls = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL).protocols("TLSv1.3")
                    .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
            assertTrue(TlsKeyLogExport.install(clientTls, capture));
            CountDownLatch echoed = new CountDownLatch(1);
            InetSocketAddress address = (InetSocketAddress) listener.localAddress();
            Channel client = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new TcpCaptureHandler(capture),
                                    clientTls.newHandler(ch.alloc(), "pbx.sip.test", address.getPort()),
                                    new ChannelInboundHandlerAdapter() {
                                        @Override
                                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                            ReferenceCountUtil.release(msg);
                                            echoed.countDown();
                                        }
                                    });
                        }
                    }).connect(address).sync().channel();
            SslHandler tls = client.pipeline().get(SslHandler.class);
            assertTrue(tls.handshakeFuture().await(10, TimeUnit.SECONDS));
            assertNull(tls.handshakeFuture().cause());
            assertEquals("TLSv1.3", tls.engine().getSession().getProtocol());
            client.writeAndFlush(Unpooled.copiedBuffer(OPTIONS, StandardCharsets.US_ASCII)).sync();
            assertTrue(echoed.await(10, TimeUnit.SECONDS));
            client.close().sync();
            listener.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        CaptureContents contents = capture.contents();
        assertTrue(contents.keyLog().stream().anyMatch(line -> line.startsWith("CLIENT_TRAFFIC_SECRET_0 ")),
                contents.keyLog().stream().map(line -> line.split(" ")[0]).toList()::toString);
        WrittenCapture written = new CaptureDirectory(dir).write(Path.of("tls13.yaml"), contents);
        List<String> arguments = new ArrayList<>(List.of("-n", "-r", written.pcapng().toString()));
        arguments.addAll(List.of(CaptureDirectory.decodeAs(written.decodeAsPorts()).split(" ")));
        arguments.addAll(List.of("-Y", "sip", "-T", "fields", "-e", "sip.Method", "-e", "ip.src", "-e", "tls.record.version"));
        List<String> sip = Tshark.run(arguments.toArray(String[]::new));
        assertEquals(2, sip.size(), () -> "the OPTIONS sent and its echo: " + sip);
        assertTrue(sip.stream().allMatch(line -> line.startsWith("OPTIONS\t127.0.0.1")), sip::toString);
    }
}
