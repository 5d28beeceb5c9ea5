package io.sipshield.certs.format;

import io.sipshield.certs.IssuedCertificate;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate with its private key and the issuers that came with it, as a combined file holds them.
 *
 * @param chain      the key's certificate first, then its issuers in file order
 * @param privateKey the private key of {@code chain.get(0)} (test keys only; never shown by {@link #toString()})
 */
public record CertificateAndKey(List<X509Certificate> chain, PrivateKey privateKey) {

    public CertificateAndKey {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the chain needs the key's certificate");
        }
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /** The certificate the key belongs to. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The same material as an {@link IssuedCertificate}, ready for the emulator and the mock. */
    public IssuedCertificate toIssuedCertificate() {
        return new IssuedCertificate(certificate(), new KeyPair(certificate().getPublicKey(), privateKey),
                chain.subList(1, chain.size()));
    }

    @Override
    public String toString() {
        return "CertificateAndKey[" + certificate().getSubjectX500Principal().getName() + ", " + chain.size()
                + " certificate(s), " + PrivateKeys.describe(privateKey) + " key]";
    }
}
