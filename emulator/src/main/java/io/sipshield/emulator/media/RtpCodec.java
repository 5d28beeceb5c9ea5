package io.sipshield.emulator.media;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageCodec;
import io.sipshield.emulator.rtp.RtpPacket;
import io.sipshield.emulator.srtp.SrtpStatus;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * Plain RTP on a UDP channel (RFC 3550), for media that is not encrypted: outbound
 * {@link RtpPacket}s go to the remote media address, inbound datagrams are decoded. A datagram
 * that is not RTP is reported as {@link SrtpStatus#MALFORMED} and dropped.
 */
public final class RtpCodec extends MessageToMessageCodec<DatagramPacket, RtpPacket> {

    private final InetSocketAddress remote;
    private final Consumer<SrtpStatus> inboundStatusListener;

    public RtpCodec(InetSocketAddress remote, Consumer<SrtpStatus> inboundStatusListener) {
        this.remote = remote;
        this.inboundStatusListener = inboundStatusListener;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RtpPacket packet, List<Object> out) {
        out.add(new DatagramPacket(Unpooled.wrappedBuffer(packet.encode()), remote));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket datagram, List<Object> out) {
        RtpPacket packet;
        try {
            packet = RtpPacket.decode(ByteBufUtil.getBytes(datagram.content()));
        } catch (IllegalArgumentException e) {
            inboundStatusListener.accept(SrtpStatus.MALFORMED);
            return;
        }
        inboundStatusListener.accept(SrtpStatus.OK);
        out.add(packet);
    }
}
