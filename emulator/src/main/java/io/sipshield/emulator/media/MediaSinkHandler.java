package io.sipshield.emulator.media;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.sipshield.emulator.rtp.RtpPacket;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** The end of the media pipeline: hands every received RTP packet to each {@link MediaSink}, stamped with its arrival time. */
final class MediaSinkHandler extends SimpleChannelInboundHandler<RtpPacket> {

    private final List<MediaSink> sinks = new CopyOnWriteArrayList<>();

    MediaSinkHandler(List<MediaSink> initial) {
        sinks.addAll(initial);
    }

    /** Adds a sink; it sees the packets that arrive from now on. Any thread. */
    void add(MediaSink sink) {
        sinks.add(Objects.requireNonNull(sink, "sink"));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RtpPacket packet) {
        long now = System.nanoTime();
        for (MediaSink sink : sinks) {
            sink.received(packet, now);
        }
    }
}
