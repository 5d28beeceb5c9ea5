package io.sipshield.harness.mock;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.sipshield.emulator.rtp.RtpPacket;
import java.security.SecureRandom;

/**
 * One direction of a bridge Dial() set up: each frame read from this leg is written to the other
 * leg's RTP channel as Asterisk writes frames to a channel, under that leg's own SSRC, sequence
 * numbers and timestamps (and so, on an SRTP leg, under that leg's key). The payload is untouched.
 */
final class RelayHandler extends SimpleChannelInboundHandler<RtpPacket> {

    private final long ssrc;
    private int sequence;
    private long timestamp;
    private volatile Channel peer;

    RelayHandler(SecureRandom random) {
        this.ssrc = random.nextInt() & 0xFFFFFFFFL;
        this.sequence = random.nextInt(0x10000);
        this.timestamp = random.nextInt() & 0xFFFFFFFFL;
    }

    /** The other leg's RTP channel, which frames from this leg go to. */
    void relayTo(Channel other) {
        this.peer = other;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RtpPacket packet) {
        Channel other = peer;
        if (other == null || !other.isActive()) {
            return;
        }
        RtpPacket relayed = new RtpPacket(packet.payloadType(), packet.marker(), sequence, timestamp, ssrc,
                packet.payload());
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + packet.payload().length) & 0xFFFFFFFFL;
        other.writeAndFlush(relayed);
    }
}
