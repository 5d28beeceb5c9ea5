package io.sipshield.emulator.media;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Runs an {@link RtcpSession} on a UDP channel: sends a report at a randomised interval
 * (RFC 3550 §6.3: the first after half the interval, then each between 0.5 and 1.5 times it) to
 * the peer's RTCP address, and reads what arrives. On its own port (RTP port + 1) every datagram
 * is RTCP; multiplexed on the RTP port (RFC 5761, {@code a=rtcp-mux}) it takes only RTCP packet
 * types (192-223, RFC 5761 §4) and passes RTP on down the pipeline.
 */
public final class RtcpHandler extends ChannelInboundHandlerAdapter {

    private final RtcpSession session;
    private final InetSocketAddress remote;
    private final long intervalNanos;
    private final boolean multiplexed;
    private final RandomGenerator random;
    private ChannelHandlerContext context;
    private ScheduledFuture<?> timer;
    private boolean stopped;

    RtcpHandler(RtcpSession session, InetSocketAddress remote, Duration interval, boolean multiplexed,
                RandomGenerator random) {
        this.session = session;
        this.remote = remote;
        this.intervalNanos = interval.toNanos();
        this.multiplexed = multiplexed;
        this.random = random;
    }

    /**
     * RTCP on its own port: every datagram is read as (S)RTCP, reports go to {@code remote}.
     *
     * @param interval the mean time between reports (RFC 3550 §6.2: 5 s)
     */
    public static RtcpHandler onOwnPort(RtcpSession session, InetSocketAddress remote, Duration interval) {
        return new RtcpHandler(session, remote, interval, false, new java.security.SecureRandom());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
        schedule(intervalNanos / 2);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket datagram)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (multiplexed && !isRtcp(datagram)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            session.received(ByteBufUtil.getBytes(datagram.content()), System.nanoTime());
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** RFC 5761 §4, as {@link RtcpCompound#looksLikeRtcp}, without copying the datagram. */
    private static boolean isRtcp(DatagramPacket datagram) {
        ByteBuf content = datagram.content();
        int at = content.readerIndex();
        if (content.readableBytes() < 8 || content.getUnsignedByte(at) >>> 6 != 2) {
            return false;
        }
        int type = content.getUnsignedByte(at + 1);
        return type >= 192 && type <= 223;
    }

    private void schedule(long baseNanos) {
        if (stopped || context == null) {
            return;
        }
        long delay = (long) (baseNanos * (0.5 + random.nextDouble()));
        timer = context.executor().schedule(this::tick, Math.max(1, delay), TimeUnit.NANOSECONDS);
    }

    private void tick() {
        if (stopped || !context.channel().isActive()) {
            return;
        }
        send(false);
        schedule(intervalNanos);
    }

    private ChannelFuture send(boolean bye) {
        byte[] report = session.nextReport(System.nanoTime(), bye);
        return context.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(report), remote));
    }

    /** Whether the handler is in a pipeline and still reporting. */
    boolean running() {
        return context != null && !stopped;
    }

    /** Sends a last report with BYE and stops reporting; completes when written. Call on the channel's event loop. */
    ChannelFuture bye() {
        stop();
        return send(true);
    }

    private void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
