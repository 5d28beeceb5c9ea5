package io.sipshield.certs.cisco;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;

/**
 * The certificate and private key that sign a header. Both tools refuse anything but RSA, and the
 * header can only describe 512, 1024, 2048 and 4096-bit signatures.
 *
 * @param certificate the signing certificate (a SAST for trust lists, a TFTP for .sgn files)
 * @param key         its private key; test keys only, never logged
 */
record Signer(X509Certificate certificate, PrivateKey key) {

    Signer {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        HeaderLayout.signatureLength(certificate);
        RSAPublicKey publicKey = (RSAPublicKey) certificate.getPublicKey();
        if (!(key instanceof RSAKey rsaKey) || !rsaKey.getModulus().equals(publicKey.getModulus())) {
            throw new IllegalArgumentException("the private key does not belong to the signing certificate "
                    + certificate.getSubjectX500Principal().getName());
        }
    }

    @Override
    public String toString() {
        return "Signer[" + certificate.getSubjectX500Principal().getName() + "]";
    }
}
