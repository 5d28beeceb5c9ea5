package io.sipshield.harness.mock;

import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.internal.tcnative.CertificateVerifier;
import io.sipshield.emulator.tls.CertificateValidator;
import io.sipshield.emulator.tls.OneSidedTrustManager;
import io.sipshield.emulator.tls.VerifyError;
import io.sipshield.emulator.tls.VerifyFinding;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Client-certificate verification inside the handshake, as an OpenSSL server with
 * {@code SSL_VERIFY_PEER} and the default verify callback does it (MX-ONE's SIPLP is reSIProcate
 * on OpenSSL; seed 004): the chain is checked with the emulator's OpenSSL-faithful validator
 * (purpose {@code ssl_client}), and the first error OpenSSL would stop at fails the handshake.
 *
 * <p>The error travels as its {@code X509_V_ERR_*} code in an {@link OpenSslCertificateException}:
 * netty hands that code to BoringSSL, which picks the alert exactly as OpenSSL's
 * {@code ssl_verify_alert_type} does (expired or not yet valid: certificate_expired; no trusted
 * issuer or self-signed: unknown_ca; revoked: certificate_revoked; anything else mostly
 * bad_certificate). A code BoringSSL does not know is sent as {@code X509_V_ERR_UNSPECIFIED}.
 *
 * <p>The host identity of a client certificate is not checked. [GUESS] Seed 004 says SIPLP
 * checks the client certificate "as it would towards a server certificate", against DNS, but names
 * no host a phone's certificate could match (phones get their address by DHCP).
 */
final class HandshakeClientVerifier extends OneSidedTrustManager {

    /** A client certificate names no host the server dialled. */
    private static final String NO_HOST = "client.invalid";

    private final CertificateValidator validator;
    private final List<X509Certificate> acceptedIssuers;
    private final Clock clock;

    /**
     * @param validator       purpose client, trusting {@code acceptedIssuers}
     * @param acceptedIssuers the CAs named in the CertificateRequest
     */
    HandshakeClientVerifier(CertificateValidator validator, List<X509Certificate> acceptedIssuers, Clock clock) {
        super(Judges.CLIENT, "the mock is a server: it never checks a server certificate");
        this.validator = validator;
        this.acceptedIssuers = List.copyOf(acceptedIssuers);
        this.clock = clock;
    }

    @Override
    protected void judge(X509Certificate[] chain) throws CertificateException {
        List<VerifyFinding> failures = validator.validate(Arrays.asList(chain), NO_HOST, clock.instant()).findings()
                .stream().filter(finding -> finding.error() != VerifyError.IDENTITY_NOT_MATCH).toList();
        if (failures.isEmpty()) {
            return;
        }
        int code = failures.get(0).error().code();
        String message = "client certificate refused in the handshake: "
                + failures.stream().map(VerifyFinding::toString).collect(Collectors.joining("; "));
        throw new OpenSslCertificateException(message,
                CertificateVerifier.isValid(code) ? code : CertificateVerifier.X509_V_ERR_UNSPECIFIED);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return acceptedIssuers.toArray(new X509Certificate[0]);
    }
}
