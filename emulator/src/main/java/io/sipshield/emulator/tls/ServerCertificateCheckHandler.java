package io.sipshield.emulator.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Does what PJSIP does once the TLS handshake completes (sip_transport_tls.c, on connect):
 * validates the chain the server presented for the host dialled, and when the device validates
 * and the bitmask is not zero, drops the connection. Either way the result, with the bitmask,
 * completes {@link #report()}. Sits right after the {@link SslHandler}; a failed handshake's report
 * carries the alert that ended it ({@link TlsReport#alert()}), read by a {@link TlsRecordObserver}
 * below the SslHandler when the pipeline has one.
 */
public final class ServerCertificateCheckHandler extends ChannelInboundHandlerAdapter {

    private final CertificateValidator validator;
    private final String expectedHost;
    private final Clock clock;
    private final boolean enforce;
    private final byte[] previousSessionId;
    private final CompletableFuture<TlsReport> report = new CompletableFuture<>();
    private Throwable pendingFailure;
    private String failurePrefix;
    private TlsRecordObserver wire;

    /**
     * @param enforce whether a non-zero bitmask drops the connection (false: the phone reports it and
     *                connects anyway, as D-Series 2_2_0_4 does)
     */
    public ServerCertificateCheckHandler(CertificateValidator validator, String expectedHost, Clock clock,
                                         boolean enforce) {
        this(validator, expectedHost, clock, enforce, null);
    }

    /**
     * @param previousSessionId the session ID the phone's previous handshake got (null: none), which
     *                          tells a resumed handshake on the JDK provider ({@link SessionReuse})
     */
    public ServerCertificateCheckHandler(CertificateValidator validator, String expectedHost, Clock clock,
                                         boolean enforce, byte[] previousSessionId) {
        this.validator = validator;
        this.expectedHost = expectedHost;
        this.clock = clock;
        this.enforce = enforce;
        this.previousSessionId = previousSessionId == null ? null : previousSessionId.clone();
    }

    /** Completes when the handshake ended and the chain was judged, or the connection failed first. */
    public CompletableFuture<TlsReport> report() {
        return report;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent completion) {
            if (completion.isSuccess()) {
                judge(ctx);
            } else {
                // The SslHandler writes the alert it sends right after this event: read the wire once it has.
                fail(ctx, completion.cause(), "TLS handshake failed: ");
            }
        }
        super.userEventTriggered(ctx, event);
    }

    private void judge(ChannelHandlerContext ctx) {
        SSLEngine engine = ctx.pipeline().get(SslHandler.class).engine();
        SSLSession session = engine.getSession();
        boolean resumed = SessionReuse.resumed(engine, previousSessionId);
        String sessionId = HexFormat.of().formatHex(session.getId());
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate certificate : session.getPeerCertificates()) {
                chain.add((X509Certificate) certificate);
            }
        } catch (SSLPeerUnverifiedException e) {
            report.complete(new TlsReport(false, session.getProtocol(), session.getCipherSuite(), null, List.of(),
                    "the server presented no certificate"));
            ctx.close();
            return;
        }
        VerifyResult verification = validator.validate(chain, expectedHost, clock.instant());
        boolean drop = enforce && !verification.ok();
        String failure = drop ? "server certificate rejected: bitmask " + VerifyFlag.format(verification.bitmask())
                + " " + verification.flags() : null;
        // PJSIP closes the transport after its own check (sip_transport_tls.c, pj_ssl_sock_close ->
        // SSL_shutdown): with verify_peer off OpenSSL never fails the handshake, so the server hears a
        // close_notify from the phone, not bad_certificate; ctx.close() sends exactly that
        report.complete(new TlsReport(!drop, session.getProtocol(), session.getCipherSuite(), verification, chain, failure,
                drop ? new TlsAlert(0, TlsAlert.nameOf(0), false, TlsAlert.Sender.PHONE) : null, resumed, sessionId));
        if (drop) {
            ctx.close();
        }
    }

    /**
     * The failed handshake's report, with its alert: the first fatal one a {@link TlsRecordObserver}
     * below the SslHandler saw in the clear (either side's), else the one the provider says it
     * received from the server.
     */
    private void fail(ChannelHandlerContext ctx, Throwable cause, String prefix) {
        if (pendingFailure != null || report.isDone()) {
            return;
        }
        pendingFailure = cause;
        failurePrefix = prefix;
        wire = ctx.pipeline().get(TlsRecordObserver.class);
        ctx.executor().execute(this::completeFailed);
    }

    private void completeFailed() {
        Throwable cause = pendingFailure;
        TlsAlert alert = (wire == null ? Optional.<TlsAlert>empty() : wire.firstFatalAlert())
                .or(() -> TlsAlert.receivedFrom(cause)).orElse(null);
        report.complete(TlsReport.failed(failurePrefix + describe(cause)
                + (alert == null ? "" : "; alert " + alert), alert));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (pendingFailure != null) {
            completeFailed();
        }
        report.complete(TlsReport.failed("connection closed before the TLS handshake completed"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        fail(ctx, cause, "");
        super.exceptionCaught(ctx, cause);
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
