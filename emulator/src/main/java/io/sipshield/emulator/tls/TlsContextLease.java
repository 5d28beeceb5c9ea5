package io.sipshield.emulator.tls;

import io.netty.handler.ssl.SslContext;
import java.util.Objects;

/**
 * The client context one phone connects with, and the key under which the context's session
 * cache keeps that phone's session.
 *
 * <p>Both TLS providers cache client sessions by the peer host and port an engine is created for
 * ({@code SSLContext.createSSLEngine(peerHost, peerPort)}: "hints for an internal session reuse
 * strategy"; netty's {@code OpenSslClientSessionCache} keys by the same pair). Phones sharing a
 * context all dial the same host and port, so a shared context would hand one phone's session to
 * the next. A shared context therefore gives each phone its own {@code sessionSlot}, passed as the
 * engine's peer port: the host (SNI, the identity check) stays the real one, the connection still
 * goes to the real address, and a phone only ever resumes its own session, as a real phone does.
 *
 * @param context     the client context (shared or the phone's own)
 * @param sessionSlot the peer port hint of this phone's engines, or 0: the server's real port (own context)
 * @param resumption  what the context does with sessions
 */
public record TlsContextLease(SslContext context, int sessionSlot, TlsResumption resumption) {

    public TlsContextLease {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(resumption, "resumption");
        if (sessionSlot < 0) {
            throw new IllegalArgumentException("sessionSlot: expected 0 or more, got " + sessionSlot);
        }
    }

    /** The peer port to create this phone's engine with, for a server listening on {@code serverPort}. */
    public int peerPort(int serverPort) {
        return sessionSlot == 0 ? serverPort : sessionSlot;
    }
}
