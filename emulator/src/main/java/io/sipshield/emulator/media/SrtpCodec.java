package io.sipshield.emulator.media;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageCodec;
import io.sipshield.emulator.rtp.RtpPacket;
import io.sipshield.emulator.srtp.SrtpContext;
import io.sipshield.emulator.srtp.SrtpResult;
import io.sipshield.emulator.srtp.SrtpStatus;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * SRTP on a UDP channel (RFC 3711): outbound {@link RtpPacket}s are protected with the local
 * key and sent to the remote media address; inbound datagrams are unprotected with the remote
 * key and passed on as {@link RtpPacket}s. Packets that fail (authentication, replay, malformed)
 * are counted by the context, reported to a listener, and never passed on (never played).
 */
public final class SrtpCodec extends MessageToMessageCodec<DatagramPacket, RtpPacket> {

    private final SrtpContext outbound;
    private final SrtpContext inbound;
    private final InetSocketAddress remote;
    private final Consumer<SrtpStatus> inboundStatusListener;

    public SrtpCodec(SrtpContext outbound, SrtpContext inbound, InetSocketAddress remote,
                     Consumer<SrtpStatus> inboundStatusListener) {
        this.outbound = outbound;
        this.inbound = inbound;
        this.remote = remote;
        this.inboundStatusListener = inboundStatusListener;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RtpPacket packet, List<Object> out) {
        byte[] protectedPacket = outbound.protect(packet.encode());
        out.add(new DatagramPacket(Unpooled.wrappedBuffer(protectedPacket), remote));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket datagram, List<Object> out) {
        ByteBuf content = datagram.content();
        SrtpResult result = inbound.unprotect(ByteBufUtil.getBytes(content));
        if (result.status() != SrtpStatus.OK) {
            inboundStatusListener.accept(result.status());
            return;
        }
        RtpPacket packet;
        try {
            packet = RtpPacket.decode(result.rtpPacket());
        } catch (IllegalArgumentException e) {
            inboundStatusListener.accept(SrtpStatus.MALFORMED);
            return;
        }
        inboundStatusListener.accept(SrtpStatus.OK);
        out.add(packet);
    }
}
