package io.sipshield.emulator.ua;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.sipshield.emulator.sip.SipKeepAlive;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * RFC 5626 §4.4.1 on one connection: after the phone writes a CRLF keep-alive ping ({@code "\r\n\r\n"}),
 * the server's CRLF pong ({@code "\r\n"}) must arrive within the timeout (the RFC's 10 s by default, see
 * {@link io.sipshield.emulator.PhoneSettings#pongTimeout()}); if none does, the flow has failed and
 * {@code failed} is told why, once per unanswered ping. A ping written while one is unanswered does not
 * restart the wait. Sits between the SIP codec and the user agent: it sees the pings on their way out and
 * the pongs on their way in (pongs pass on). Confined to the channel's event loop.
 */
public final class PongWatch extends ChannelDuplexHandler {

    private final Duration timeout;
    private final Consumer<String> failed;
    private ScheduledFuture<?> waiting;

    /**
     * @param timeout how long a ping waits for its pong (more than zero)
     * @param failed  told, on the event loop, why the flow failed
     */
    public PongWatch(Duration timeout, Consumer<String> failed) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("pong timeout: expected more than 0, got " + timeout);
        }
        this.timeout = timeout;
        this.failed = Objects.requireNonNull(failed, "failed");
    }

    /** The cause given when no pong came: names the wait and the RFC. */
    public static String cause(Duration timeout) {
        return "no CRLF pong within " + timeout.toMillis() + " ms of a keep-alive ping (RFC 5626 §4.4.1)";
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg == SipKeepAlive.PING && waiting == null) {
            waiting = ctx.executor().schedule(() -> {
                waiting = null;
                if (ctx.channel().isActive()) {
                    failed.accept(cause(timeout));
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg == SipKeepAlive.PONG) {
            stop();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    /** Whether a ping waits for its pong. */
    boolean waiting() {
        return waiting != null;
    }

    private void stop() {
        if (waiting != null) {
            waiting.cancel(false);
            waiting = null;
        }
    }
}
