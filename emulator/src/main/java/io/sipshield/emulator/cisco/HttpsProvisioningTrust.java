package io.sipshield.emulator.cisco;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.sipshield.emulator.tls.CiscoConnection;
import io.sipshield.emulator.tls.CiscoTrustListValidator;
import io.sipshield.emulator.tls.OneSidedTrustManager;
import io.sipshield.emulator.tls.TrustListEntry;
import io.sipshield.emulator.tls.VerifyResult;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How the phone judges the HTTPS provisioning server on port 6971 (http-provisioning.html,
 * DEVICES.md §A.3): the presented certificate itself must be a TFTP record of the installed trust
 * list and carry an EC key ({@link CiscoConnection#HTTPS_PROVISIONING}); no chain building and no
 * host-name check ([GUESS], as for SIP-TLS). An {@link X509ExtendedTrustManager}, so JSSE leaves
 * endpoint identification to it.
 */
final class HttpsProvisioningTrust extends OneSidedTrustManager {

    private final CiscoTrustListValidator validator;
    private final Clock clock;

    HttpsProvisioningTrust(List<TrustListEntry> trustList, Clock clock) {
        super(Judges.SERVER, "the phone is the client here");
        this.validator = CiscoTrustListValidator.builder().entries(trustList)
                .connection(CiscoConnection.HTTPS_PROVISIONING).build();
        this.clock = clock;
    }

    /** A client TLS context (JDK provider) that trusts the server only through {@link HttpsProvisioningTrust}. */
    static SslContext clientContext(List<TrustListEntry> trustList, Clock clock) throws SSLException {
        return SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .trustManager(new HttpsProvisioningTrust(trustList, clock))
                .endpointIdentificationAlgorithm(null)
                .build();
    }

    @Override
    protected void judge(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the HTTPS provisioning server presented no certificate");
        }
        VerifyResult result = validator.validate(List.of(chain), "", clock.instant());
        if (!result.ok()) {
            throw new CertificateException("HTTPS provisioning server refused: " + result.findings().get(0).detail());
        }
    }
}
