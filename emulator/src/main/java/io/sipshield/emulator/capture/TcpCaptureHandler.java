package io.sipshield.emulator.capture;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Copies the raw bytes of a TCP channel, both ways, to a {@link PacketTap}. It sits at the head of
 * the pipeline, below the {@code SslHandler}, so it sees the TLS records as they go over the wire
 * (ciphertext plus the handshake in the clear), which is what a packet capture of the connection shows.
 * Writes are recorded as they are written (the TCP stream's order); opening and closing are reported
 * so the capture can show the SYN and FIN exchanges. The addresses are those of the connection once
 * active (the socket's, so they stay known after it closed); a channel without IP addresses is not tapped.
 * One per channel.
 */
public final class TcpCaptureHandler extends ChannelDuplexHandler {

    private final PacketTap tap;

    public TcpCaptureHandler(PacketTap tap) {
        this.tap = Objects.requireNonNull(tap, "tap");
    }

    private InetSocketAddress local;
    private InetSocketAddress remote;

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().localAddress() instanceof InetSocketAddress l
                && ctx.channel().remoteAddress() instanceof InetSocketAddress r) {
            local = l;
            remote = r;
            tap.opened(CaptureTaps.now(), local, remote);
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (local != null && msg instanceof ByteBuf buffer && buffer.isReadable()) {
            tap.packet(new TappedPacket(CaptureTaps.now(), local, remote, Direction.RECEIVED, Transport.TCP,
                    ByteBufUtil.getBytes(buffer)));
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (local != null && msg instanceof ByteBuf buffer && buffer.isReadable()) {
            tap.packet(new TappedPacket(CaptureTaps.now(), local, remote, Direction.SENT, Transport.TCP,
                    ByteBufUtil.getBytes(buffer)));
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (local != null) {
            tap.closed(CaptureTaps.now(), local, remote);
        }
        super.channelInactive(ctx);
    }
}
