package io.sipshield.emulator.capture;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Copies every datagram of a UDP channel, both ways, to a {@link PacketTap}. It sits at the head of
 * an RTP or RTCP pipeline, below the SRTP codec, so it sees the protected SRTP and SRTCP packets
 * as they go over the wire.
 */
public final class DatagramCaptureHandler extends ChannelDuplexHandler {

    private final PacketTap tap;

    public DatagramCaptureHandler(PacketTap tap) {
        this.tap = Objects.requireNonNull(tap, "tap");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof DatagramPacket datagram && datagram.sender() != null
                && ctx.channel().localAddress() instanceof InetSocketAddress) {
            tap.packet(new TappedPacket(CaptureTaps.now(), local(ctx, datagram.recipient()), datagram.sender(),
                    Direction.RECEIVED, Transport.UDP, ByteBufUtil.getBytes(datagram.content())));
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof DatagramPacket datagram && datagram.recipient() != null
                && ctx.channel().localAddress() instanceof InetSocketAddress) {
            tap.packet(new TappedPacket(CaptureTaps.now(), local(ctx, datagram.sender()), datagram.recipient(),
                    Direction.SENT, Transport.UDP, ByteBufUtil.getBytes(datagram.content())));
        }
        super.write(ctx, msg, promise);
    }

    /** The channel's bound address; the packet's own when the channel is bound to the wildcard address. */
    private static InetSocketAddress local(ChannelHandlerContext ctx, InetSocketAddress fromPacket) {
        InetSocketAddress bound = (InetSocketAddress) ctx.channel().localAddress();
        if (bound.getAddress().isAnyLocalAddress() && fromPacket != null) {
            return fromPacket;
        }
        return bound;
    }
}
