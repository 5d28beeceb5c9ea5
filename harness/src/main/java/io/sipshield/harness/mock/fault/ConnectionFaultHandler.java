package io.sipshield.harness.mock.fault;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.sipshield.emulator.fault.CloseConnection;
import io.sipshield.emulator.fault.CoalescedMessages;
import io.sipshield.emulator.fault.FaultMoment;
import io.sipshield.emulator.fault.Stall;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Plays the moment-driven connection faults on one connection: {@link CloseConnection} (close with
 * close_notify and FIN, or abort with a TCP RST), {@link Stall} (read everything, send nothing) and
 * {@link CoalescedMessages} (many OPTIONS written as one buffer, so TLS puts them in as few records as it
 * can). It sits between the SIP codec and the PBX, so it sees the messages as they are read and as the
 * PBX answers them, and knows the {@link FaultMoment}s:
 *
 * <ul>
 *   <li>{@code after-handshake}: the TLS handshake succeeded;</li>
 *   <li>{@code on-register} / {@code on-invite}: a REGISTER / a new INVITE was read; a close fault
 *       drops it unanswered (the phone is mid-transaction), a stall lets the PBX see it;</li>
 *   <li>{@code after-register}: a 200 to a REGISTER was written;</li>
 *   <li>{@code in-call}: a 2xx to an INVITE was written (the call is up).</li>
 * </ul>
 *
 * A moment counts once per connection. Confined to the connection's event loop.
 */
final class ConnectionFaultHandler extends ChannelDuplexHandler {

    /** Call-IDs of the coalesced OPTIONS start with this, so their answers are told apart. */
    static final String COALESCED_CALL_ID = "sipshield-coalesced-";

    private final ServerFaults faults;
    private final Set<FaultMoment> reached = EnumSet.noneOf(FaultMoment.class);
    private boolean stalledForever;
    private long stalledUntilNanos;
    private boolean closing;
    private String registeredContact;
    private boolean coalescedDone;

