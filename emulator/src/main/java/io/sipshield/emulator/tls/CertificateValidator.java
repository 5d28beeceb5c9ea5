package io.sipshield.emulator.tls;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * How a device judges the certificate chain a server presented: the PJSIP-over-OpenSSL phones'
 * {@link ServerCertificateValidator}, or Cisco's trust-list pinning ({@link CiscoTrustListValidator}).
 */
public interface CertificateValidator {

    /**
     * Judges a presented chain.
     *
     * @param presented    the certificates as the server sent them, its own first; never empty
     * @param expectedHost the host name or IP address the phone dialled
     * @param clock        the phone's idea of now
     * @return the verdict with the D-Series bitmask, never null
     */
    VerifyResult validate(List<X509Certificate> presented, String expectedHost, Instant clock);
}
