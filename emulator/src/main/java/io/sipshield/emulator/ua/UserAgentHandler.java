package io.sipshield.emulator.ua;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.sipshield.emulator.sip.SipKeepAlive;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The last handler of a phone's SIP pipeline: matches responses to the requests the phone sent
 * (RFC 3261 §17.1.3: top Via branch and CSeq method), answers requests the server sends on
 * the phone's own connection (RFC 5626 persistent flow) and its CRLF keep-alive pings (RFC 5626 §4.4.1). Confined to the channel's event loop.
 */
public final class UserAgentHandler extends SimpleChannelInboundHandler<Object> {

    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final SipTrace trace;
    private final Function<Request, Response> inboundRequests;
    private final BiFunction<Request, Response, Request> non2xxAck;
    private final Duration transactionTimeout;
    private ChannelHandlerContext context;

    /** A handler whose transactions wait for ever (no Timer B or F). */
    public UserAgentHandler(SipTrace trace, Function<Request, Response> inboundRequests,
                            BiFunction<Request, Response, Request> non2xxAck) {
        this(trace, inboundRequests, non2xxAck, null);
    }

    /**
     * @param trace           where every message sent and received is recorded
     * @param inboundRequests answers a request from the server (null: no response now, e.g. for ACK, or
     *                        one sent later with {@link #respond})
     * @param non2xxAck       builds the ACK the INVITE client transaction sends for a non-2xx final
     *                        response (RFC 3261 §17.1.1.3), from the INVITE and the response
     * @param transactionTimeout how long a request waits for its final response (Timer F, RFC 3261
     *                        §17.1.2.2) or an INVITE for its first response (Timer B, §17.1.1.2) before
     *                        failing with a {@link TransactionTimeoutException}; null waits for ever
     */
    public UserAgentHandler(SipTrace trace, Function<Request, Response> inboundRequests,
                            BiFunction<Request, Response, Request> non2xxAck, Duration transactionTimeout) {
        this.trace = trace;
        this.inboundRequests = inboundRequests;
        this.non2xxAck = non2xxAck;
        this.transactionTimeout = transactionTimeout;
    }

    private static final class Pending {
        final Request request;
        final CompletableFuture<Response> response;
        ScheduledFuture<?> timer;

        Pending(Request request, CompletableFuture<Response> response) {
            this.request = request;
            this.response = response;
        }

        Request request() {
            return request;
        }

        CompletableFuture<Response> response() {
            return response;
        }

        void stopTimer() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }

    /** What closed the connection, when an exception did. */
    private volatile Throwable closedBy;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
    }

    /**
     * Sends a request and completes with its final response. Must be called on the channel's
     * event loop; ACK has no response and completes at once with null.
     */
    public CompletableFuture<Response> send(Request request) {
        CompletableFuture<Response> response = new CompletableFuture<>();
        if (!context.channel().isActive()) {
            response.completeExceptionally(closed());
            return response;
        }
        if (!Request.ACK.equals(request.getMethod())) {
            String key = key(request);
            Pending waiting = new Pending(request, response);
            pending.put(key, waiting);
            if (transactionTimeout != null) {
                waiting.timer = context.executor().schedule(() -> expire(key, waiting),
                        transactionTimeout.toNanos(), TimeUnit.NANOSECONDS);
            }
        } else {
            response.complete(null);
        }
        record(SipTrace.Direction.SENT, request);
        context.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                Pending failed = pending.remove(key(request));
                if (failed != null) {
                    failed.stopTimer();
                }
                response.completeExceptionally(f.cause());
            }
        });
        return response;
    }

    /** The INVITEs this phone sent that have no final response yet, oldest first. On the event loop only. */
    public List<Request> pendingInvites() {
        return pending.values().stream().map(Pending::request)
                .filter(request -> Request.INVITE.equals(request.getMethod())).toList();
    }

    /** Sends a response the phone decided later (an INVITE answered once its media port is bound). */
    public void respond(Response response) {
        context.channel().eventLoop().execute(() -> {
            record(SipTrace.Direction.SENT, response);
            context.writeAndFlush(response);
        });
    }

    /** Into the trace, rendered only when the trace keeps messages. */
    private void record(SipTrace.Direction direction, Object message) {
        if (trace.recording()) {
            trace.record(direction, message.toString());
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object message) {
        if (message == SipKeepAlive.PING) {
            ctx.writeAndFlush(SipKeepAlive.PONG);
        } else if (message instanceof Response response) {
            record(SipTrace.Direction.RECEIVED, response);
            if (response.getStatusCode() < 200) {
                Pending provisional = pending.get(key(response));
                if (provisional != null && Request.INVITE.equals(provisional.request().getMethod())) {
                    provisional.stopTimer(); // Timer B stops at the first response (RFC 3261 §17.1.1.2)
                }
            } else {
                Pending waiting = pending.remove(key(response));
                if (waiting == null) {
                    return;
                }
                waiting.stopTimer();
                if (response.getStatusCode() >= 300 && Request.INVITE.equals(waiting.request().getMethod())) {
                    Request ack = non2xxAck.apply(waiting.request(), response);
                    record(SipTrace.Direction.SENT, ack);
                    ctx.writeAndFlush(ack);
                }
                waiting.response().complete(response);
            }
        } else if (message instanceof Request request) {
            record(SipTrace.Direction.RECEIVED, request);
            Response answer = inboundRequests.apply(request);
            if (answer != null) {
                record(SipTrace.Direction.SENT, answer);
                ctx.writeAndFlush(answer);
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        failAll(closed());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closedBy = cause;
        failAll(cause instanceof IOException ? cause : new IOException(cause.getMessage(), cause));
        ctx.close();
    }

    /**
     * The failure of a request on a closed connection, caused by what closed it when that is known (a TLS 1.3
     * server's alert after the handshake, such as certificate_required, arrives as the first read's error).
     */
    private ClosedChannelException closed() {
        ClosedChannelException closed = new ClosedChannelException();
        if (closedBy != null) {
            closed.initCause(closedBy);
        }
        return closed;
    }

    /** A transaction's timer fired: it fails with what it waited for, unless it was answered meanwhile. */
    private void expire(String key, Pending waiting) {
        if (pending.get(key) == waiting) {
            pending.remove(key);
            waiting.timer = null;
            waiting.response().completeExceptionally(
                    new TransactionTimeoutException(waiting.request().getMethod(), transactionTimeout));
        }
    }

    /** What closed the connection, when an exception did (a reset, a TLS alert); null for an orderly close. */
    public Throwable closeCause() {
        return closedBy;
    }

    private void failAll(Throwable cause) {
        pending.values().forEach(Pending::stopTimer);
        pending.values().forEach(p -> p.response().completeExceptionally(cause));
        pending.clear();
    }

    private static String key(Message message) {
        ViaHeader via = (ViaHeader) message.getHeader(ViaHeader.NAME);
        CSeqHeader cseq = (CSeqHeader) message.getHeader(CSeqHeader.NAME);
        return (via == null ? "" : via.getBranch()) + "/" + (cseq == null ? "" : cseq.getMethod());
    }
}
