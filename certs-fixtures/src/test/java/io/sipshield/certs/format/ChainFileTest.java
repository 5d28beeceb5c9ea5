package io.sipshield.certs.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.CertificateSpec;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.KeyAlgorithm;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainFileTest {

    @TempDir
    Path dir;

    private final IssuedCertificate server = TestPki.deep().server();
    private final X509Certificate secondary = TestPki.deep().secondary().certificate();
    private final X509Certificate primary = TestPki.deep().primary().certificate();
    private final X509Certificate root = TestPki.root().certificate();

    private Path write(List<X509Certificate> certificates) throws Exception {
        Path file = dir.resolve("chain.pem");
        PemFiles.write(file, PemFiles.certificates(certificates));
        return file;
    }

    @Test
    void leafToRootRoundTrips() throws Exception {
        Path file = dir.resolve("chain.pem");
        ChainFile.write(file, server);
        assertEquals(server.chain(), ChainFile.read(file));
    }

    @Test
    void theRootMayBeLeftOut() throws Exception {
        assertEquals(server.chainWithoutRoot(), ChainFile.read(write(server.chainWithoutRoot())));
    }

    @Test
    void rootToLeafIsRecognised() throws Exception {
        Path file = write(List.of(root, primary, secondary, server.certificate()));

        CertificateFileException e = assertThrows(CertificateFileException.class, () -> ChainFile.read(file));

        assertEquals(Optional.of("PEM block 1 (CERTIFICATE)"), e.block());
        assertTrue(e.problem().startsWith("the certificates are in root-to-leaf order; a chain file goes leaf to root"), e.getMessage());
    }

    @Test
    void aMissingIntermediateIsNamed() throws Exception {
        Path file = write(List.of(server.certificate(), primary, root));

        CertificateFileException e = assertThrows(CertificateFileException.class, () -> ChainFile.read(file));

        assertEquals(Optional.of("PEM block 2 (CERTIFICATE)"), e.block());
        assertTrue(e.problem().startsWith("CN=sipshield primary CA did not issue PEM block 1 (CERTIFICATE), "
                + "CN=*.mx.sip.test (issued by CN=sipshield secondary CA)"), e.getMessage());
    }

    @Test
    void anImpostorWithTheIssuersNameButAnotherKey() throws Exception {
        IssuedCertificate impostor = CertificateSpec.root("sipshield test root RSA")
                .keyAlgorithm(KeyAlgorithm.EC_P256).keyPair(server.keyPair()).build();
        Path file = write(List.of(TestPki.pbx().certificate(), impostor.certificate()));

        CertificateFileException e = assertThrows(CertificateFileException.class, () -> ChainFile.read(file));

        assertEquals(Optional.of("PEM block 2 (CERTIFICATE)"), e.block());
        assertTrue(e.problem().contains("has the issuer's name but its key does not verify the signature of PEM block 1"),
                e.getMessage());
    }

    @Test
    void aKeyDoesNotBelongInAChainFile() throws Exception {
        Path file = dir.resolve("chain.pem");
        PemFiles.write(file, PemFiles.certificates(server.chain()) + server.privateKeyPem());

        CertificateFileException e = assertThrows(CertificateFileException.class, () -> ChainFile.read(file));

        assertEquals(Optional.of("PEM block 5 (PRIVATE KEY)"), e.block());
        assertEquals("a chain file holds only certificates here; found a PRIVATE KEY block", e.problem());
    }

    @Test
    void theWriterRefusesAnyOtherOrder() {
        assertThrows(IllegalArgumentException.class, () -> ChainFile.encode(List.of(root, server.certificate())));
        assertThrows(IllegalArgumentException.class, () -> ChainFile.encode(List.of()));
    }

    @Test
    void chainOrderSortsALooseSetAndRejectsStrangers() {
        assertEquals(server.chain(), ChainOrder.leafToRoot(server.certificate(), List.of(primary, root, secondary)));
        assertEquals(List.of(server.certificate(), secondary), ChainOrder.leafToRoot(server.certificate(), List.of(secondary)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChainOrder.leafToRoot(server.certificate(), List.of(secondary, TestPki.pbx().certificate())));
        assertTrue(e.getMessage().startsWith("CN=pbx.sip.test is not in the chain of"), e.getMessage());
        assertTrue(ChainOrder.selfSigned(root));
        assertFalse(ChainOrder.selfSigned(primary));
    }
}
