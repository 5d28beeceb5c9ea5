package io.sipshield.certs.format;

import java.io.IOException;
import java.security.PrivateKey;
import java.util.HexFormat;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMDecryptorProvider;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/** Reads private keys in every encoding {@link PrivateKeyEncoding} names, decrypting with the password. */
final class PrivateKeyDecoder {

    private final String source;
    private final char[] password;

    /** @param password the password for encrypted keys, or null when none was given */
    PrivateKeyDecoder(String source, char[] password) {
        this.source = source;
        this.password = password;
    }

    DecodedPrivateKey pkcs8(byte[] der, String block) throws CertificateFileException {
        Der.parse(der, source, block);
        try {
            return new DecodedPrivateKey(toKey(PrivateKeyInfo.getInstance(der), block), PrivateKeyEncoding.PKCS8);
        } catch (IllegalArgumentException e) {
            throw new CertificateFileException(source, block, "not a PKCS#8 private key: " + e.getMessage(), e);
        }
    }

    DecodedPrivateKey encryptedPkcs8(byte[] der, String block) throws CertificateFileException {
        Der.parse(der, source, block);
        PKCS8EncryptedPrivateKeyInfo encrypted;
        try {
            encrypted = new PKCS8EncryptedPrivateKeyInfo(der);
        } catch (IOException | RuntimeException e) {
            throw new CertificateFileException(source, block, "not an encrypted PKCS#8 private key: " + e.getMessage(), e);
        }
        requirePassword(block);
        try {
            InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(BouncyCastle.PROVIDER).build(password);
            PrivateKeyInfo info = encrypted.decryptPrivateKeyInfo(decryptor);
            return new DecodedPrivateKey(toKey(info, block), PrivateKeyEncoding.PKCS8_ENCRYPTED);
        } catch (OperatorCreationException e) {
            throw new CertificateFileException(source, block, "unsupported key encryption "
                    + encrypted.getEncryptionAlgorithm().getAlgorithm() + ": " + e.getMessage(), e);
        } catch (PKCSException | RuntimeException e) {
            throw new CertificateFileException(source, block,
                    "wrong password: the key does not decrypt (" + e.getMessage() + ")", e);
        }
    }

    /** A traditional key in a binary DER file ({@code openssl pkey -outform DER} writes EC keys as SEC1). */
    DecodedPrivateKey traditionalDer(String pemType, byte[] der, String block) throws CertificateFileException {
        PrivateKeyInfo info;
        try {
            info = TraditionalKeys.decode(pemType, der);
        } catch (IOException | RuntimeException e) {
            throw new CertificateFileException(source, block, "not a valid " + pemType + ": " + e.getMessage(), e);
        }
        return new DecodedPrivateKey(toKey(info, block), PrivateKeyEncoding.TRADITIONAL);
    }

    /** An "RSA PRIVATE KEY" or "EC PRIVATE KEY" block, encrypted when its headers say {@code Proc-Type: 4,ENCRYPTED}. */
    DecodedPrivateKey traditional(PemBlock pem) throws CertificateFileException {
        String block = pem.name();
        Map<String, String> headers = pem.headers();
        String procType = headers.get("Proc-Type");
        boolean encrypted = procType != null && procType.replace(" ", "").equals("4,ENCRYPTED");
        if (procType != null && !encrypted) {
            throw new CertificateFileException(source, block, "unsupported Proc-Type '" + procType + "'; expected 4,ENCRYPTED");
        }
        byte[] der = pem.content();
        if (encrypted) {
            der = decrypt(pem, headers.get("DEK-Info"));
        }
        PrivateKeyInfo info;
        try {
            info = TraditionalKeys.decode(pem.type(), der);
        } catch (IOException | RuntimeException e) {
            if (encrypted) {
                throw new CertificateFileException(source, block, "wrong password: the key decrypts to garbage", e);
            }
            throw new CertificateFileException(source, block, "not a valid " + pem.type() + ": " + e.getMessage(), e);
        }
        return new DecodedPrivateKey(toKey(info, block),
                encrypted ? PrivateKeyEncoding.TRADITIONAL_ENCRYPTED : PrivateKeyEncoding.TRADITIONAL);
    }

    private byte[] decrypt(PemBlock pem, String dekInfo) throws CertificateFileException {
        String block = pem.name();
        if (dekInfo == null) {
            throw new CertificateFileException(source, block, "Proc-Type says ENCRYPTED but there is no DEK-Info header");
        }
        int comma = dekInfo.indexOf(',');
        if (comma < 0) {
            throw new CertificateFileException(source, block, "DEK-Info '" + dekInfo + "' has no IV; expected <cipher>,<hex iv>");
        }
        String cipher = dekInfo.substring(0, comma).strip();
        byte[] iv;
        try {
            iv = HexFormat.of().parseHex(dekInfo.substring(comma + 1).strip());
        } catch (IllegalArgumentException e) {
            throw new CertificateFileException(source, block, "DEK-Info IV is not hex: " + e.getMessage(), e);
        }
        requirePassword(block);
        try {
            PEMDecryptorProvider provider = new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(password);
            return provider.get(cipher).decrypt(pem.content(), iv);
        } catch (OperatorCreationException e) {
            throw new CertificateFileException(source, block, "unsupported DEK-Info cipher '" + cipher + "'", e);
        } catch (PEMException e) {
            if (e.getMessage() != null && e.getMessage().contains("unknown encryption")) {
                throw new CertificateFileException(source, block, "unsupported DEK-Info cipher '" + cipher + "'", e);
            }
            throw new CertificateFileException(source, block, "wrong password: the key does not decrypt (" + e.getMessage() + ")", e);
        }
    }

    private void requirePassword(String block) throws CertificateFileException {
        if (password == null) {
            throw new CertificateFileException(source, block, "the private key is encrypted and no password was given");
        }
    }

    private PrivateKey toKey(PrivateKeyInfo info, String block) throws CertificateFileException {
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (PEMException | RuntimeException e) {
            throw new CertificateFileException(source, block, "unusable private key ("
                    + info.getPrivateKeyAlgorithm().getAlgorithm() + "): " + e.getMessage(), e);
        }
    }
}
