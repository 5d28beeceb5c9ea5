package io.sipshield.certs.format;

import java.io.ByteArrayInputStream;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.CertificateList;

/** Turns DER into JDK certificate and CRL objects, with errors that name the file and block. */
final class X509Objects {

    private X509Objects() {
    }

    static X509Certificate certificate(byte[] der, String source, String block) throws CertificateFileException {
        ASN1Primitive primitive = Der.parse(der, source, block);
        DerShape shape = DerShape.of(primitive);
        if (shape != DerShape.CERTIFICATE) {
            throw new CertificateFileException(source, block, "not an X.509 certificate: the DER is " + shape.description());
        }
        try {
            Certificate.getInstance(primitive);
            return (X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new CertificateFileException(source, block, "not a valid X.509 certificate: " + e.getMessage(), e);
        }
    }

    static X509CRL crl(byte[] der, String source, String block) throws CertificateFileException {
        ASN1Primitive primitive = Der.parse(der, source, block);
        DerShape shape = DerShape.of(primitive);
        if (shape != DerShape.CRL) {
            throw new CertificateFileException(source, block, "not an X.509 CRL: the DER is " + shape.description());
        }
        try {
            CertificateList.getInstance(primitive);
            return (X509CRL) factory().generateCRL(new ByteArrayInputStream(der));
        } catch (CRLException | CertificateException | RuntimeException e) {
            throw new CertificateFileException(source, block, "not a valid X.509 CRL: " + e.getMessage(), e);
        }
    }

    private static CertificateFactory factory() throws CertificateException {
        return CertificateFactory.getInstance("X.509");
    }
}
