package io.sipshield.certs.format;

import java.io.IOException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.bc.BcDefaultDigestProvider;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilderProvider;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;

/**
 * Reads a PKCS#12 file: checks the MAC with the password (a wrong password is reported as such),
 * decrypts the safes and collects certificate, key and CRL bags in file order. Other bag types
 * (secret keys, nested safes) are skipped.
 */
final class Pkcs12Decoder {

    private static final String MAC = "PKCS#12 MAC";

    private final String source;
    private final char[] password;

    Pkcs12Decoder(String source, char[] password) {
        this.source = source;
        this.password = password;
    }

    CertificateFileContents decode(byte[] der) throws CertificateFileException {
        Der.parse(der, source, "DER at byte 0");
        PKCS12PfxPdu pfx;
        try {
            pfx = new PKCS12PfxPdu(der);
        } catch (IOException | RuntimeException e) {
            throw new CertificateFileException(source, "DER at byte 0", "not a PKCS#12 PFX: " + e.getMessage(), e);
        }
        if (password == null) {
            throw new CertificateFileException(source, MAC, "the PKCS#12 file is password-protected and no password was given");
        }
        checkMac(pfx);
        List<X509Certificate> certificates = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        Optional<DecodedPrivateKey> key = Optional.empty();
        InputDecryptorProvider decryptor = decryptor();
        ContentInfo[] safes = pfx.getContentInfos();
        int bagNumber = 0;
        for (int safeIndex = 0; safeIndex < safes.length; safeIndex++) {
            for (PKCS12SafeBag bag : bags(safes[safeIndex], safeIndex + 1, decryptor)) {
                bagNumber++;
                Object value = bagValue(bag, bagNumber);
                if (value instanceof X509CertificateHolder holder) {
                    String block = "PKCS#12 bag " + bagNumber + " (certificate)";
                    certificates.add(X509Objects.certificate(encoded(holder.toASN1Structure(), block), source, block));
                } else if (value instanceof X509CRLHolder holder) {
                    String block = "PKCS#12 bag " + bagNumber + " (CRL)";
                    crls.add(X509Objects.crl(encoded(holder.toASN1Structure(), block), source, block));
                } else if (value instanceof PKCS8EncryptedPrivateKeyInfo shrouded) {
                    String block = "PKCS#12 bag " + bagNumber + " (shrouded key)";
                    requireNoKeyYet(key, block);
                    key = Optional.of(new PrivateKeyDecoder(source, password)
                            .encryptedPkcs8(encoded(shrouded.toASN1Structure(), block), block));
                } else if (value instanceof PrivateKeyInfo plain) {
                    String block = "PKCS#12 bag " + bagNumber + " (key)";
                    requireNoKeyYet(key, block);
                    key = Optional.of(new PrivateKeyDecoder(source, password).pkcs8(encoded(plain, block), block));
                }
            }
        }
        if (certificates.isEmpty() && key.isEmpty() && crls.isEmpty()) {
            throw new CertificateFileException(source, null, "the PKCS#12 file holds no certificate, key or CRL");
        }
        return new CertificateFileContents(source, CertificateFileFormat.PKCS12, certificates, key, crls, List.of());
    }

    private void checkMac(PKCS12PfxPdu pfx) throws CertificateFileException {
        if (!pfx.hasMac()) {
            return;
        }
        boolean valid;
        try {
            valid = pfx.isMacValid(new BcPKCS12MacCalculatorBuilderProvider(BcDefaultDigestProvider.INSTANCE), password);
        } catch (PKCSException | RuntimeException e) {
            throw new CertificateFileException(source, MAC, "cannot check the MAC ("
                    + pfx.getMacAlgorithmID().getAlgorithm() + "): " + e.getMessage(), e);
        }
        if (!valid) {
            throw new CertificateFileException(source, MAC, "wrong password: the integrity MAC does not verify");
        }
    }

    private PKCS12SafeBag[] bags(ContentInfo safe, int safeNumber, InputDecryptorProvider decryptor)
            throws CertificateFileException {
        try {
            if (PKCSObjectIdentifiers.encryptedData.equals(safe.getContentType())) {
                return new PKCS12SafeBagFactory(safe, decryptor).getSafeBags();
            }
            return new PKCS12SafeBagFactory(safe).getSafeBags();
        } catch (PKCSException | RuntimeException e) {
            throw new CertificateFileException(source, "PKCS#12 safe " + safeNumber,
                    "cannot " + (PKCSObjectIdentifiers.encryptedData.equals(safe.getContentType()) ? "decrypt" : "read")
                            + " the safe: " + e.getMessage(), e);
        }
    }

    private Object bagValue(PKCS12SafeBag bag, int bagNumber) throws CertificateFileException {
        try {
            return bag.getBagValue();
        } catch (RuntimeException e) {
            throw new CertificateFileException(source, "PKCS#12 bag " + bagNumber,
                    "malformed bag of type " + bag.getType() + ": " + e.getMessage(), e);
        }
    }

    private InputDecryptorProvider decryptor() {
        return new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(password);
    }

    private void requireNoKeyYet(Optional<DecodedPrivateKey> key, String block) throws CertificateFileException {
        if (key.isPresent()) {
            throw new CertificateFileException(source, block, "a second private key; a file may hold one private key");
        }
    }

    private byte[] encoded(ASN1Object object, String block) throws CertificateFileException {
        try {
            return object.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new CertificateFileException(source, block, "cannot re-encode the bag: " + e.getMessage(), e);
        }
    }
}
