package io.sipshield.certs.format;

import io.sipshield.certs.IssuedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * Writes PKCS#12 files (.p12, .pfx): one private key with its certificate chain, leaf first, all
 * password-protected. OpenSSL, the JDK's {@code KeyStore.getInstance("PKCS12")} and MX-ONE's import read them.
 *
 * <pre>{@code
 * byte[] pfx = Pkcs12Writer.builder().password("secret".toCharArray()).friendlyName("pbx").build()
 *         .encode(catalog.get(FixtureName.PBX_SERVER));
 * }</pre>
 */
public final class Pkcs12Writer {

    private static final int ITERATIONS = 2048;

    private final char[] password;
    private final String friendlyName;
    private final Pkcs12Protection protection;

    private Pkcs12Writer(Builder builder) {
        this.password = builder.password.clone();
        this.friendlyName = builder.friendlyName;
        this.protection = builder.protection;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The certificate's key and chain (leaf to root, as {@link IssuedCertificate#chain()}). */
    public byte[] encode(IssuedCertificate certificate) {
        return encode(certificate.privateKey(), certificate.chain());
    }

    /**
     * @param key   the private key of {@code chain.get(0)}
     * @param chain the certificate first, then its issuers
     * @throws IllegalArgumentException if the chain is empty or the key is not the first certificate's
     */
    public byte[] encode(PrivateKey key, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a PKCS#12 file needs the key's certificate; the chain is empty");
        }
        X509Certificate leaf = chain.get(0);
        if (!PrivateKeys.matches(key, leaf.getPublicKey())) {
            throw new IllegalArgumentException("the private key does not belong to " + leaf.getSubjectX500Principal().getName());
        }
        try {
            OutputEncryptor encryptor = encryptor();
            SubjectKeyIdentifier localKeyId = new JcaX509ExtensionUtils().createSubjectKeyIdentifier(leaf.getPublicKey());
            PKCS12SafeBag[] certificateBags = new PKCS12SafeBag[chain.size()];
            for (int i = 0; i < chain.size(); i++) {
                JcaPKCS12SafeBagBuilder bag = new JcaPKCS12SafeBagBuilder(chain.get(i));
                if (i == 0) {
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(friendlyName));
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
                }
                certificateBags[i] = bag.build();
            }
            JcaPKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(key, encryptor);
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(friendlyName));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);

            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(encryptor, certificateBags);
            pfx.addData(keyBag.build());
            PKCS12PfxPdu pdu = pfx.build(mac(), password);
            return pdu.getEncoded(ASN1Encoding.DL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException | PKCSException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build the PKCS#12 file with " + protection.description(), e);
        }
    }

    public void write(Path file, IssuedCertificate certificate) throws IOException {
        Files.write(file, encode(certificate));
    }

    public void write(Path file, PrivateKey key, List<X509Certificate> chain) throws IOException {
        Files.write(file, encode(key, chain));
    }

    private OutputEncryptor encryptor() throws OperatorCreationException {
        return switch (protection) {
            case AES_256_SHA256 -> new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                    .setProvider(BouncyCastle.PROVIDER)
                    .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
                    .setIterationCount(ITERATIONS).build(password);
            case LEGACY_3DES_SHA1 -> new JcePKCSPBEOutputEncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC)
                    .setProvider(BouncyCastle.PROVIDER).setIterationCount(ITERATIONS).build(password);
        };
    }

    private PKCS12MacCalculatorBuilder mac() {
        return switch (protection) {
            case AES_256_SHA256 -> new BcPKCS12MacCalculatorBuilder(new SHA256Digest(),
                    new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE)).setIterationCount(ITERATIONS);
            case LEGACY_3DES_SHA1 -> new BcPKCS12MacCalculatorBuilder().setIterationCount(ITERATIONS);
        };
    }

    @Override
    public String toString() {
        return "Pkcs12Writer[" + friendlyName + ", " + protection + "]";
    }

    /** Configures a {@link Pkcs12Writer}; the password is required. */
    public static final class Builder {

        private char[] password;
        private String friendlyName = "sipshield";
        private Pkcs12Protection protection = Pkcs12Protection.AES_256_SHA256;

        private Builder() {
        }

        /** The password for the MAC and the encryption (copied). */
        public Builder password(char[] password) {
            this.password = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /** The alias the key and certificate get ({@code friendlyName}); "sipshield" by default. */
        public Builder friendlyName(String friendlyName) {
            this.friendlyName = Objects.requireNonNull(friendlyName, "friendlyName");
            return this;
        }

        public Builder protection(Pkcs12Protection protection) {
            this.protection = Objects.requireNonNull(protection, "protection");
            return this;
        }

        public Pkcs12Writer build() {
            if (password == null) {
                throw new IllegalStateException("a PKCS#12 file needs a password: call password(...)");
            }
            return new Pkcs12Writer(this);
        }
    }
}
