package io.sipshield.emulator.tls;

import java.security.cert.X509Certificate;

/**
 * The TLS-layer trust manager of an emulated phone: it lets every handshake complete, because
 * PJSIP does exactly that ({@code verify_peer = false} in sip_transport_tls.c, so OpenSSL's
 * chain checks run to the end and report every error through the callback). The real decision
 * is taken right after the handshake by {@link ServerCertificateValidator} on the chain the
 * server presented, and a phone whose profile validates drops the connection on a non-zero
 * bitmask. Validation is never skipped: only moved to where the device does it.
 */
public final class PeerChainTrustManager extends OneSidedTrustManager {

    public PeerChainTrustManager() {
        super(Judges.SERVER, "a phone is never a TLS server");
    }

    @Override
    protected void judge(X509Certificate[] chain) {
        // decided after the handshake by ServerCertificateValidator, as PJSIP does
    }
}
