package io.sipshield.certs.format;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DLSequence;
import org.bouncycastle.asn1.DLSet;
import org.bouncycastle.asn1.DLTaggedObject;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PKCS#7 certificate bundles (.p7b): a certs-only SignedData with no signer, as {@code openssl crl2pkcs7
 * -nocrl} writes and MX-ONE imports. Certificates keep the order given (the SET is not re-sorted).
 */
public final class Pkcs7Files {

    /** The PEM type OpenSSL uses for PKCS#7. */
    static final String PEM_TYPE = "PKCS7";

    private Pkcs7Files() {
    }

    /** The bundle as DER. */
    public static byte[] der(List<X509Certificate> certificates, List<X509CRL> crls) {
        ASN1EncodableVector certificateSet = new ASN1EncodableVector();
        ASN1EncodableVector crlSet = new ASN1EncodableVector();
        try {
            for (X509Certificate certificate : certificates) {
                certificateSet.add(Certificate.getInstance(certificate.getEncoded()));
            }
            for (X509CRL crl : crls) {
                crlSet.add(CertificateList.getInstance(crl.getEncoded()));
            }
            // built by hand: BC's SignedData encodes its SETs as DER, which sorts them and loses the chain order
            ASN1EncodableVector signedData = new ASN1EncodableVector();
            signedData.add(new ASN1Integer(1));
            signedData.add(new DLSet());
            signedData.add(new DLSequence(CMSObjectIdentifiers.data));
            signedData.add(new DLTaggedObject(false, 0, new DLSet(certificateSet)));
            if (!crls.isEmpty()) {
                signedData.add(new DLTaggedObject(false, 1, new DLSet(crlSet)));
            }
            signedData.add(new DLSet());
            return new DLSequence(new ASN1Encodable[] {CMSObjectIdentifiers.signedData,
                new DLTaggedObject(true, 0, new DLSequence(signedData))}).getEncoded(ASN1Encoding.DL);
        } catch (CertificateEncodingException | CRLException e) {
            throw new IllegalArgumentException("cannot encode a certificate or CRL for PKCS#7: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundle as one {@code -----BEGIN PKCS7-----} block. */
    public static String pem(List<X509Certificate> certificates, List<X509CRL> crls) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(PEM_TYPE, der(certificates, crls)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static void writeDer(Path file, List<X509Certificate> certificates, List<X509CRL> crls) throws IOException {
        Files.write(file, der(certificates, crls));
    }

    public static void writePem(Path file, List<X509Certificate> certificates, List<X509CRL> crls) throws IOException {
        Files.writeString(file, pem(certificates, crls));
    }

    /** What a PKCS#7 bundle holds. */
    record Bundle(List<X509Certificate> certificates, List<X509CRL> crls) {
    }

    /** Reads the certificates and CRLs of a SignedData; signers, if any, are not checked. */
    static Bundle decode(byte[] der, String source, String block) throws CertificateFileException {
        ASN1Primitive primitive = Der.parse(der, source, block);
        ContentInfo contentInfo;
        try {
            contentInfo = ContentInfo.getInstance(primitive);
        } catch (RuntimeException e) {
            throw new CertificateFileException(source, block, "not a PKCS#7 ContentInfo: " + e.getMessage(), e);
        }
        if (!CMSObjectIdentifiers.signedData.equals(contentInfo.getContentType())) {
            throw new CertificateFileException(source, block, "PKCS#7 content type " + contentInfo.getContentType()
                    + " is not signedData (" + CMSObjectIdentifiers.signedData + "); only certificate bundles are read");
        }
        SignedData signedData;
        try {
            signedData = SignedData.getInstance(contentInfo.getContent());
        } catch (RuntimeException e) {
            throw new CertificateFileException(source, block, "malformed PKCS#7 SignedData: " + e.getMessage(), e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        ASN1Set certificateSet = signedData.getCertificates();
        if (certificateSet != null) {
            int index = 0;
            for (ASN1Encodable element : certificateSet) {
                index++;
                if (element.toASN1Primitive() instanceof ASN1Sequence) {
                    certificates.add(X509Objects.certificate(encoded(element, source, block), source,
                            block + ", certificate " + index));
                }
            }
        }
        ASN1Set crlSet = signedData.getCRLs();
        if (crlSet != null) {
            int index = 0;
            for (ASN1Encodable element : crlSet) {
                index++;
                if (element.toASN1Primitive() instanceof ASN1Sequence) {
                    crls.add(X509Objects.crl(encoded(element, source, block), source, block + ", CRL " + index));
                }
            }
        }
        if (certificates.isEmpty() && crls.isEmpty()) {
            throw new CertificateFileException(source, block, "the PKCS#7 bundle holds no certificate and no CRL");
        }
        return new Bundle(certificates, crls);
    }

    private static byte[] encoded(ASN1Encodable element, String source, String block) throws CertificateFileException {
        try {
            return element.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new CertificateFileException(source, block, "cannot re-encode an element: " + e.getMessage(), e);
        }
    }
}
