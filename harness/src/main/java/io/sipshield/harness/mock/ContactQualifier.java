package io.sipshield.harness.mock;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import io.sipshield.emulator.sip.SipMessages;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Asterisk's qualify for the contacts registered over one connection: every
 * {@code qualify_frequency} seconds (the first at once) an OPTIONS goes to the contact down the
 * phone's own TLS connection (the mock never opens one to a phone); an answer within
 * {@code qualify_timeout} (3 s) makes it Avail with the round trip, silence Unavail. Confined to
 * the connection's event loop.
 */
final class ContactQualifier {

    /** pjsip.conf aor {@code qualify_timeout}'s default. */
    static final Duration QUALIFY_TIMEOUT = Duration.ofSeconds(3);

    private record Watched(String aor, String contact) {
    }

    private record Pending(Watched contact, long sentNanos, ScheduledFuture<?> timeout) {
    }

    private final Registrar registrar;
    private final SipMessages messages;
    private final String userAgent;
    private final Map<Watched, ScheduledFuture<?>> schedules = new HashMap<>();
    private final Map<String, Pending> pending = new HashMap<>();
    private long cseq = 1;

    ContactQualifier(Registrar registrar, SipMessages messages, String userAgent) {
        this.registrar = registrar;
        this.messages = messages;
        this.userAgent = userAgent;
    }

    /** Starts qualifying a contact bound over this connection, unless it is already. */
    void watch(ChannelHandlerContext ctx, String aor, String contact, int frequencySeconds) {
        Watched watched = new Watched(aor, contact);
        if (frequencySeconds <= 0 || schedules.containsKey(watched)) {
            return;
        }
        schedules.put(watched, ctx.executor().scheduleAtFixedRate(() -> qualify(ctx, watched), 0, frequencySeconds,
                TimeUnit.SECONDS));
    }

    private void qualify(ChannelHandlerContext ctx, Watched watched) {
        if (!registrar.boundOver(watched.aor(), watched.contact(), ctx.channel())) {
            ScheduledFuture<?> schedule = schedules.remove(watched);
            if (schedule != null) {
                schedule.cancel(false);
            }
            return;
        }
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        String host = local.getAddress().getHostAddress();
        String callId = messages.newCallId();
        Request options = messages.request(Request.OPTIONS, watched.contact())
                .from("sip:asterisk@" + host, messages.newTag())
                .to(watched.contact())
                .callId(callId)
                .cseq(cseq++)
                .via(host, local.getPort(), "TLS")
                .userAgent(userAgent)
                .build();
        ScheduledFuture<?> timeout = ctx.executor().schedule(() -> {
            if (pending.remove(callId) != null) {
                registrar.qualified(watched.aor(), watched.contact(), null);
            }
        }, QUALIFY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        pending.put(callId, new Pending(watched, System.nanoTime(), timeout));
        ctx.writeAndFlush(options);
    }

    /** Takes the answer to a qualify OPTIONS; false for any other response. */
    boolean onResponse(Response response) {
        CSeqHeader cseqHeader = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (cseqHeader == null || !Request.OPTIONS.equals(cseqHeader.getMethod())) {
            return false;
        }
        Pending answered = pending.remove(((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId());
        if (answered == null) {
            return false;
        }
        answered.timeout().cancel(false);
        if (response.getStatusCode() >= 200) {
            registrar.qualified(answered.contact().aor(), answered.contact().contact(),
                    Duration.ofNanos(System.nanoTime() - answered.sentNanos()));
        }
        return true;
    }

    /** Stops every schedule (the connection closed). */
    void close() {
        schedules.values().forEach(schedule -> schedule.cancel(false));
        schedules.clear();
        pending.values().forEach(p -> p.timeout().cancel(false));
        pending.clear();
    }
}
