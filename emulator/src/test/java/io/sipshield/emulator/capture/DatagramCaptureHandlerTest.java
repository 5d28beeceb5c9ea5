package io.sipshield.emulator.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real UDP on 127.0.0.1: the handler at the head of the pipeline sees each datagram both ways, untouched. */
@Timeout(30)
class DatagramCaptureHandlerTest {

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterAll
    static void stop() {
        GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void recordsWhatIsSentAndReceivedAndPassesItOn() throws Exception {
        RecordingTaps taps = new RecordingTaps();
        BlockingQueue<byte[]> delivered = new LinkedBlockingQueue<>();
        Channel phone = new Bootstrap().group(GROUP).channel(NioDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
                        delivered.add(ByteBufUtil.getBytes(msg.content()));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        phone.pipeline().addFirst("capture", new DatagramCaptureHandler(taps));
        BlockingQueue<DatagramPacket> atPeer = new LinkedBlockingQueue<>();
        Channel peer = new Bootstrap().group(GROUP).channel(NioDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
                        atPeer.add(msg.retain());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        try {
            InetSocketAddress phoneAddress = (InetSocketAddress) phone.localAddress();
            InetSocketAddress peerAddress = (InetSocketAddress) peer.localAddress();
            byte[] srtp = {(byte) 0x80, 0, 0, 1, 9, 9};
            phone.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(srtp), peerAddress)).sync();
            DatagramPacket arrived = atPeer.poll(5, TimeUnit.SECONDS);
            ByteBuf echoed = arrived.content();
            peer.writeAndFlush(new DatagramPacket(echoed, phoneAddress)).sync();
            assertArrayEquals(srtp, delivered.poll(5, TimeUnit.SECONDS), "the datagram goes on up the pipeline");

            assertEquals(2, taps.packets.size());
            TappedPacket sent = taps.packets.get(0);
            TappedPacket received = taps.packets.get(1);
            assertEquals(Direction.SENT, sent.direction());
            assertEquals(phoneAddress, sent.source());
            assertEquals(peerAddress, sent.destination());
            assertEquals(Transport.UDP, sent.transport());
            assertArrayEquals(srtp, sent.bytes());
            assertEquals(Direction.RECEIVED, received.direction());
            assertEquals(peerAddress, received.source());
            assertEquals(phoneAddress, received.destination());
            assertArrayEquals(srtp, received.bytes());
            assertTrue(taps.events.isEmpty(), "UDP has no connection to open or close");
        } finally {
            phone.close().sync();
            peer.close().sync();
        }
    }
}
