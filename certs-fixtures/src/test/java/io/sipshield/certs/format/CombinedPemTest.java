package io.sipshield.certs.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.IssuedCertificate;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CombinedPemTest {

    @TempDir
    Path dir;

    @Test
    void algoSipclientPemIsCertificateThenKey() throws Exception {
        IssuedCertificate client = TestPki.deep().server();
        Path file = dir.resolve("sipclient.pem");
        CombinedPem.write(file, CombinedPem.sipclientPem(client));

        CertificateAndKey read = CombinedPem.read(file);

        assertEquals(List.of("CERTIFICATE", "PRIVATE KEY"), CertificateFiles.read(file).pemBlockTypes());
        assertEquals(client.certificate(), read.certificate());
        PemFilesTest.assertSameKey(client.privateKey(), read.privateKey());
    }

    @Test
    void mkcertOutputIsTraditionalKeyThenCertificate() throws Exception {
        IssuedCertificate selfSigned = TestPki.selfSigned();
        Path file = dir.resolve("pbx.pem");
        CombinedPem.write(file, CombinedPem.mkcertPem(selfSigned));

        CertificateAndKey read = CombinedPem.read(file);

        assertEquals(List.of("RSA PRIVATE KEY", "CERTIFICATE"), CertificateFiles.read(file).pemBlockTypes());
        assertEquals(List.of(selfSigned.certificate()), read.chain());
        assertEquals(selfSigned.certificate(), read.toIssuedCertificate().certificate());
    }

    @Test
    void anEncryptedKeyAndAChainReadWithThePassword() throws Exception {
        IssuedCertificate pbx = TestPki.pbx();
        char[] password = "combined".toCharArray();
        Path file = dir.resolve("pbx-chain-key.pem");
        CombinedPem.write(file, PemFiles.certificates(pbx.chain())
                + PemFiles.encryptedPrivateKey(pbx.privateKey(), PrivateKeyEncoding.TRADITIONAL_ENCRYPTED, password));

        CertificateAndKey read = CombinedPem.read(file, password);

        assertEquals(pbx.chain(), read.chain());
        assertEquals(pbx.issuers(), read.toIssuedCertificate().issuers());
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsNamed() throws Exception {
        Path file = dir.resolve("mismatch.pem");
        CombinedPem.write(file, PemFiles.certificates(List.of(TestPki.pbx().certificate()))
                + PemFiles.privateKey(TestPki.deep().server().privateKey(), PrivateKeyEncoding.PKCS8));

        CertificateFileException e = assertThrows(CertificateFileException.class, () -> CombinedPem.read(file));

        assertEquals(Optional.of("PEM block 2 (PRIVATE KEY)"), e.block());
        assertEquals("the private key does not match the certificate in PEM block 1 (CERTIFICATE), CN=pbx.sip.test", e.problem());
    }

    @Test
    void noKeyAndNoCertificate() throws Exception {
        Path certificateOnly = dir.resolve("cert.pem");
        CombinedPem.write(certificateOnly, TestPki.pbx().certificatePem());
        assertEquals("no private key found; a certificate + key file holds both",
                assertThrows(CertificateFileException.class, () -> CombinedPem.read(certificateOnly)).problem());

        Path keyOnly = dir.resolve("key.pem");
        CombinedPem.write(keyOnly, TestPki.pbx().privateKeyPem());
        assertEquals("no certificate found; a certificate + key file needs at least one",
                assertThrows(CertificateFileException.class, () -> CombinedPem.read(keyOnly)).problem());
    }

    @Test
    void aPkcs12IsNotACombinedPem() throws Exception {
        Path file = dir.resolve("sipclient.pem");
        char[] password = "x".toCharArray();
        Pkcs12Writer.builder().password(password).build().write(file, TestPki.pbx());
        CertificateFileException e = assertThrows(CertificateFileException.class, () -> CombinedPem.read(file, password));
        assertEquals("a certificate + key file is PEM text; this file is a PKCS#12 key store", e.problem());
    }

    @Test
    void theWriterRefusesAForeignKey() {
        assertThrows(IllegalArgumentException.class, () -> CombinedPem.encode(TestPki.deep().server().privateKey(),
                List.of(TestPki.pbx().certificate()), CombinedPem.Order.KEY_FIRST, PrivateKeyEncoding.PKCS8));
        assertTrue(CombinedPem.encode(TestPki.pbx().privateKey(), TestPki.pbx().chain(), CombinedPem.Order.KEY_FIRST,
                PrivateKeyEncoding.PKCS8).startsWith("-----BEGIN PRIVATE KEY-----"));
    }
}
