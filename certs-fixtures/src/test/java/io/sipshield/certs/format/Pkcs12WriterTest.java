package io.sipshield.certs.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.IssuedCertificate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Pkcs12WriterTest {

    private static final char[] PASSWORD = "p12-pass".toCharArray();

    @TempDir
    Path dir;

    private Pkcs12Writer writer(Pkcs12Protection protection) {
        return Pkcs12Writer.builder().password(PASSWORD).friendlyName("pbx").protection(protection).build();
    }

    @ParameterizedTest
    @EnumSource(Pkcs12Protection.class)
    void roundTripsTheKeyAndTheChainLeafFirst(Pkcs12Protection protection) throws Exception {
        IssuedCertificate server = TestPki.deep().server();
        Path file = dir.resolve("server.p12");
        writer(protection).write(file, server);

        CertificateFileContents contents = CertificateFiles.read(file, PASSWORD);

        assertEquals(CertificateFileFormat.PKCS12, contents.format());
        assertEquals(server.chain(), contents.certificates());
        assertEquals(PrivateKeyEncoding.PKCS8_ENCRYPTED, contents.privateKey().orElseThrow().encoding());
        PemFilesTest.assertSameKey(server.privateKey(), contents.key().orElseThrow());
        assertEquals(Optional.of(server.certificate()), contents.certificateForKey());
    }

    @ParameterizedTest
    @EnumSource(Pkcs12Protection.class)
    void theJdkKeyStoreLoadsWhatWeWrite(Pkcs12Protection protection) throws Exception {
        IssuedCertificate pbx = TestPki.pbx();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(writer(protection).encode(pbx)), PASSWORD);

        assertEquals(List.of("pbx"), Collections.list(store.aliases()));
        Key key = store.getKey("pbx", PASSWORD);
        assertArrayEquals(pbx.privateKey().getEncoded(), key.getEncoded());
        Certificate[] chain = store.getCertificateChain("pbx");
        assertEquals(pbx.chain(), Arrays.asList(chain));
    }

    @Test
    void weReadWhatTheJdkKeyStoreWrites() throws Exception {
        IssuedCertificate pbx = TestPki.pbx();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("jdk", pbx.privateKey(), PASSWORD, pbx.chain().toArray(Certificate[]::new));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, PASSWORD);
        Path file = Files.write(dir.resolve("jdk.pfx"), out.toByteArray());

        CertificateFileContents contents = CertificateFiles.read(file, PASSWORD);

        assertEquals(CertificateFileFormat.PKCS12, contents.format());
        assertTrue(contents.certificates().containsAll(pbx.chain()), contents.toString());
        assertEquals(Optional.of(pbx.certificate()), contents.certificateForKey());
    }

    @Test
    void aWrongPasswordFailsTheMac() throws Exception {
        Path file = dir.resolve("pbx.pfx");
        writer(Pkcs12Protection.AES_256_SHA256).write(file, TestPki.pbx());

        CertificateFileException e = assertThrows(CertificateFileException.class,
                () -> CertificateFiles.read(file, "wrong".toCharArray()));

        assertEquals(file + ": PKCS#12 MAC: wrong password: the integrity MAC does not verify", e.getMessage());
    }

    @Test
    void noPasswordAtAll() throws Exception {
        Path file = dir.resolve("pbx.pfx");
        writer(Pkcs12Protection.AES_256_SHA256).write(file, TestPki.pbx());

        CertificateFileException e = assertThrows(CertificateFileException.class, () -> CertificateFiles.read(file));

        assertEquals(Optional.of("PKCS#12 MAC"), e.block());
        assertEquals("the PKCS#12 file is password-protected and no password was given", e.problem());
    }

    @Test
    void aTruncatedPfxIsTruncatedDer() throws Exception {
        byte[] pfx = writer(Pkcs12Protection.AES_256_SHA256).encode(TestPki.pbx());
        Path file = Files.write(dir.resolve("cut.p12"), Arrays.copyOf(pfx, pfx.length / 2));

        CertificateFileException e = assertThrows(CertificateFileException.class, () -> CertificateFiles.read(file, PASSWORD));

        assertEquals(Optional.of("DER at byte 0"), e.block());
        assertTrue(e.problem().startsWith("truncated DER"), e.getMessage());
    }

    @Test
    void theKeyMustBeTheFirstCertificates() {
        Pkcs12Writer writer = writer(Pkcs12Protection.AES_256_SHA256);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> writer.encode(TestPki.deep().server().privateKey(), TestPki.pbx().chain()));
        assertTrue(e.getMessage().contains("does not belong to CN=pbx.sip.test"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> writer.encode(TestPki.pbx().privateKey(), List.of()));
    }

    @Test
    void aPasswordIsRequired() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Pkcs12Writer.builder().build());
        assertTrue(e.getMessage().contains("needs a password"), e.getMessage());
    }
}
