package io.sipshield.harness.mock;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.sipshield.emulator.tls.SessionReuse;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the transport's completed TLS handshakes and how many resumed a session. One instance
 * serves every connection (it sits right after the SslHandler). BoringSSL keeps no
 * {@code SSL_CTX_sess_accept_good}/{@code sess_hits} statistics (they read 0), so the mock asks each
 * engine {@code SSL_session_reused} itself ({@link SessionReuse}).
 */
@ChannelHandler.Sharable
final class TlsHandshakeCounter extends ChannelInboundHandlerAdapter {

    private final LongAdder completed = new LongAdder();
    private final LongAdder resumed = new LongAdder();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent completion && completion.isSuccess()) {
            completed.increment();
            SslHandler tls = ctx.pipeline().get(SslHandler.class);
            if (tls != null && SessionReuse.resumed(tls.engine(), null)) {
                resumed.increment();
            }
        }
        super.userEventTriggered(ctx, event);
    }

    long completed() {
        return completed.sum();
    }

    long resumed() {
        return resumed.sum();
    }
}
