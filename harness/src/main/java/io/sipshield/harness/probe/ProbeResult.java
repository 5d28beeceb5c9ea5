package io.sipshield.harness.probe;

import io.sipshield.emulator.tls.VerifyResult;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a probe saw, connecting as one device would.
 *
 * @param protocol               the negotiated TLS version, or null when the handshake failed
 * @param cipherSuite            the negotiated cipher suite, or null
 * @param failure                why the handshake failed, or null
 * @param received               the chain the server sent, as received, its own certificate first
 * @param verification           the phone's verdict on it, or null when no chain arrived
 * @param phoneGoesOn            whether that phone would have kept the connection
 * @param clientCertificateAsked whether the server sent a CertificateRequest
 * @param clientCertificateSent  whether the phone answered it with a certificate
 * @param droppedCipherSuites    suites the profile offers that this TLS provider could not offer
 * @param keyLogProblem          why the key log was not written (when asked for), or null
 */
public record ProbeResult(String protocol, String cipherSuite, HandshakeFailure failure, List<X509Certificate> received,
                          VerifyResult verification, boolean phoneGoesOn, boolean clientCertificateAsked,
                          boolean clientCertificateSent, List<String> droppedCipherSuites, String keyLogProblem) {

    public ProbeResult {
        received = List.copyOf(received);
        droppedCipherSuites = List.copyOf(droppedCipherSuites);
    }
}
