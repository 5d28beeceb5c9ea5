package io.sipshield.certs.format;

import io.sipshield.certs.Pem;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.openssl.PEMEncryptor;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Writes PEM text: certificates, private keys in every {@link PrivateKeyEncoding}, CRLs. Read any of
 * it back with {@link CertificateFiles#read}.
 */
public final class PemFiles {

    /** The cipher of {@link PrivateKeyEncoding#TRADITIONAL_ENCRYPTED} keys, as OpenSSL writes it in DEK-Info. */
    static final String TRADITIONAL_CIPHER = "AES-128-CBC";
    private static final int PBKDF2_ITERATIONS = 2048;

    private PemFiles() {
    }

    /** The certificates as consecutive CERTIFICATE blocks, in the order given (a chain file: leaf to root). */
    public static String certificates(List<X509Certificate> certificates) {
        return Pem.certificates(certificates);
    }

    /** An unencrypted key: {@link PrivateKeyEncoding#PKCS8} or {@link PrivateKeyEncoding#TRADITIONAL}. */
    public static String privateKey(PrivateKey key, PrivateKeyEncoding encoding) {
        if (encoding.encrypted()) {
            throw new IllegalArgumentException(encoding + " needs a password: use encryptedPrivateKey");
        }
        return encoding == PrivateKeyEncoding.PKCS8 ? Pem.privateKey(key) : traditional(key, null);
    }

    /**
     * An encrypted key: {@link PrivateKeyEncoding#PKCS8_ENCRYPTED} (PBES2, AES-256-CBC, PBKDF2-HMAC-SHA256,
     * as OpenSSL 3 writes) or {@link PrivateKeyEncoding#TRADITIONAL_ENCRYPTED} ({@code Proc-Type: 4,ENCRYPTED},
     * {@code DEK-Info: AES-128-CBC,<iv>}).
     */
    public static String encryptedPrivateKey(PrivateKey key, PrivateKeyEncoding encoding, char[] password) {
        if (!encoding.encrypted()) {
            throw new IllegalArgumentException(encoding + " is not encrypted: use privateKey");
        }
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("an encrypted key needs a non-empty password");
        }
        return encoding == PrivateKeyEncoding.PKCS8_ENCRYPTED ? encryptedPkcs8(key, password) : traditional(key, password);
    }

    /** The CRL as one X509 CRL block. */
    public static String crl(X509CRL crl) {
        try {
            return pem(new PemObject("X509 CRL", crl.getEncoded()));
        } catch (CRLException e) {
            throw new IllegalArgumentException("cannot encode the CRL: " + e.getMessage(), e);
        }
    }

    /** Writes PEM text to a file (US-ASCII, as PEM always is). */
    public static void write(Path file, String pem) throws IOException {
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    private static String encryptedPkcs8(PrivateKey key, char[] password) {
        try {
            OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(BouncyCastle.PROVIDER)
                    .setPRF(PKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(PBKDF2_ITERATIONS)
                    .setPassword(password)
                    .build();
            return pem(new JcaPKCS8Generator(key, encryptor).generate());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot encrypt the " + key.getAlgorithm() + " key", e);
        }
    }

    private static String traditional(PrivateKey key, char[] password) {
        TraditionalKeys.Traditional traditional = TraditionalKeys.encode(key);
        if (password == null) {
            return pem(new PemObject(traditional.pemType(), traditional.der()));
        }
        PEMEncryptor encryptor = new JcePEMEncryptorBuilder(TRADITIONAL_CIPHER)
                .setProvider(BouncyCastle.PROVIDER).build(password);
        try {
            byte[] encrypted = encryptor.encrypt(traditional.der());
            List<PemHeader> headers = List.of(
                    new PemHeader("Proc-Type", "4,ENCRYPTED"),
                    new PemHeader("DEK-Info", encryptor.getAlgorithm() + "," + HexFormat.of().withUpperCase().formatHex(encryptor.getIV())));
            return pem(new PemObject(traditional.pemType(), headers, encrypted));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encrypt the " + key.getAlgorithm() + " key", e);
        }
    }

    private static String pem(PemObject object) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
