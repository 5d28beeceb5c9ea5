package io.sipshield.harness.mock.fault;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A bare SIP-over-TLS client that counts the TLS application_data records the server sends (read off
 * the wire below its SslHandler) and the plaintext bytes they carried (counted above it), so a test
 * can see how the server cut its messages into records.
 */
final class RecordCountingClient implements AutoCloseable {

    private final Channel channel;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final AtomicInteger applicationRecords = new AtomicInteger();
    private final AtomicLong plaintextBytes = new AtomicLong();

    RecordCountingClient(InetSocketAddress server, EventLoopGroup group) throws SSLException {
        SslContext tls = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE)
                .protocols("TLSv1.2").build();
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new RecordHeaderReader(), tls.newHandler(ch.alloc()),
                                new ChannelInboundHandlerAdapter() {
                                    @Override
                                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                        plaintextBytes.addAndGet(((ByteBuf) msg).readableBytes());
                                        ctx.fireChannelRead(msg);
                                    }
                                },
                                new SipFrameDecoder(), new SipMessageCodec(),
                                new SimpleChannelInboundHandler<Object>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, Object message) {
                                        received.add(message);
                                    }
                                });
                    }
                })
                .connect(server).syncUninterruptibly().channel();
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    void send(Object message) {
        channel.writeAndFlush(message).syncUninterruptibly();
    }

    BlockingQueue<Object> received() {
        return received;
    }

    Response nextResponse(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            Object message = received.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (message instanceof Response response) {
                return response;
            }
        }
        return null;
    }

    Request nextRequest(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            Object message = received.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (message instanceof Request request) {
                return request;
            }
        }
        return null;
    }

    /** Application-data records received so far. */
    int applicationRecords() {
        return applicationRecords.get();
    }

    /** Plaintext bytes those records carried. */
    long plaintextBytes() {
        return plaintextBytes.get();
    }

    void resetCounts() {
        channel.eventLoop().submit(() -> {
            applicationRecords.set(0);
            plaintextBytes.set(0);
        }).syncUninterruptibly();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    /** Walks the TLS record headers (RFC 5246 §6.2.1: type, version, 2-byte length) across reads. */
    private final class RecordHeaderReader extends ChannelInboundHandlerAdapter {
        private final byte[] header = new byte[5];
        private int headerRead;
        private int bodyLeft;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            int index = bytes.readerIndex();
            int end = bytes.writerIndex();
            while (index < end) {
                if (bodyLeft > 0) {
                    int skip = Math.min(bodyLeft, end - index);
                    bodyLeft -= skip;
                    index += skip;
                    continue;
                }
                header[headerRead++] = bytes.getByte(index++);
                if (headerRead == 5) {
                    headerRead = 0;
                    bodyLeft = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
                    if (header[0] == 23) {
                        applicationRecords.incrementAndGet();
                    }
                }
            }
            ctx.fireChannelRead(msg);
        }
    }
}
