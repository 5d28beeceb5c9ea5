package io.sipshield.certs.cisco;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;

/** X.509 certificates as the CERTIFICATE field stores them: exactly one DER certificate, nothing more. */
final class DerCertificates {

    private DerCertificates() {
    }

    static Optional<String> problemWith(Octets der) {
        try {
            decode(der);
            return Optional.empty();
        } catch (CertificateException e) {
            return Optional.of(e.getMessage());
        }
    }

    static X509Certificate decode(Octets der) throws CertificateException {
        byte[] bytes = der.bytes();
        if (bytes.length == 0 || bytes[0] != 0x30) {
            throw new CertificateException("not a DER X.509 certificate (it does not start with a SEQUENCE, 0x30)");
        }
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(bytes));
        } catch (CertificateException | RuntimeException e) {
            throw new CertificateException("not a DER X.509 certificate: " + e.getMessage(), e);
        }
        if (!Arrays.equals(certificate.getEncoded(), bytes)) {
            throw new CertificateException("not a DER X.509 certificate: " + (bytes.length - certificate.getEncoded().length)
                    + " byte(s) follow the certificate, or it is not in DER form");
        }
        return certificate;
    }

    /** Decodes a value that has already passed {@link #problemWith}. */
    static X509Certificate decodeChecked(Octets der) {
        try {
            return decode(der);
        } catch (CertificateException e) {
            throw new IllegalStateException("a CERTIFICATE field that was checked no longer decodes", e);
        }
    }

    static Octets encode(X509Certificate certificate) {
        try {
            return new Octets(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode the certificate " + certificate.getSubjectX500Principal(), e);
        }
    }
}
