package io.sipshield.emulator.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS-layer trust manager of an emulated phone: it lets every handshake complete, because
 * PJSIP does exactly that ({@code verify_peer = false} in sip_transport_tls.c, so OpenSSL's
 * chain checks run to the end and report every error through the callback). The real decision
 * is taken right after the handshake by {@link ServerCertificateValidator} on the chain the
 * server presented, and a phone whose profile validates drops the connection on a non-zero
 * bitmask. Validation is never skipped: only moved to where the device does it.
 */
public final class PeerChainTrustManager extends X509ExtendedTrustManager {

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // decided after the handshake by ServerCertificateValidator, as PJSIP does
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // decided after the handshake by ServerCertificateValidator, as PJSIP does
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // decided after the handshake by ServerCertificateValidator, as PJSIP does
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a phone is never a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a phone is never a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a phone is never a TLS server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
