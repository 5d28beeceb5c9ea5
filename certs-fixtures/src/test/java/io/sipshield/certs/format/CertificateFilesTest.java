package io.sipshield.certs.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format detection by content, and every kind of malformed file with the file, block and fault named. */
class CertificateFilesTest {

    @TempDir
    Path dir;

    private final X509Certificate pbx = TestPki.pbx().certificate();
    private final X509Certificate root = TestPki.root().certificate();

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.ISO_8859_1);
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private CertificateFileException failure(Path file) {
        return assertThrows(CertificateFileException.class, () -> CertificateFiles.read(file));
    }

    private String pem() {
        return PemFiles.certificates(List.of(pbx, root));
    }

    @Test
    void theFormatComesFromTheContentNotTheExtension() throws Exception {
        assertEquals(CertificateFileFormat.DER_CERTIFICATE,
                CertificateFiles.read(write("looks-like.pem", DerFiles.certificate(pbx))).format());
        assertEquals(CertificateFileFormat.PEM, CertificateFiles.read(write("looks-like.der", pem())).format());
        assertEquals(CertificateFileFormat.PKCS7_DER,
                CertificateFiles.read(write("bundle.crt", Pkcs7Files.der(List.of(pbx), List.of()))).format());
    }

    @Test
    void textOutsideBlocksIsIgnoredAsOpenSslDoes() throws Exception {
        String withAttributes = "Bag Attributes\n    friendlyName: pbx\nsubject=CN = pbx.sip.test\n\n" + pem()
                + "\n# trailing comment\n";
        CertificateFileContents contents = CertificateFiles.read(write("bags.pem", withAttributes));
        assertEquals(List.of(pbx, root), contents.certificates());
    }

    @Test
    void windowsLineEndingsAndAByteOrderMarkAreAccepted() throws Exception {
        byte[] text = ("\uFEFF" + pem().replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(pbx, root), CertificateFiles.read(write("crlf.pem", text)).certificates());
    }

    @Test
    void anEmptyFile() throws Exception {
        CertificateFileException e = failure(write("empty.pem", new byte[0]));
        assertEquals(dir.resolve("empty.pem") + ": the file is empty", e.getMessage());
        assertEquals(Optional.empty(), e.block());
    }

    @Test
    void aMissingFileAndADirectory() {
        assertEquals(dir.resolve("nope.pem") + ": no such file", failure(dir.resolve("nope.pem")).getMessage());
        assertEquals(dir + ": is a directory, not a file", failure(dir).getMessage());
    }

    @Test
    void textThatIsNotPem() throws Exception {
        CertificateFileException e = failure(write("notes.txt", "this is not a certificate\n"));
        assertTrue(e.problem().contains("text without a '-----BEGIN ...-----' line"), e.getMessage());
    }

    @Test
    void binaryThatIsNotDer() throws Exception {
        CertificateFileException e = failure(write("random.bin", new byte[] {0x01, 0x02, (byte) 0xFF, 0x00}));
        assertTrue(e.problem().contains("byte 0 is 0x01, not a SEQUENCE 0x30"), e.getMessage());
    }

    @Test
    void badBase64NamesTheBlockLineAndCharacter() throws Exception {
        String[] lines = pem().split("\n");
        int secondBlockBody = Arrays.asList(lines).lastIndexOf("-----BEGIN CERTIFICATE-----") + 3;
        lines[secondBlockBody] = lines[secondBlockBody].substring(0, 10) + "!" + lines[secondBlockBody].substring(11);
        CertificateFileException e = failure(write("bad64.pem", String.join("\n", lines)));

        assertEquals(Optional.of("PEM block 2 (CERTIFICATE)"), e.block());
        assertEquals("bad base64 on line " + (secondBlockBody + 1) + ", column 11: character '!' (0x21) is not base64",
                e.problem());
    }

    @Test
    void aLostBase64LineIsNotAWholeNumberOfGroups() throws Exception {
        String[] lines = pem().split("\n");
        String cut = String.join("\n", lines).replace(lines[3] + "\n", lines[3].substring(0, 61) + "\n");
        CertificateFileException e = failure(write("cut.pem", cut));
        assertEquals(Optional.of("PEM block 1 (CERTIFICATE)"), e.block());
        assertTrue(e.problem().startsWith("bad base64: "), e.getMessage());
    }

    @Test
    void aTruncatedFileHasNoEndLine() throws Exception {
        String text = pem();
        CertificateFileException e = failure(write("truncated.pem", text.substring(0, text.length() - 200)));
        assertEquals(Optional.of("PEM block 2 (CERTIFICATE)"), e.block());
        assertTrue(e.problem().startsWith("no '-----END CERTIFICATE-----' line"), e.getMessage());
    }

    @Test
    void aMissingEndBeforeTheNextBegin() throws Exception {
        String text = pem().replaceFirst("-----END CERTIFICATE-----\n", "");
        CertificateFileException e = failure(write("noend.pem", text));
        assertEquals(Optional.of("PEM block 1 (CERTIFICATE)"), e.block());
        assertTrue(e.problem().startsWith("no END line before the next BEGIN"), e.getMessage());
    }

    @Test
    void anEndLineOfAnotherType() throws Exception {
        String text = pem().replaceFirst("-----END CERTIFICATE-----", "-----END X509 CRL-----");
        CertificateFileException e = failure(write("mismatch.pem", text));
        assertEquals(Optional.of("PEM block 1 (CERTIFICATE)"), e.block());
        assertTrue(e.problem().contains("expected '-----END CERTIFICATE-----'"), e.getMessage());
    }

    @Test
    void anEndLineWithoutBegin() throws Exception {
        CertificateFileException e = failure(write("stray.pem", pem() + "-----END CERTIFICATE-----\n"));
        assertTrue(e.block().orElseThrow().startsWith("line "), e.getMessage());
        assertTrue(e.problem().contains("never begun"), e.getMessage());
    }

    @Test
    void anUnknownPemType() throws Exception {
        String text = pem() + "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n";
        CertificateFileException e = failure(write("csr.pem", text));
        assertEquals(Optional.of("PEM block 3 (CERTIFICATE REQUEST)"), e.block());
        assertTrue(e.problem().startsWith("unknown PEM type 'CERTIFICATE REQUEST'; expected CERTIFICATE"), e.getMessage());
    }

    @Test
    void aCertificateBlockHoldingACrl() throws Exception {
        String crl = PemFiles.crl(TestPki.crl(TestPki.root())).replace("X509 CRL", "CERTIFICATE");
        CertificateFileException e = failure(write("crl-as-cert.pem", crl));
        assertEquals(Optional.of("PEM block 1 (CERTIFICATE)"), e.block());
        assertEquals("not an X.509 certificate: the DER is an X.509 CRL", e.problem());
    }

    @Test
    void onlyEcParameters() throws Exception {
        CertificateFileException e = failure(write("params.pem", "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"));
        assertEquals("no certificate, private key or CRL found, only EC PARAMETERS", e.problem());
    }

    @Test
    void anEmptyBlock() throws Exception {
        CertificateFileException e = failure(write("empty-block.pem", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"));
        assertEquals("the block has no content", e.problem());
    }

    @Test
    void truncatedDer() throws Exception {
        byte[] der = DerFiles.certificate(pbx);
        CertificateFileException e = failure(write("cut.der", Arrays.copyOf(der, der.length - 100)));
        assertEquals(Optional.of("DER at byte 0"), e.block());
        assertEquals("truncated DER: the outer structure declares " + (der.length - 4) + " content bytes but only "
                + (der.length - 104) + " follow its header", e.problem());
    }

    @Test
    void trailingDataAfterDer() throws Exception {
        byte[] der = DerFiles.certificate(pbx);
        byte[] longer = Arrays.copyOf(der, der.length + 3);
        CertificateFileException e = failure(write("long.der", longer));
        assertTrue(e.problem().startsWith("3 byte(s) of trailing data"), e.getMessage());
    }

    @Test
    void truncatedDerInsideAPemBlock() throws Exception {
        byte[] der = DerFiles.certificate(pbx);
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(Arrays.copyOf(der, 300)) + "\n-----END CERTIFICATE-----\n";
        CertificateFileException e = failure(write("cut.pem", pem));
        assertEquals(Optional.of("PEM block 1 (CERTIFICATE)"), e.block());
        assertTrue(e.problem().startsWith("truncated DER"), e.getMessage());
    }

    @Test
    void derOfAnUnknownShape() throws Exception {
        byte[] sequenceOfTwoIntegers = {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02};
        CertificateFileException e = failure(write("odd.der", sequenceOfTwoIntegers));
        assertEquals(Optional.of("DER at byte 0"), e.block());
        assertTrue(e.problem().startsWith("not a certificate, CRL, PKCS#7 bundle, PKCS#12 file or private key: a SEQUENCE of 2"),
                e.getMessage());
    }

    @Test
    void twoPrivateKeysInOneFile() throws Exception {
        String text = PemFiles.privateKey(TestPki.pbx().privateKey(), PrivateKeyEncoding.PKCS8)
                + PemFiles.privateKey(TestPki.deep().server().privateKey(), PrivateKeyEncoding.TRADITIONAL);
        CertificateFileException e = failure(write("two-keys.pem", text));
        assertEquals(Optional.of("PEM block 2 (EC PRIVATE KEY)"), e.block());
        assertTrue(e.problem().startsWith("a second private key"), e.getMessage());
    }

    @Test
    void aKeyBlockThatIsNotAKey() throws Exception {
        String text = pem().replace("CERTIFICATE", "RSA PRIVATE KEY");
        CertificateFileException e = failure(write("cert-as-key.pem", text));
        assertEquals(Optional.of("PEM block 1 (RSA PRIVATE KEY)"), e.block());
        assertTrue(e.problem().startsWith("not a valid RSA PRIVATE KEY"), e.getMessage());
    }

    @Test
    void aFileWithOnlyAKeyIsAKeyFile() throws Exception {
        String text = PemFiles.privateKey(TestPki.pbx().privateKey(), PrivateKeyEncoding.PKCS8);
        CertificateFileContents contents = CertificateFiles.read(write("pbx.key", text));
        assertTrue(contents.certificates().isEmpty());
        assertTrue(contents.certificateForKey().isEmpty());
        assertTrue(contents.key().isPresent());
    }

    @Test
    void theContentsFindTheKeysCertificateAndNeverPrintTheKey() throws Exception {
        String text = pem() + PemFiles.privateKey(TestPki.pbx().privateKey(), PrivateKeyEncoding.TRADITIONAL);
        CertificateFileContents contents = CertificateFiles.read(write("all.pem", text));
        assertEquals(Optional.of(pbx), contents.certificateForKey());
        String shown = contents.toString() + contents.privateKey().orElseThrow();
        assertTrue(shown.contains("RSA 2048"), shown);
        String exponent = ((RSAPrivateCrtKey) TestPki.pbx().privateKey()).getPrivateExponent().toString();
        assertFalse(shown.contains(exponent.substring(0, 20)), "key material leaked into toString");
    }

    @Test
    void decodeNamesTheSourceItIsGiven() {
        CertificateFileException e = assertThrows(CertificateFileException.class,
                () -> CertificateFiles.decode("upload #3", "garbage".getBytes(StandardCharsets.US_ASCII), null));
        assertTrue(e.getMessage().startsWith("upload #3: "), e.getMessage());
    }
}
