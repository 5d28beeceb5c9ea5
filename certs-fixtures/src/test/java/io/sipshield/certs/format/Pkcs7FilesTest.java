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
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs7FilesTest {

    @TempDir
    Path dir;

    private final X509Certificate server = TestPki.deep().server().certificate();
    private final X509Certificate secondary = TestPki.deep().secondary().certificate();
    private final X509Certificate primary = TestPki.deep().primary().certificate();
    private final X509Certificate root = TestPki.root().certificate();

    @Test
    void derRoundTripsKeepingTheOrderGiven() throws Exception {
        List<X509Certificate> chain = List.of(server, secondary, primary, root);
        List<X509Certificate> scrambled = List.of(root, server, primary, secondary);
        for (List<X509Certificate> order : List.of(chain, scrambled)) {
            Path file = dir.resolve("bundle.p7b");
            Pkcs7Files.writeDer(file, order, List.of());

            CertificateFileContents contents = CertificateFiles.read(file);

            assertEquals(CertificateFileFormat.PKCS7_DER, contents.format());
            assertEquals(order, contents.certificates());
        }
    }

    @Test
    void pemRoundTripsWithCrls() throws Exception {
        X509CRL crl = TestPki.crl(TestPki.root(), primary.getSerialNumber());
        Path file = dir.resolve("bundle.p7c");
        Pkcs7Files.writePem(file, List.of(server, root), List.of(crl));

        CertificateFileContents contents = CertificateFiles.read(file);

        assertTrue(Files.readString(file).startsWith("-----BEGIN PKCS7-----"));
        assertEquals(CertificateFileFormat.PKCS7_PEM, contents.format());
        assertEquals(List.of(server, root), contents.certificates());
        assertEquals(List.of(crl), contents.crls());
    }

    @Test
    void itIsADegenerateSignedDataThatBouncyCastleReads() throws Exception {
        CMSSignedData signedData = new CMSSignedData(Pkcs7Files.der(List.of(server, root), List.of()));
        assertEquals(0, signedData.getSignerInfos().size());
        assertEquals(2, signedData.getCertificates().getMatches(null).size());
    }

    @Test
    void aBundleWithNothingInItIsRefused() throws Exception {
        Path file = Files.write(dir.resolve("empty.p7b"), Pkcs7Files.der(List.of(), List.of()));
        CertificateFileException e = assertThrows(CertificateFileException.class, () -> CertificateFiles.read(file));
        assertEquals(Optional.of("DER at byte 0"), e.block());
        assertEquals("the PKCS#7 bundle holds no certificate and no CRL", e.problem());
    }

    @Test
    void aPkcs7ThatIsNotSignedDataIsRefused() throws Exception {
        byte[] data = new ContentInfo(CMSObjectIdentifiers.data, new DEROctetString(new byte[] {1, 2, 3})).getEncoded();
        Path file = Files.write(dir.resolve("data.p7"), data);
        CertificateFileException e = assertThrows(CertificateFileException.class, () -> CertificateFiles.read(file));
        assertTrue(e.problem().contains("is not signedData"), e.getMessage());
    }

    @Test
    void aBrokenCertificateInsideTheBundleIsNamed() throws Exception {
        byte[] der = Pkcs7Files.der(List.of(server, root), List.of());
        byte[] serverDer = server.getEncoded();
        int at = indexOf(der, serverDer);
        int signatureLength = Certificate.getInstance(serverDer).getSignature().getEncoded().length;
        der[at + serverDer.length - signatureLength] = 0x04; // the signature BIT STRING becomes an OCTET STRING: valid DER, no certificate
        Path file = Files.write(dir.resolve("broken.p7b"), der);

        CertificateFileException e = assertThrows(CertificateFileException.class, () -> CertificateFiles.read(file));

        assertEquals(Optional.of("DER at byte 0, certificate 1"), e.block());
        assertEquals("not an X.509 certificate: the DER is an unknown structure", e.problem());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
