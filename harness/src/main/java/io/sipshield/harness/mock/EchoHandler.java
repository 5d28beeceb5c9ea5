package io.sipshield.harness.mock;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.sipshield.emulator.rtp.RtpPacket;
import java.security.SecureRandom;

/**
 * Asterisk's {@code Echo()}: each frame read from the caller is written back on the channel's
 * own RTP stream, so the payload survives while SSRC, sequence numbers and timestamps are the
 * PBX's own (and SRTP re-protects it with the PBX's key).
 */
final class EchoHandler extends SimpleChannelInboundHandler<RtpPacket> {

    private final long ssrc;
    private int sequence;
    private long timestamp;

    EchoHandler(SecureRandom random) {
        this.ssrc = random.nextInt() & 0xFFFFFFFFL;
        this.sequence = random.nextInt(0x10000);
        this.timestamp = random.nextInt() & 0xFFFFFFFFL;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RtpPacket packet) {
        RtpPacket echo = new RtpPacket(packet.payloadType(), packet.marker(), sequence, timestamp, ssrc, packet.payload());
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + packet.payload().length) & 0xFFFFFFFFL;
        ctx.writeAndFlush(echo);
    }
}
