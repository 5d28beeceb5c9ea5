package io.sipshield.certs.format;

import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a certificate file holds, in file order.
 *
 * @param source        the file as the user named it
 * @param format        the layout detected from the content
 * @param certificates  the certificates, in the order the file stores them
 * @param privateKey    the private key, if the file holds one (at most one)
 * @param crls          the certificate revocation lists, in file order
 * @param pemBlockTypes for PEM text, the type of every block in order ("PRIVATE KEY", "CERTIFICATE", ...);
 *                      empty for binary formats
 */
public record CertificateFileContents(String source, CertificateFileFormat format,
                                      List<X509Certificate> certificates, Optional<DecodedPrivateKey> privateKey,
                                      List<X509CRL> crls, List<String> pemBlockTypes) {

    public CertificateFileContents {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        certificates = List.copyOf(certificates);
        Objects.requireNonNull(privateKey, "privateKey");
        crls = List.copyOf(crls);
        pemBlockTypes = List.copyOf(pemBlockTypes);
    }

    /** The key itself, if the file holds one. */
    public Optional<PrivateKey> key() {
        return privateKey.map(DecodedPrivateKey::key);
    }

    /** The first certificate whose public key belongs to the file's private key, if any. */
    public Optional<X509Certificate> certificateForKey() {
        return privateKey.flatMap(decoded -> certificates.stream()
                .filter(certificate -> PrivateKeys.matches(decoded.key(), certificate.getPublicKey()))
                .findFirst());
    }

    /** True when the file holds nothing at all (no certificate, key or CRL). */
    public boolean isEmpty() {
        return certificates.isEmpty() && privateKey.isEmpty() && crls.isEmpty();
    }

    @Override
    public String toString() {
        return "CertificateFileContents[" + source + ", " + format + ", " + certificates.size() + " certificate(s), "
                + privateKey.map(DecodedPrivateKey::toString).orElse("no private key") + ", " + crls.size() + " CRL(s)]";
    }
}
