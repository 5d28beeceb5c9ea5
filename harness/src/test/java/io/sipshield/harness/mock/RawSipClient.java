package io.sipshield.harness.mock;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.sipshield.emulator.sip.SipFrameDecoder;
import io.sipshield.emulator.sip.SipMessageCodec;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** A bare SIP-over-TLS client for tests that need requests no phone sends on its own (CANCEL, a stray BYE). */
final class RawSipClient implements AutoCloseable {

    private final Channel channel;
    private final BlockingQueue<Response> responses = new LinkedBlockingQueue<>();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

    RawSipClient(InetSocketAddress server, EventLoopGroup group) throws SSLException {
        SslContext tls = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE)
                .protocols("TLSv1.2").build();
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()), new SipFrameDecoder(), new SipMessageCodec(),
                                new SimpleChannelInboundHandler<Object>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, Object message) {
                                        if (message instanceof Response response) {
                                            responses.add(response);
                                        } else if (message instanceof Request request) {
                                            requests.add(request);
                                        }
                                    }
                                });
                    }
                })
                .connect(server).syncUninterruptibly().channel();
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    void send(Object request) {
        channel.writeAndFlush(request).syncUninterruptibly();
    }

    /** The next response, failing the test when none comes in time. */
    Response next() throws InterruptedException {
        Response response = responses.poll(5, TimeUnit.SECONDS);
        if (response == null) {
            throw new AssertionError("no response within 5 s");
        }
        return response;
    }

    /** The next response, or null when none comes within the time. */
    Response poll(long millis) throws InterruptedException {
        return responses.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The next request the server sent (a BYE from the mock), or null when none comes within the time. */
    Request pollRequest(long millis) throws InterruptedException {
        return requests.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Whether the server closed the connection within the time. */
    boolean awaitClosed(long millis) {
        return channel.closeFuture().awaitUninterruptibly(millis);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
