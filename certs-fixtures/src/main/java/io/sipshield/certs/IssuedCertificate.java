package io.sipshield.certs;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate with its key pair and the chain of issuers that signed it.
 *
 * @param certificate the certificate itself
 * @param keyPair     its key pair (the private key is test-only and generated at run time)
 * @param issuers     the issuers above it, nearest first, up to and including the root; empty when self-signed
 */
public record IssuedCertificate(X509Certificate certificate, KeyPair keyPair, List<X509Certificate> issuers) {

    public IssuedCertificate {
        issuers = List.copyOf(issuers);
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    /** The certificate followed by its issuers, leaf to root. */
    public List<X509Certificate> chain() {
        List<X509Certificate> chain = new ArrayList<>(issuers.size() + 1);
        chain.add(certificate);
        chain.addAll(issuers);
        return List.copyOf(chain);
    }

    /** The certificate followed by its issuers but without the self-signed root, as a server sends it. */
    public List<X509Certificate> chainWithoutRoot() {
        List<X509Certificate> chain = chain();
        if (chain.size() > 1) {
            return chain.subList(0, chain.size() - 1);
        }
        return chain;
    }

    public String certificatePem() {
        return Pem.certificates(List.of(certificate));
    }

    /** The private key as unencrypted PKCS#8 PEM. Test keys only: never log it. */
    public String privateKeyPem() {
        return Pem.privateKey(keyPair.getPrivate());
    }

    @Override
    public String toString() {
        return "IssuedCertificate[" + certificate.getSubjectX500Principal().getName() + "]";
    }
}
