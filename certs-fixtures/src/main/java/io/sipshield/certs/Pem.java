package io.sipshield.certs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Writes certificates and keys as PEM text (RFC 7468), and reads back what it wrote. */
public final class Pem {

    private Pem() {
    }

    /** The certificates as consecutive {@code CERTIFICATE} blocks, in the order given. */
    public static String certificates(List<X509Certificate> certificates) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The key as an unencrypted PKCS#8 {@code PRIVATE KEY} block. */
    public static String privateKey(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The {@code CERTIFICATE} blocks of {@code text}, in order.
     *
     * @throws IllegalArgumentException when the text holds no certificate or a block does not parse, saying which
     */
    public static List<X509Certificate> readCertificates(String text) {
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("no -----BEGIN CERTIFICATE----- block");
        }
        try {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate could be read");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("a certificate block does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * The one unencrypted private key of {@code text}: a PKCS#8 {@code PRIVATE KEY} block as {@link #privateKey}
     * writes, or a traditional {@code RSA/EC PRIVATE KEY} block.
     *
     * @throws IllegalArgumentException when the text holds no such key, saying what it found instead; the key
     *                                  material is never part of the message
     */
    public static PrivateKey readPrivateKey(String text) {
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            } else if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IllegalArgumentException(object == null ? "no PEM block" : "expected an unencrypted PRIVATE KEY "
                    + "block; found " + object.getClass().getSimpleName());
        } catch (IOException e) {
            throw new IllegalArgumentException("the key block does not parse: " + e.getMessage(), e);
        }
    }
}
