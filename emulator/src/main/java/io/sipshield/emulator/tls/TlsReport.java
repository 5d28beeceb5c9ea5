package io.sipshield.emulator.tls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What happened on the phone's TLS connection.
 *
 * @param established  true when the handshake completed and the phone kept the connection
 * @param protocol     the negotiated version ({@code TLSv1.2}), or null without a handshake
 * @param cipherSuite  the negotiated cipher suite, or null
 * @param verification the phone's verdict on the server chain, or null when it never saw one
 * @param peerChain    the chain the server presented, leaf first
 * @param failure      why the connection failed or was dropped, or null
 * @param alert        the fatal TLS alert that ended the handshake and who sent it (read off the wire,
 *                     else from the provider's "received" message), or null when none was seen
 * @param resumed      whether the handshake resumed an earlier session of this phone (abbreviated
 *                     handshake, {@link SessionReuse}) instead of a full one
 * @param sessionId    the session's ID in hex as the server gave it ("" without a handshake, or when
 *                     the server gave none, e.g. a TLS 1.3 or ticket-only session)
 */
public record TlsReport(boolean established, String protocol, String cipherSuite, VerifyResult verification,
                        List<X509Certificate> peerChain, String failure, TlsAlert alert, boolean resumed,
                        String sessionId) {

    public TlsReport {
        peerChain = List.copyOf(peerChain);
        sessionId = sessionId == null ? "" : sessionId;
    }

    /** A report of a full handshake (or none), with its alert. */
    public TlsReport(boolean established, String protocol, String cipherSuite, VerifyResult verification,
                     List<X509Certificate> peerChain, String failure, TlsAlert alert) {
        this(established, protocol, cipherSuite, verification, peerChain, failure, alert, false, "");
    }

    /** A report without an alert. */
    public TlsReport(boolean established, String protocol, String cipherSuite, VerifyResult verification,
                     List<X509Certificate> peerChain, String failure) {
        this(established, protocol, cipherSuite, verification, peerChain, failure, null);
    }

    public static TlsReport failed(String failure) {
        return failed(failure, null);
    }

    /** A failed handshake and the alert that ended it (null when none was seen). */
    public static TlsReport failed(String failure, TlsAlert alert) {
        return new TlsReport(false, null, null, null, List.of(), failure, alert);
    }
}
