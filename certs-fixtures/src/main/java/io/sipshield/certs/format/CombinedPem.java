package io.sipshield.certs.format;

import io.sipshield.certs.IssuedCertificate;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate and its private key in one PEM file: Algo's {@code certs/sipclient.pem} (device
 * certificate, then key) and usecallmanager {@code mkcert}'s output (key, then certificate: it
 * concatenates OpenSSL's key file and certificate file).
 */
public final class CombinedPem {

    /** Which comes first in the file. */
    public enum Order {
        /** Certificate(s), then the key: Algo's {@code sipclient.pem}. */
        CERTIFICATE_FIRST,
        /** The key, then the certificate(s): usecallmanager {@code mkcert} ({@code cat key.pem crt.pem}). */
        KEY_FIRST
    }

    private CombinedPem() {
    }

    /** Algo {@code sipclient.pem}: the device certificate, then its PKCS#8 key. */
    public static String sipclientPem(IssuedCertificate certificate) {
        return encode(certificate.privateKey(), List.of(certificate.certificate()), Order.CERTIFICATE_FIRST,
                PrivateKeyEncoding.PKCS8);
    }

    /** usecallmanager {@code mkcert} output: the traditional key ({@code openssl genrsa} / {@code ecparam -genkey}), then the certificate. */
    public static String mkcertPem(IssuedCertificate certificate) {
        return encode(certificate.privateKey(), List.of(certificate.certificate()), Order.KEY_FIRST,
                PrivateKeyEncoding.TRADITIONAL);
    }

    /**
     * @param certificates the key's certificate first, then any issuers to include
     * @param encoding     an unencrypted encoding (PKCS8 or TRADITIONAL)
     * @throws IllegalArgumentException if the key is not the first certificate's
     */
    public static String encode(PrivateKey key, List<X509Certificate> certificates, Order order, PrivateKeyEncoding encoding) {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("a certificate + key file needs the certificate");
        }
        if (!PrivateKeys.matches(key, certificates.get(0).getPublicKey())) {
            throw new IllegalArgumentException("the private key does not belong to "
                    + certificates.get(0).getSubjectX500Principal().getName());
        }
        String keyPem = PemFiles.privateKey(key, encoding);
        String certificatePem = PemFiles.certificates(certificates);
        return order == Order.KEY_FIRST ? keyPem + certificatePem : certificatePem + keyPem;
    }

    public static void write(Path file, String pem) throws IOException {
        PemFiles.write(file, pem);
    }

    public static CertificateAndKey read(Path file) throws CertificateFileException {
        return read(file, null);
    }

    /**
     * Reads a certificate + key file in either order: PEM, exactly one private key, at least one
     * certificate, the first certificate being the key's.
     */
    public static CertificateAndKey read(Path file, char[] password) throws CertificateFileException {
        CertificateFileContents contents = CertificateFiles.read(file, password);
        LayoutCheck check = new LayoutCheck(contents, "a certificate + key file");
        check.requirePem();
        if (contents.privateKey().isEmpty()) {
            throw check.fail(null, "no private key found; a certificate + key file holds both");
        }
        check.requireCertificates();
        PrivateKey key = contents.privateKey().get().key();
        X509Certificate first = contents.certificates().get(0);
        if (!PrivateKeys.matches(key, first.getPublicKey())) {
            throw check.fail(check.keyBlock(), "the private key does not match the certificate in "
                    + check.certificateBlock(0) + ", " + first.getSubjectX500Principal().getName());
        }
        return new CertificateAndKey(contents.certificates(), key);
    }
}
