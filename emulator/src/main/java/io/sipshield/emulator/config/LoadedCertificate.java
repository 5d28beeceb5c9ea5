package io.sipshield.emulator.config;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A CA certificate a configuration loads onto the phone, and where it came from.
 *
 * @param certificate the trust anchor
 * @param source      the file (or file and line, for inline PEM) it was read from
 */
public record LoadedCertificate(X509Certificate certificate, String source) {

    public LoadedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(source, "source");
    }

    /** The subject as RFC 2253 text, for listings. */
    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }
}
