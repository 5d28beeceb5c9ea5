package io.sipshield.harness.mock;

import java.net.InetSocketAddress;

/**
 * One TLS connection a phone opened to the mock, as Asterisk would log it: the handshake's outcome
 * and, with {@code verify_client}, what became of the client certificate.
 *
 * @param remote            the phone's address
 * @param established       whether the handshake completed
 * @param protocol          the TLS version, or null without a handshake
 * @param cipherSuite       the cipher suite, or null without a handshake
 * @param clientCertificate the subject of the certificate the phone presented, or null for none
 * @param accepted          whether the mock kept the connection for SIP (false: handshake failed, or
 *                          the client certificate failed {@code verify_client} and the connection was closed)
 * @param reason            why it was refused (the handshake error or the verification findings), or null
 */
public record TlsConnection(InetSocketAddress remote, boolean established, String protocol, String cipherSuite,
                            String clientCertificate, boolean accepted, String reason) {

    @Override
    public String toString() {
        String outcome = !established ? "handshake failed"
                : protocol + " " + cipherSuite + (accepted ? ", accepted" : ", closed after the handshake");
        return remote + ": " + outcome + (clientCertificate == null ? "" : ", client certificate " + clientCertificate)
                + (reason == null ? "" : " (" + reason + ")");
    }
}
