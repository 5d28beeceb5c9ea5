package io.sipshield.emulator.sip;

import gov.nist.javax.sip.message.SIPMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;

/**
 * Converts between framed SIP messages and JAIN-SIP {@link Message}s (RFC 3261 §7).
 *
 * <p>Inbound, each {@link ByteBuf} from {@link SipFrameDecoder} is parsed by JAIN-SIP's
 * {@code StringMsgParser} with a listener that rethrows, so a header JAIN-SIP cannot parse is a
 * {@link SipParseException} naming the line, never a silently dropped header. Outbound, a message
 * is encoded with {@code SIPMessage.encodeAsBytes}, keeping the transport its top Via names.
 *
 * <p>{@link SipKeepAlive} values pass through inbound untouched; outbound they are written as
 * their bytes ({@code "\r\n\r\n"} for a ping, {@code "\r\n"} for a pong).
 */
public final class SipMessageCodec extends MessageToMessageCodec<ByteBuf, Message> {

    private final SipMessageParser parser = new SipMessageParser();

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(parser.parse(ByteBufUtil.getBytes(frame)));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Message message, List<Object> out) {
        out.add(Unpooled.wrappedBuffer(encode(message)));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof SipKeepAlive keepAlive) {
            ctx.write(Unpooled.copiedBuffer(keepAlive.wire(), StandardCharsets.US_ASCII), promise);
        } else {
            super.write(ctx, msg, promise);
        }
    }

    /**
     * The wire form of a message. JAIN-SIP's {@code encodeAsBytes(transport)} overwrites the top
     * Via's transport with its argument, so it is given the transport the Via already names: the
     * message goes out exactly as it was built.
     */
    static byte[] encode(Message message) {
        if (!(message instanceof SIPMessage sip)) {
            throw new EncoderException("cannot encode " + message.getClass().getName()
                    + ": expected a JAIN-SIP reference implementation message (gov.nist.javax.sip.message.SIPMessage)");
        }
        if (sip.getHeader(ViaHeader.NAME) instanceof ViaHeader via) {
            return sip.encodeAsBytes(via.getTransport());
        }
        return sip.encode().getBytes(StandardCharsets.UTF_8);
    }
}
