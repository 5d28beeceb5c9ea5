package io.sipshield.harness.mock;

import io.sipshield.emulator.tls.TlsAlert;
import io.sipshield.emulator.tls.TlsClientHello;
import java.net.InetSocketAddress;
import java.util.List;

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
 * @param clientHello       what the phone's ClientHello offered (versions, cipher suite ids), read off the
 *                          wire before the handshake; null when none was read whole
 * @param alert             the first fatal alert on the connection and who sent it (the mock's own, or the
 *                          phone's), when one went in the clear; null otherwise
 */
public record TlsConnection(InetSocketAddress remote, boolean established, String protocol, String cipherSuite,
                            String clientCertificate, boolean accepted, String reason, TlsClientHello clientHello,
                            TlsAlert alert) {

    /** A connection without ClientHello or alert read. */
    public TlsConnection(InetSocketAddress remote, boolean established, String protocol, String cipherSuite,
                         String clientCertificate, boolean accepted, String reason) {
        this(remote, established, protocol, cipherSuite, clientCertificate, accepted, reason, null, null);
    }

    /** The cipher suite ids the phone offered, in its order (IANA values, {@code 0xC02F}); empty when unknown. */
    public List<Integer> offeredCiphers() {
        return clientHello == null ? List.of() : clientHello.cipherSuites();
    }

    /** The TLS versions the phone offered, highest first ({@code TLSv1.2}); empty when unknown. */
    public List<String> offeredVersions() {
        return clientHello == null ? List.of() : clientHello.offeredVersions();
    }

    @Override
    public String toString() {
        String outcome = !established ? "handshake failed"
                : protocol + " " + cipherSuite + (accepted ? ", accepted" : ", closed after the handshake");
        return remote + ": " + outcome + (clientCertificate == null ? "" : ", client certificate " + clientCertificate)
                + (alert == null ? "" : ", alert " + alert)
                + (reason == null ? "" : " (" + reason + ")");
    }
}
