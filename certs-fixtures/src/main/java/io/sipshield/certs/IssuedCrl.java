package io.sipshield.certs;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * A certificate revocation list with the CA certificate that signed it.
 *
 * @param crl    the CRL
 * @param issuer the certificate of the CA that signed it (its key verifies {@code crl})
 */
public record IssuedCrl(X509CRL crl, X509Certificate issuer) {

    public IssuedCrl {
        Objects.requireNonNull(crl, "crl");
        Objects.requireNonNull(issuer, "issuer");
    }

    /** The DER encoding, as served from a CRL distribution point. */
    public byte[] der() {
        try {
            return crl.getEncoded();
        } catch (CRLException e) {
            throw new IllegalStateException("cannot encode the CRL of " + crl.getIssuerX500Principal().getName(), e);
        }
    }

    /** One {@code X509 CRL} PEM block. */
    public String pem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(crl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "IssuedCrl[" + crl.getIssuerX500Principal().getName() + ", next update " + crl.getNextUpdate().toInstant() + "]";
    }
}