    ConnectionFaultHandler(ServerFaults faults) {
        this.faults = faults;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls != null) {
            tls.handshakeFuture().addListener(done -> {
                if (done.isSuccess()) {
                    ctx.executor().execute(() -> reach(ctx, FaultMoment.AFTER_HANDSHAKE));
                }
            });
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Response response && isCoalescedAnswer(response)) {
            if (response.getStatusCode() >= 200) {
                faults.journal().addCoalescedAnswer();
            }
            return;
        }
        if (msg instanceof Request request) {
            if (Request.REGISTER.equals(request.getMethod())) {
                rememberContact(request);
                if (reach(ctx, FaultMoment.ON_REGISTER) || closing) {
                    return;
                }
            } else if (Request.INVITE.equals(request.getMethod())
                    && ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() == null) {
                if (reach(ctx, FaultMoment.ON_INVITE) || closing) {
                    return;
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (stalled()) {
            ReferenceCountUtil.release(msg);
            promise.trySuccess(); // the server "sent" it into the void: nothing reaches the phone
            return;
        }
        FaultMoment after = null;
        if (msg instanceof Response response && response.getStatusCode() >= 200 && response.getStatusCode() < 300
                && response.getHeader(CSeqHeader.NAME) instanceof CSeqHeader cseq) {
            if (Request.REGISTER.equals(cseq.getMethod())) {
                after = FaultMoment.AFTER_REGISTER;
            } else if (Request.INVITE.equals(cseq.getMethod())) {
                after = FaultMoment.IN_CALL;
            }
        }
        ctx.write(msg, promise);
        if (after != null) {
            FaultMoment moment = after;
            promise.addListener(written -> ctx.executor().execute(() -> reach(ctx, moment)));
        }
    }

    private boolean stalled() {
        return stalledForever || (stalledUntilNanos != 0 && System.nanoTime() < stalledUntilNanos);
    }

    /**
     * The connection reached {@code moment}: every fault waiting for it acts. Returns whether the
     * message that made the moment must be dropped (the connection is being closed at once).
     */
    private boolean reach(ChannelHandlerContext ctx, FaultMoment moment) {
        if (!reached.add(moment) || !ctx.channel().isActive()) {
            return false;
        }
        boolean drop = false;
        for (CloseConnection close : faults.closes(moment)) {
            if (!faults.takeClose(close)) {
                continue;
            }
            if (close.delay().isZero()) {
                close(ctx, close);
                drop = true;
            } else {
                ctx.executor().schedule(() -> close(ctx, close), close.delay().toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        for (Stall stall : faults.stalls(moment)) {
            if (stall.forever()) {
                stalledForever = true;
            } else {
                stalledUntilNanos = Math.max(stalledUntilNanos, System.nanoTime() + stall.duration().toNanos());
            }
            faults.journal().record(Stall.NAME, remote(ctx), "stopped sending " + moment.label()
                    + (stall.forever() ? " until the connection closes" : " for " + stall.duration().toMillis() + " ms"));
        }
        if (moment == FaultMoment.AFTER_REGISTER && !coalescedDone) {
            for (CoalescedMessages coalesced : faults.coalesced()) {
                coalescedDone = true;
                sendCoalesced(ctx, coalesced);
            }
        }
        return drop;
    }

    private void close(ChannelHandlerContext ctx, CloseConnection fault) {
        Channel channel = ctx.channel();
        if (!channel.isActive()) {
            return;
        }
        closing = true;
        String moment = fault.when().label() + (fault.delay().isZero() ? "" : " + " + fault.delay().toMillis() + " ms");
        if (fault.reset()) {
            faults.journal().record(CloseConnection.NAME, remote(ctx), "reset the connection (TCP RST) " + moment);
            // SO_LINGER 0 makes close() send RST; closing through unsafe skips the SslHandler, so no close_notify
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.unsafe().close(channel.voidPromise());
        } else {
            faults.journal().record(CloseConnection.NAME, remote(ctx), "closed the connection (close_notify, FIN) "
                    + moment);
            channel.close();
        }
    }

    /**
     * Writes {@code count} OPTIONS to the phone's registered contact as one buffer straight to the TLS
     * layer, flushed once: one TLS record when they fit in 2^14 bytes (RFC 8446 §5.1), else as few
     * records as TLS allows, with messages split across record boundaries.
     */
    private void sendCoalesced(ChannelHandlerContext ctx, CoalescedMessages fault) {
        String target = registeredContact != null ? registeredContact : "sip:" + hostOf(remote(ctx));
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        String host = local.getAddress().getHostAddress() + ":" + local.getPort();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < fault.count(); i++) {
            all.append("OPTIONS ").append(target).append(" SIP/2.0\r\n")
                    .append("Via: SIP/2.0/TLS ").append(host).append(";rport;branch=z9hG4bK").append(unique).append(i)
                    .append("\r\n")
                    .append("From: <sip:asterisk@").append(host).append(">;tag=").append(unique).append("\r\n")
                    .append("To: <").append(target).append(">\r\n")
                    .append("Call-ID: ").append(COALESCED_CALL_ID).append(unique).append('-').append(i).append("\r\n")
                    .append("CSeq: ").append(i + 1).append(" OPTIONS\r\n")
                    .append("Max-Forwards: 70\r\n")
                    .append("Content-Length: 0\r\n\r\n");
        }
        byte[] bytes = all.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
        ChannelHandlerContext aboveTls = ctx.pipeline().context(ServerFaults.RECORDS);
        int records = (bytes.length + ServerFaults.MAX_RECORD_PLAINTEXT - 1) / ServerFaults.MAX_RECORD_PLAINTEXT;
        faults.journal().addCoalescedSent(fault.count());
        faults.journal().record(CoalescedMessages.NAME, remote(ctx), "sent " + fault.count() + " OPTIONS ("
                + bytes.length + " bytes) in one write, " + records + (records == 1 ? " TLS record" : " TLS records"));
        aboveTls.writeAndFlush(buffer);
    }

    private void rememberContact(Request register) {
        if (register.getHeader(ContactHeader.NAME) instanceof ContactHeader contact && !contact.isWildCard()) {
            URI uri = contact.getAddress().getURI();
            registeredContact = uri.toString();
        }
    }

    private static boolean isCoalescedAnswer(Response response) {
        return response.getHeader(CallIdHeader.NAME) instanceof CallIdHeader callId
                && callId.getCallId().startsWith(COALESCED_CALL_ID);
    }

    private static InetSocketAddress remote(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress address ? address : null;
    }

    private static String hostOf(InetSocketAddress address) {
        return address == null ? "phone.invalid" : address.getAddress().getHostAddress() + ":" + address.getPort();
    }

}
