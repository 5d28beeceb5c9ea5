package io.sipshield.harness.mock;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.sipshield.emulator.sip.SipFrameDecoder;
import io.sipshield.emulator.sip.SipMessages;
import io.sipshield.emulator.sip.SipParseException;
import io.sipshield.emulator.sip.TooLongSipMessageException;
import java.util.Optional;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Answers a request larger than the {@link SipFrameDecoder}'s limit with
 * {@code 513 Message Too Large} (RFC 3261 §21.5.14) and keeps the connection: the decoder has
 * skipped the message's bytes, so the next message is read as usual.
 *
 * <p>It answers only when the decoder knew the message's size from a complete header section
 * ({@link TooLongSipMessageException#headerSection()}) and that section parses as a request; an
 * ACK gets no response (RFC 3261 §17.1.1.3) and is dropped. Anything else (a header section that
 * never ends, an oversized response, an unparseable one) is passed on, and the PBX handler closes
 * the connection as before.
 *
 * <p>[GUESS] Asterisk's PJSIP stack is not confirmed to send 513 on TLS: its transport drops data
 * that overflows its receive buffer (PJSIP_MAX_PKT_LEN). The mock follows RFC 3261 here so that a
 * phone's handling of 513 can be tested.
 */
final class OversizedMessageResponder extends ChannelInboundHandlerAdapter {

    static final int MESSAGE_TOO_LARGE = 513;

    private final SipMessages messages = new SipMessages();
    private final PbxLog.Writer log;

    /** @param log the mock's log */
    OversizedMessageResponder(PbxLog log) {
        this.log = log.writer(OversizedMessageResponder.class);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Optional<Request> request = cause instanceof TooLongSipMessageException tooLong
                ? tooLong.headerSection().flatMap(this::request) : Optional.empty();
        if (request.isEmpty()) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        if (Request.ACK.equals(request.get().getMethod())) {
            log.info("{}: {}; an ACK gets no response", ctx.channel().remoteAddress(), cause.getMessage());
            return;
        }
        boolean inDialog = ((ToHeader) request.get().getHeader(ToHeader.NAME)).getTag() != null;
        Response response = messages.response(MESSAGE_TOO_LARGE, request.get(), inDialog ? null : messages.newTag());
        log.info("{}: {}; answered 513", ctx.channel().remoteAddress(), cause.getMessage());
        ctx.writeAndFlush(response);
    }

    private Optional<Request> request(byte[] headerSection) {
        try {
            if (messages.parseHeaderSection(headerSection) instanceof Request request) {
                return Optional.of(request);
            }
        } catch (SipParseException e) {
            log.debug("oversized message not answered: {}", e.getMessage());
        }
        return Optional.empty();
    }
}
