package io.sipshield.emulator.tls;

import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.internal.tcnative.SSL;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;

/**
 * Tells whether a completed client handshake resumed an earlier session (the abbreviated
 * handshake of RFC 5246 §7.3, or RFC 5077 / RFC 8446 §2.2 resumption) or ran a full one.
 *
 * <p>On BoringSSL this is BoringSSL's own {@code SSL_session_reused}, reached through
 * netty-tcnative's {@code SSL.isSessionReused(long)} on the engine's {@code SSL*}
 * ({@link ReferenceCountedOpenSslEngine#sslPointer()}); netty keeps its own
 * {@code isSessionReused()} package-private. The JDK's SSLEngine has no such call: there a
 * TLS 1.2 handshake counts as resumed when the server echoed the session ID the same phone got
 * last time (a full handshake gets a fresh ID from the server). A JDK TLS 1.3 resumption is not
 * seen (its IDs are not the server's), so it reads as full.
 */
public final class SessionReuse {

    private SessionReuse() {
    }

    /**
     * @param engine            the engine right after its handshake completed (on its event loop)
     * @param previousSessionId the session ID this phone's last handshake got, or null
     */
    public static boolean resumed(SSLEngine engine, byte[] previousSessionId) {
        if (engine instanceof ReferenceCountedOpenSslEngine openSsl) {
            long ssl = openSsl.sslPointer();
            return ssl != 0 && SSL.isSessionReused(ssl);
        }
        byte[] id = engine.getSession().getId();
        return previousSessionId != null && previousSessionId.length > 0 && Arrays.equals(previousSessionId, id);
    }
}
