package io.sipshield.emulator.media;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageCodec;
import io.sipshield.emulator.rtp.RtpPacket;
import io.sipshield.emulator.srtp.SrtpContext;
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
        int overhead = outbound.overhead();
        byte[] buffer = packet.encode(overhead);
        int length = outbound.protectInPlace(buffer, 0, buffer.length - overhead);
        out.add(new DatagramPacket(Unpooled.wrappedBuffer(buffer, 0, length), remote));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket datagram, List<Object> out) {
        // one copy out of the (direct) receive buffer, unprotected in place there
        byte[] bytes = ByteBufUtil.getBytes(datagram.content());
        SrtpStatus status = inbound.unprotectInPlace(bytes, 0, bytes.length);
        if (status != SrtpStatus.OK) {
            inboundStatusListener.accept(status);
            return;
        }
        RtpPacket packet;
        try {
            packet = RtpPacket.decode(bytes, 0, bytes.length - inbound.overhead());
        } catch (IllegalArgumentException e) {
            inboundStatusListener.accept(SrtpStatus.MALFORMED);
            return;
        }
        inboundStatusListener.accept(SrtpStatus.OK);
        out.add(packet);
    }
}
