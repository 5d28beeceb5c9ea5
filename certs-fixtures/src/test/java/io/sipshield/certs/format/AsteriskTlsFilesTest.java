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

class AsteriskTlsFilesTest {

    @TempDir
    Path dir;

    private final IssuedCertificate server = TestPki.deep().server();
    private final X509Certificate root = TestPki.root().certificate();

    @Test
    void writesAndReadsTheTriple() throws Exception {
        AsteriskTlsFiles files = AsteriskTlsFiles.in(dir).write(server, List.of(root));

        assertEquals(dir.resolve("asterisk.crt"), files.certFile());
        assertEquals(List.of("CERTIFICATE", "CERTIFICATE", "CERTIFICATE"), CertificateFiles.read(files.certFile()).pemBlockTypes());
        AsteriskTlsFiles.Contents contents = files.read();
        assertEquals(server.chainWithoutRoot(), contents.server().chain());
        PemFilesTest.assertSameKey(server.privateKey(), contents.server().privateKey());
        assertEquals(List.of(root), contents.caList());
    }

    @Test
    void thePjsipOptionsNameTheFiles() {
        AsteriskTlsFiles files = AsteriskTlsFiles.in(dir);
        assertEquals("cert_file = " + dir.resolve("asterisk.crt") + "\npriv_key_file = " + dir.resolve("asterisk.key")
                + "\nca_list_file = " + dir.resolve("ca.pem") + "\n", files.pjsipOptions());
    }

    @Test
    void anEncryptedKeyNeedsThePassword() throws Exception {
        AsteriskTlsFiles files = AsteriskTlsFiles.in(dir).write(server, List.of(root));
        char[] password = "asterisk".toCharArray();
        PemFiles.write(files.privKeyFile(),
                PemFiles.encryptedPrivateKey(server.privateKey(), PrivateKeyEncoding.PKCS8_ENCRYPTED, password));

        assertEquals(server.certificate(), files.read(password).server().certificate());
        CertificateFileException e = assertThrows(CertificateFileException.class, files::read);
        assertEquals(files.privKeyFile().toString(), e.file());
    }

    @Test
    void aKeyForAnotherCertificateIsBlamedOnPrivKeyFile() throws Exception {
        AsteriskTlsFiles files = AsteriskTlsFiles.in(dir).write(server, List.of(root));
        PemFiles.write(files.privKeyFile(), TestPki.pbx().privateKeyPem());

        CertificateFileException e = assertThrows(CertificateFileException.class, files::read);

        assertEquals(files.privKeyFile().toString(), e.file());
        assertEquals(Optional.of("PEM block 1 (PRIVATE KEY)"), e.block());
        assertTrue(e.problem().startsWith("the private key does not match the certificate in " + files.certFile()), e.getMessage());
    }

    @Test
    void aCertFileInTheWrongOrderIsBlamedOnCertFile() throws Exception {
        AsteriskTlsFiles files = AsteriskTlsFiles.in(dir).write(server, List.of(root));
        PemFiles.write(files.certFile(), PemFiles.certificates(List.of(server.certificate(), TestPki.deep().primary().certificate())));

        CertificateFileException e = assertThrows(CertificateFileException.class, files::read);

        assertEquals(files.certFile().toString(), e.file());
        assertEquals(Optional.of("PEM block 2 (CERTIFICATE)"), e.block());
    }

    @Test
    void anEmptyCaListIsBlamedOnCaListFile() throws Exception {
        AsteriskTlsFiles files = AsteriskTlsFiles.in(dir).write(server, List.of(root));
        PemFiles.write(files.caListFile(), PemFiles.crl(TestPki.crl(TestPki.root())));

        CertificateFileException e = assertThrows(CertificateFileException.class, files::read);

        assertEquals(files.caListFile().toString(), e.file());
        assertEquals("ca_list_file holds only certificates here; found a X509 CRL block", e.problem());
        assertThrows(IllegalArgumentException.class, () -> AsteriskTlsFiles.in(dir).write(server, List.of()));
    }
}
