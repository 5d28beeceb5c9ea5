package io.sipshield.harness.mock.hostile;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.sipshield.emulator.fault.EndlessHeader;
import io.sipshield.emulator.fault.GarbageAfterHandshake;
import io.sipshield.emulator.fault.ServerFault;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a hostile server does on a connection once TLS is up. For {@link GarbageAfterHandshake}: the
 * fault's random bytes at once, before any SIP. For {@link EndlessHeader}: when the first bytes of a
 * request arrive, a status line and a header line of {@code bytes} bytes that never ends (no CR, no
 * LF), written in 16 KiB pieces as the peer reads them, then silence with the connection open. For the
 * certificate faults nothing: the handshake is the attack, and whatever the phone sends is read and
 * dropped. Counts what it wrote.
 */
final class HostileBehaviour extends ChannelInboundHandlerAdapter {

    private static final int PIECE = 16 * 1024;
    private static final byte[] FILL = "x".repeat(PIECE).getBytes(StandardCharsets.US_ASCII);

    private final ServerFault fault;
    private final AtomicLong written;
    private boolean answered;
    private long endlessLeft;

    HostileBehaviour(ServerFault fault, AtomicLong written) {
        this.fault = fault;
        this.written = written;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done && done.isSuccess()
                && fault instanceof GarbageAfterHandshake garbage) {
            byte[] bytes = new byte[garbage.bytes()];
            new Random(garbage.seed()).nextBytes(bytes);
            write(ctx, Unpooled.wrappedBuffer(bytes));
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
        if (fault instanceof EndlessHeader endless && !answered) {
            answered = true;
            write(ctx, Unpooled.copiedBuffer("SIP/2.0 200 OK\r\nX-Endless: ", StandardCharsets.US_ASCII));
            endlessLeft = endless.bytes();
            writeMore(ctx);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        writeMore(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    /** The next pieces of the endless header, while the peer keeps reading. */
    private void writeMore(ChannelHandlerContext ctx) {
        while (endlessLeft > 0 && ctx.channel().isActive() && ctx.channel().isWritable()) {
            int size = (int) Math.min(PIECE, endlessLeft);
            ByteBuf piece = ctx.alloc().buffer(size).writeBytes(FILL, 0, size);
            endlessLeft -= size;
            write(ctx, piece);
        }
    }

    private void write(ChannelHandlerContext ctx, ByteBuf bytes) {
        int size = bytes.readableBytes();
        ctx.writeAndFlush(bytes).addListener(f -> {
            if (f.isSuccess()) {
                written.addAndGet(size);
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a phone that gives up is the expected outcome, not an error of the server
    }
}
