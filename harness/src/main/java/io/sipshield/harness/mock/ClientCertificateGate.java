package io.sipshield.harness.mock;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.sipshield.emulator.tls.CertificateValidator;
import io.sipshield.emulator.tls.TlsRecordObserver;
import io.sipshield.emulator.tls.VerifyError;
import io.sipshield.emulator.tls.VerifyFinding;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * What PJSIP's TLS listener does once a handshake is over: the handshake itself accepted any
 * client certificate (PJSIP's verify callback never stops OpenSSL), and with {@code verify_client}
 * the verification status is checked now; a certificate that fails closes the connection before
 * any SIP is read or answered. Records every connection's outcome, also for the MX-ONE personality,
 * whose client verification already happened inside the handshake ({@link HandshakeClientVerifier}):
 * its refusals arrive here as failed handshakes. With a {@link TlsRecordObserver} below the SslHandler,
 * each record also holds the phone's ClientHello and the alert that ended a failed handshake. Confined to the connection's event loop.
 */
final class ClientCertificateGate extends ChannelInboundHandlerAdapter {

    /** A client certificate names no host the mock dialled: the identity rule does not apply. */
    private static final String NO_HOST = "client.invalid";

    private final CertificateValidator verifier;
    private final Clock clock;
    private final Consumer<TlsConnection> recorder;
    private final PbxLog.Writer log;
    private boolean refused;

    /**
     * @param verifier the {@code verify_client} check (purpose client, {@code ca_list_file} trust), or null when off
     * @param log      the mock's log
     */
    ClientCertificateGate(CertificateValidator verifier, Clock clock, Consumer<TlsConnection> recorder, PbxLog log) {
        this.verifier = verifier;
        this.clock = clock;
        this.recorder = recorder;
        this.log = log.writer(ClientCertificateGate.class);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent completion) {
            InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
            if (!completion.isSuccess()) {
                refused = true;
                String reason = describe(completion.cause());
                // a WARNING, as Asterisk logs it: PJSIP's ssl_sock_ossl.c logs SSL_ERROR_SSL in a handshake at pjproject
                // level 2, which res_pjproject maps to LOG_WARNING (pjproject.conf log_mappings: asterisk_warning = 2)
                log.warn("SSL SSL_ERROR_SSL (Handshake): {} peer: {}", reason, remote);
                // the SslHandler writes its alert after this event: record once it has
                Optional<TlsRecordObserver> wire = wire(ctx);
                ctx.executor().execute(() -> recorder.accept(new TlsConnection(remote, false, null, null, null, false,
                        reason, wire.flatMap(TlsRecordObserver::clientHello).orElse(null),
                        wire.flatMap(TlsRecordObserver::firstFatalAlert).orElse(null))));
            } else {
                judge(ctx, remote);
            }
        }
        super.userEventTriggered(ctx, event);
    }

    private void judge(ChannelHandlerContext ctx, InetSocketAddress remote) {
        SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
        List<X509Certificate> presented = peerChain(session);
        String subject = presented.isEmpty() ? null : presented.get(0).getSubjectX500Principal().getName();
        String reason = null;
        if (verifier != null && !presented.isEmpty()) {
            List<VerifyFinding> failures = verifier.validate(presented, NO_HOST, clock.instant()).findings().stream()
                    .filter(finding -> finding.error() != VerifyError.IDENTITY_NOT_MATCH).toList();
            if (!failures.isEmpty()) {
                reason = "verify_client: " + failures.stream().map(VerifyFinding::toString)
                        .collect(Collectors.joining("; "));
            }
        }
        recorder.accept(new TlsConnection(remote, true, session.getProtocol(), session.getCipherSuite(), subject,
                reason == null, reason, wire(ctx).flatMap(TlsRecordObserver::clientHello).orElse(null), null));
        if (reason != null) {
            refused = true;
            log.warn("closing {} after the TLS handshake: {}", remote, reason);
            ctx.close();
        } else {
            log.info("TLS connection from {}: {} {}{}", remote, session.getProtocol(), session.getCipherSuite(),
                    subject == null ? "" : ", client certificate " + subject);
        }
    }

    /**
     * The handshake error with what caused it: netty reports a refusal inside the handshake as
     * "General OpenSslEngine problem" and keeps the trust manager's reason (with its verify findings)
     * as the cause or a suppressed exception.
     */
    static String describe(Throwable failure) {
        Set<String> messages = new LinkedHashSet<>();
        Deque<Throwable> pending = new ArrayDeque<>(List.of(failure));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Throwable next = pending.poll();
            if (!seen.add(next)) {
                continue;
            }
            if (next.getMessage() != null) {
                messages.add(next.getMessage());
            }
            if (next.getCause() != null) {
                pending.add(next.getCause());
            }
            pending.addAll(Arrays.asList(next.getSuppressed()));
        }
        return messages.isEmpty() ? failure.getClass().getSimpleName() : String.join(": ", messages);
    }

    /** The observer below the SslHandler that read the ClientHello and the alerts, if the pipeline has one. */
    private static Optional<TlsRecordObserver> wire(ChannelHandlerContext ctx) {
        return Optional.ofNullable(ctx.pipeline().get(TlsRecordObserver.class));
    }

    private static List<X509Certificate> peerChain(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return Arrays.stream(chain).filter(X509Certificate.class::isInstance)
                    .map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException none) {
            return List.of();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (refused) {
            ReferenceCountUtil.release(message);
            return;
        }
        ctx.fireChannelRead(message);
    }
}
