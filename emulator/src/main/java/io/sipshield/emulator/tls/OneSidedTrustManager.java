package io.sipshield.emulator.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager for one side of a TLS connection: it judges the peer's chain in {@link #judge}
 * (every overload of the checks for its side comes here) and refuses the checks of the other side,
 * which a client-only or server-only context must never be asked for.
 */
public abstract class OneSidedTrustManager extends X509ExtendedTrustManager {

    /** Whose certificates this trust manager judges. */
    public enum Judges {
        /** A client's context: it judges the server's chain. */
        SERVER,
        /** A server's context: it judges the client's chain. */
        CLIENT
    }

    private final Judges judges;
    private final String otherSide;

    /**
     * @param judges    the side whose chain {@link #judge} decides on
     * @param otherSide why the other side's check can never be asked for, for its exception
     */
    protected OneSidedTrustManager(Judges judges, String otherSide) {
        this.judges = Objects.requireNonNull(judges, "judges");
        this.otherSide = Objects.requireNonNull(otherSide, "otherSide");
    }

    /** Decides on the peer's chain, leaf first; throws to fail the handshake. */
    protected abstract void judge(X509Certificate[] chain) throws CertificateException;

    private void server(X509Certificate[] chain) throws CertificateException {
        if (judges != Judges.SERVER) {
            throw new CertificateException(otherSide);
        }
        judge(chain);
    }

    private void client(X509Certificate[] chain) throws CertificateException {
        if (judges != Judges.CLIENT) {
            throw new CertificateException(otherSide);
        }
        judge(chain);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        server(chain);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        server(chain);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        server(chain);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        client(chain);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        client(chain);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        client(chain);
    }

    /** No issuer list is sent by default; a server that asks for client certificates may name its CAs. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
