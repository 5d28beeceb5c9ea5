package io.sipshield.certs.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DerFilesTest {

    @TempDir
    Path dir;

    @Test
    void aCertificateRoundTripsAsDer() throws Exception {
        X509Certificate pbx = TestPki.pbx().certificate();
        Path file = dir.resolve("pbx.cer");
        DerFiles.writeCertificate(file, pbx);

        CertificateFileContents contents = CertificateFiles.read(file);

        assertEquals(CertificateFileFormat.DER_CERTIFICATE, contents.format());
        assertEquals(List.of(pbx), contents.certificates());
        assertEquals(List.of(), contents.pemBlockTypes());
    }

    @Test
    void aCrlRoundTripsAsDer() throws Exception {
        X509CRL crl = TestPki.crl(TestPki.root(), TestPki.pbx().certificate().getSerialNumber(),
                TestPki.otherHost().certificate().getSerialNumber());
        Path file = dir.resolve("root.crl");
        DerFiles.writeCrl(file, crl);

        CertificateFileContents contents = CertificateFiles.read(file);

        assertEquals(CertificateFileFormat.DER_CRL, contents.format());
        assertEquals(List.of(crl), contents.crls());
        assertEquals(2, contents.crls().get(0).getRevokedCertificates().size());
    }

    @Test
    void anEmptyCrlIsStillACrl() throws Exception {
        Path file = dir.resolve("empty.crl");
        DerFiles.writeCrl(file, TestPki.crl(TestPki.root()));
        assertEquals(CertificateFileFormat.DER_CRL, CertificateFiles.read(file).format());
    }

    @Test
    void aPkcs8KeyRoundTripsAsDer() throws Exception {
        Path file = dir.resolve("pbx.p8");
        Files.write(file, TestPki.pbx().privateKey().getEncoded());

        CertificateFileContents contents = CertificateFiles.read(file);

        assertEquals(CertificateFileFormat.DER_PRIVATE_KEY, contents.format());
        PemFilesTest.assertSameKey(TestPki.pbx().privateKey(), contents.key().orElseThrow());
    }

    @Test
    void aCorruptSignatureFieldIsNamed() throws Exception {
        byte[] der = DerFiles.certificate(TestPki.pbx().certificate());
        // the outer SEQUENCE holds TBSCertificate, AlgorithmIdentifier, BIT STRING; make the BIT STRING an OCTET STRING
        int bitString = der.length - 257 - 4;
        assertEquals(0x03, der[bitString], "test assumption: the signature BIT STRING of an RSA-2048 signature");
        der[bitString] = 0x04;
        Path file = Files.write(dir.resolve("odd.cer"), der);

        CertificateFileException e = assertThrows(CertificateFileException.class, () -> CertificateFiles.read(file));

        assertEquals(Optional.of("DER at byte 0"), e.block());
        assertTrue(e.problem().startsWith("not a certificate, CRL"), e.getMessage());
    }
}
