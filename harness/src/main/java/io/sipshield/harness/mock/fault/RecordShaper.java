package io.sipshield.harness.mock.fault;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Plays {@link io.sipshield.emulator.fault.TinyRecords}: sits just above the {@code SslHandler} and
 * cuts every plaintext buffer written to it into slices of at most {@code recordBytes} bytes, each
 * written and flushed on its own. Netty's {@code SslHandler} wraps everything pending at a flush
 * together (up to 16 KiB per record), so a flush per slice is what makes one TLS record per slice.
 * Confined to the connection's event loop.
 */
final class RecordShaper extends ChannelOutboundHandlerAdapter {

    private final int recordBytes;

    RecordShaper(int recordBytes) {
        if (recordBytes < 1) {
            throw new IllegalArgumentException("recordBytes must be at least 1, was " + recordBytes);
        }
        this.recordBytes = recordBytes;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf bytes) || bytes.readableBytes() <= recordBytes) {
            ctx.write(msg, promise);
            return;
        }
        try {
            while (bytes.readableBytes() > recordBytes) {
                ctx.write(bytes.readRetainedSlice(recordBytes));
                ctx.flush();
            }
            ctx.write(bytes.readRetainedSlice(bytes.readableBytes()), promise);
        } finally {
            bytes.release();
        }
    }
}
