package io.sipshield.emulator.media.impair;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Plays a {@link PacketImpairment} on the datagrams a media port receives: the first handler of the
 * phone's RTP channel, below SRTP and below the capture tap, so everything above it (the capture,
 * SRTP, the receivers' counts, the sinks) sees the network as impaired, as a phone behind a lossy link
 * would.
 *
 * <p>Why a handler on the receiving port and not a UDP relay that the SDP points at: a call's media
 * ports are chosen per call and written into SDP by each side, so a relay would have to rewrite the
 * offer and the answer (or stand in for the PBX's port) to get in between; the handler needs neither,
 * works the same against the mock, another phone or a real Asterisk, and runs on the channel's own
 * event loop, so its decisions follow the arrival order with no thread of its own. It sees the
 * datagrams exactly where a relay would hand them over, after the kernel's socket; what it cannot
 * model is loss inside the socket buffers, which loopback does not have either.
 *
 * <p>Held packets and due replays are let out when the stream pauses for {@link #DEFAULT_FLUSH_AFTER}
 * (no packet arrives), so the last packets of a call are not lost by the impairment itself.
 */
public final class MediaImpairmentHandler extends ChannelInboundHandlerAdapter {

    /**
     * How long the stream must pause before held packets are let out: five 20 ms frames. [GUESS] any
     * pause longer than the frame interval works; 100 ms keeps a held packet inside a talkspurt.
     */
    public static final Duration DEFAULT_FLUSH_AFTER = Duration.ofMillis(100);

    private final PacketImpairment impairment;
    private final long flushAfterNanos;
    private ChannelHandlerContext context;
    private InetSocketAddress sender;
    private InetSocketAddress recipient;
    private ScheduledFuture<?> flush;

    public MediaImpairmentHandler(PacketImpairment impairment) {
        this(impairment, DEFAULT_FLUSH_AFTER);
    }

    public MediaImpairmentHandler(PacketImpairment impairment, Duration flushAfter) {
        this.impairment = Objects.requireNonNull(impairment, "impairment");
        if (flushAfter.isNegative() || flushAfter.isZero()) {
            throw new IllegalArgumentException("flushAfter: expected a positive pause, got " + flushAfter);
        }
        this.flushAfterNanos = flushAfter.toNanos();
    }

    /** What the impairment has done so far. Any thread. */
    public ImpairmentTally tally() {
        return impairment.tally();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket datagram)) {
            ctx.fireChannelRead(msg);
            return;
        }
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(datagram.content());
            sender = datagram.sender();
            recipient = datagram.recipient();
        } finally {
            datagram.release();
        }
        if (flush != null) {
            flush.cancel(false);
            flush = null;
        }
        impairment.arrive(bytes, this::deliver);
        if (impairment.holding()) {
            flush = ctx.executor().schedule(this::flushHeld, flushAfterNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void flushHeld() {
        flush = null;
        if (context.channel().isActive()) {
            impairment.flush(this::deliver);
        }
    }

    private void deliver(byte[] bytes) {
        context.fireChannelRead(new DatagramPacket(Unpooled.wrappedBuffer(bytes), recipient, sender));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (flush != null) {
            flush.cancel(false);
            flush = null;
        }
        ctx.fireChannelInactive();
    }
}
