package io.sipshield.certs.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;

/** Writes one certificate or one CRL as binary DER (.der, .cer, .crl). Read back with {@link CertificateFiles#read}. */
public final class DerFiles {

    private DerFiles() {
    }

    public static byte[] certificate(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode " + certificate.getSubjectX500Principal().getName(), e);
        }
    }

    public static byte[] crl(X509CRL crl) {
        try {
            return crl.getEncoded();
        } catch (CRLException e) {
            throw new IllegalArgumentException("cannot encode the CRL of " + crl.getIssuerX500Principal().getName(), e);
        }
    }

    public static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
        Files.write(file, certificate(certificate));
    }

    public static void writeCrl(Path file, X509CRL crl) throws IOException {
        Files.write(file, crl(crl));
    }
}
