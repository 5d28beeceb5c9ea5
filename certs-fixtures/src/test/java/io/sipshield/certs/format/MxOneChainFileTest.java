package io.sipshield.certs.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.IssuedCertificate;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eri_sn_cert.pem: private key, server certificate, intermediates secondary before primary, root (seed 004). */
class MxOneChainFileTest {

    @TempDir
    Path dir;

    private final IssuedCertificate server = TestPki.deep().server();
    private final X509Certificate secondary = TestPki.deep().secondary().certificate();
    private final X509Certificate primary = TestPki.deep().primary().certificate();
    private final X509Certificate root = TestPki.root().certificate();

    private Path file(String pem) throws Exception {
        Path file = dir.resolve(MxOneChainFile.FILE_NAME);
        PemFiles.write(file, pem);
        return file;
    }

    private String key() {
        return PemFiles.privateKey(server.privateKey(), PrivateKeyEncoding.PKCS8);
    }

    @Test
    void theFileIsKeyServerSecondaryPrimaryRoot() throws Exception {
        Path file = file(MxOneChainFile.encode(server));

        CertificateFileContents contents = CertificateFiles.read(file);
        assertEquals(List.of("PRIVATE KEY", "CERTIFICATE", "CERTIFICATE", "CERTIFICATE", "CERTIFICATE"), contents.pemBlockTypes());
        assertEquals(List.of(server.certificate(), secondary, primary, root), contents.certificates());

        CertificateAndKey read = MxOneChainFile.read(file);
        assertEquals(server.chain(), read.chain());
        PemFilesTest.assertSameKey(server.privateKey(), read.privateKey());
    }

    @Test
    void importingALooseBundleOrdersIt() throws Exception {
        String pem = MxOneChainFile.encode(server.privateKey(), List.of(root, primary, server.certificate(), secondary));
        assertEquals(MxOneChainFile.encode(server).substring(pem.indexOf("-----BEGIN CERTIFICATE")),
                pem.substring(pem.indexOf("-----BEGIN CERTIFICATE")));
        assertEquals(server.chain(), MxOneChainFile.read(file(pem)).chain());
    }

    @Test
    void primaryBeforeSecondaryIsNamed() throws Exception {
        Path file = file(key() + PemFiles.certificates(List.of(server.certificate(), primary, secondary, root)));

        CertificateFileException e = assertThrows(CertificateFileException.class, () -> MxOneChainFile.read(file));

        assertEquals(Optional.of("PEM block 3 (CERTIFICATE)"), e.block());
        assertTrue(e.problem().startsWith("CN=sipshield primary CA did not issue PEM block 2 (CERTIFICATE), CN=*.mx.sip.test"),
                e.getMessage());
        assertTrue(e.problem().endsWith("intermediates secondary before primary, root CA"), e.getMessage());
    }

    @Test
    void theKeyMustComeFirst() throws Exception {
        Path file = file(PemFiles.certificates(List.of(server.certificate())) + key()
                + PemFiles.certificates(List.of(secondary, primary, root)));

        CertificateFileException e = assertThrows(CertificateFileException.class, () -> MxOneChainFile.read(file));

        assertEquals(Optional.of("PEM block 1 (CERTIFICATE)"), e.block());
        assertTrue(e.problem().startsWith("the file must start with the server's private key"), e.getMessage());
    }

    @Test
    void theRootMustEndTheFile() throws Exception {
        Path file = file(key() + PemFiles.certificates(List.of(server.certificate(), secondary, primary)));

        CertificateFileException e = assertThrows(CertificateFileException.class, () -> MxOneChainFile.read(file));

        assertEquals(Optional.of("PEM block 4 (CERTIFICATE)"), e.block());
        assertTrue(e.problem().startsWith("the chain ends with CN=sipshield primary CA (issued by CN=sipshield test root RSA), "
                + "not with the self-signed root CA"), e.getMessage());
    }

    @Test
    void theKeyMustBeTheServerCertificates() throws Exception {
        Path file = file(PemFiles.privateKey(TestPki.pbx().privateKey(), PrivateKeyEncoding.PKCS8)
                + PemFiles.certificates(server.chain()));

        CertificateFileException e = assertThrows(CertificateFileException.class, () -> MxOneChainFile.read(file));

        assertEquals(Optional.of("PEM block 2 (CERTIFICATE)"), e.block());
        assertTrue(e.problem().startsWith("the private key in PEM block 1 (PRIVATE KEY) does not match this server certificate"),
                e.getMessage());
    }

    @Test
    void onlyCertificatesFollowTheKey() throws Exception {
        Path file = file(key() + PemFiles.certificates(server.chain()) + PemFiles.crl(TestPki.crl(TestPki.root())));

        CertificateFileException e = assertThrows(CertificateFileException.class, () -> MxOneChainFile.read(file));

        assertEquals(Optional.of("PEM block 6 (X509 CRL)"), e.block());
    }

    @Test
    void aKeyWithoutCertificates() throws Exception {
        CertificateFileException e = assertThrows(CertificateFileException.class, () -> MxOneChainFile.read(file(key())));
        assertEquals("no certificate found: the server certificate must follow the private key", e.problem());
    }

    @Test
    void aKeyBelongingToNoCertificateCannotBeEncoded() {
        assertThrows(IllegalArgumentException.class,
                () -> MxOneChainFile.encode(TestPki.pbx().privateKey(), server.chain()));
    }
}
