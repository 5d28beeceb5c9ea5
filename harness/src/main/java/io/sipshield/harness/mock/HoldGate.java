package io.sipshield.harness.mock;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The head of one call leg's RTP channel while the phone on that leg holds the call: closed, it
 * drops every datagram the mock would send to the phone and every one the phone sends.
 *
 * <p>Outbound: res_pjsip_sdp_rtp.c ({@code apply_negotiated_sdp_stream}) answers a re-INVITE whose
 * stream is {@code sendonly} or {@code inactive} (or has a null address) with
 * {@code ast_queue_hold(channel, mohsuggest)} and {@code ast_rtp_instance_stop}, which clears the
 * RTP instance's remote address, so nothing more is sent to the holder; Echo() and the generators
 * keep writing into a stopped instance. A later {@code sendrecv} offer sets the remote address again
 * and queues unhold. Inbound: in a bridge the other party would hear music on hold
 * (AST_CONTROL_HOLD, chan_pjsip starts MOH with the endpoint's mohsuggest class); the mock has no
 * MOH and plays nothing instead, so what the holder still sends is dropped. [GUESS] silence for
 * MOH. Any thread.
 */
final class HoldGate extends ChannelDuplexHandler {

    private volatile boolean closed;
    private final AtomicLong dropped = new AtomicLong();

    /** Closes (held) or opens (resumed) the gate. */
    void held(boolean held) {
        this.closed = held;
    }

    boolean held() {
        return closed;
    }

    /** Datagrams dropped so far, both ways. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closed) {
            dropped.incrementAndGet();
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (closed) {
            dropped.incrementAndGet();
            ReferenceCountUtil.release(msg);
            promise.trySuccess();
            return;
        }
        ctx.write(msg, promise);
    }
}
