package io.sipshield.harness.mock;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.sipshield.emulator.media.ReceptionStats;
import io.sipshield.emulator.media.RtcpSession;
import io.sipshield.emulator.rtp.RtpPacket;
import java.security.SecureRandom;

/**
 * Asterisk's {@code Echo()}: each frame read from the caller is written back on the channel's
 * own RTP stream, so the payload survives while SSRC, sequence numbers and timestamps are the
 * PBX's own (and SRTP re-protects it with the PBX's key). What it hears and sends is counted for
 * the channel's RTCP reports.
 */
final class EchoHandler extends SimpleChannelInboundHandler<RtpPacket> {

    private final long ssrc;
    private int sequence;
    private long timestamp;
    private ReceptionStats heard;
    private RtcpSession rtcp;

    EchoHandler(SecureRandom random) {
        this.ssrc = random.nextInt() & 0xFFFFFFFFL;
        this.sequence = random.nextInt(0x10000);
        this.timestamp = random.nextInt() & 0xFFFFFFFFL;
    }

    /** The SSRC of the echoed stream. */
    long ssrc() {
        return ssrc;
    }

    /** Counts received and sent packets for RTCP from now on. */
    void reportTo(ReceptionStats heard, RtcpSession rtcp) {
        this.heard = heard;
        this.rtcp = rtcp;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RtpPacket packet) {
        long now = System.nanoTime();
        RtpPacket echo = new RtpPacket(packet.payloadType(), packet.marker(), sequence, timestamp, ssrc, packet.payload());
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + packet.payload().length) & 0xFFFFFFFFL;
        ctx.writeAndFlush(echo);
        if (rtcp != null) {
            heard.received(packet, now);
            rtcp.rtpSent(echo.timestamp(), echo.payload().length, now);
        }
    }
}
