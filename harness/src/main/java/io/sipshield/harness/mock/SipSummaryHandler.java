package io.sipshield.harness.mock;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import javax.net.ssl.SSLSession;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Reports every SIP message that passes, either way, as a {@link SipMessageSummary}; passes the
 * messages on untouched. Sits between the SIP codec and the PBX, so it sees what the PBX reads and
 * everything written towards the phone on this connection (responses, qualify OPTIONS, Dial()'s INVITE).
 */
final class SipSummaryHandler extends ChannelDuplexHandler {

    private final Consumer<SipMessageSummary> listener;

    SipSummaryHandler(Consumer<SipMessageSummary> listener) {
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Message message) {
            report(ctx, SipMessageSummary.Direction.RECEIVED, message);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Message message) {
            report(ctx, SipMessageSummary.Direction.SENT, message);
        }
        ctx.write(msg, promise);
    }

    private void report(ChannelHandlerContext ctx, SipMessageSummary.Direction direction, Message message) {
        String firstLine = message instanceof Request request
                ? request.getMethod() + " " + request.getRequestURI()
                : "SIP/2.0 " + ((Response) message).getStatusCode() + " " + ((Response) message).getReasonPhrase();
        CSeqHeader cseq = (CSeqHeader) message.getHeader(CSeqHeader.NAME);
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        SSLSession session = tls == null ? null : tls.engine().getSession();
        InetSocketAddress remote = ctx.channel().remoteAddress() instanceof InetSocketAddress address ? address : null;
        listener.accept(new SipMessageSummary(direction, remote, firstLine,
                cseq == null ? null : cseq.getSeqNumber() + " " + cseq.getMethod(),
                session == null ? null : session.getProtocol(), session == null ? null : session.getCipherSuite()));
    }
}
