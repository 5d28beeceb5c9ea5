package io.sipshield.certs.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.IssuedCertificate;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PemFilesTest {

    private static final char[] PASSWORD = "fixture-pass".toCharArray();

    @TempDir
    Path dir;

    @Test
    void certificatesRoundTripInTheOrderWritten() throws Exception {
        IssuedCertificate pbx = TestPki.pbx();
        Path file = dir.resolve("chain.pem");
        PemFiles.write(file, PemFiles.certificates(pbx.chain()));

        CertificateFileContents contents = CertificateFiles.read(file);

        assertEquals(CertificateFileFormat.PEM, contents.format());
        assertEquals(pbx.chain(), contents.certificates());
        assertEquals(List.of("CERTIFICATE", "CERTIFICATE"), contents.pemBlockTypes());
        assertTrue(contents.privateKey().isEmpty());
    }

    static Stream<Arguments> keysAndEncodings() {
        return Stream.of(TestPki.pbx(), TestPki.deep().server()).flatMap(certificate ->
                Stream.of(PrivateKeyEncoding.values()).map(encoding -> Arguments.of(certificate, encoding)));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("keysAndEncodings")
    void everyKeyEncodingRoundTrips(IssuedCertificate certificate, PrivateKeyEncoding encoding) throws Exception {
        String pem = encoding.encrypted()
                ? PemFiles.encryptedPrivateKey(certificate.privateKey(), encoding, PASSWORD)
                : PemFiles.privateKey(certificate.privateKey(), encoding);
        Path file = dir.resolve("key.pem");
        PemFiles.write(file, pem);

        CertificateFileContents contents = CertificateFiles.read(file, encoding.encrypted() ? PASSWORD : null);

        DecodedPrivateKey decoded = contents.privateKey().orElseThrow();
        assertEquals(encoding, decoded.encoding());
        assertSameKey(certificate.privateKey(), decoded.key());
        assertTrue(PrivateKeys.matches(decoded.key(), certificate.certificate().getPublicKey()));
    }

    @Test
    void theHeadersAreTheOnesOpenSslWrites() {
        PrivateKey rsa = TestPki.pbx().privateKey();
        PrivateKey ec = TestPki.deep().server().privateKey();
        assertTrue(PemFiles.privateKey(rsa, PrivateKeyEncoding.PKCS8).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(PemFiles.privateKey(rsa, PrivateKeyEncoding.TRADITIONAL).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        assertTrue(PemFiles.privateKey(ec, PrivateKeyEncoding.TRADITIONAL).startsWith("-----BEGIN EC PRIVATE KEY-----"));
        assertTrue(PemFiles.encryptedPrivateKey(rsa, PrivateKeyEncoding.PKCS8_ENCRYPTED, PASSWORD)
                .startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        String traditional = PemFiles.encryptedPrivateKey(ec, PrivateKeyEncoding.TRADITIONAL_ENCRYPTED, PASSWORD);
        assertTrue(traditional.startsWith("-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,"),
                traditional);
    }

    @ParameterizedTest
    @EnumSource(value = PrivateKeyEncoding.class, names = {"PKCS8_ENCRYPTED", "TRADITIONAL_ENCRYPTED"})
    void aWrongPasswordIsReportedAsSuch(PrivateKeyEncoding encoding) throws Exception {
        Path file = dir.resolve("key.pem");
        PemFiles.write(file, PemFiles.encryptedPrivateKey(TestPki.pbx().privateKey(), encoding, PASSWORD));

        CertificateFileException e = assertThrows(CertificateFileException.class,
                () -> CertificateFiles.read(file, "not-the-password".toCharArray()));

        assertTrue(e.getMessage().startsWith(file + ": PEM block 1 ("), e.getMessage());
        assertTrue(e.problem().startsWith("wrong password"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = PrivateKeyEncoding.class, names = {"PKCS8_ENCRYPTED", "TRADITIONAL_ENCRYPTED"})
    void anEncryptedKeyWithoutAPasswordIsRefused(PrivateKeyEncoding encoding) throws Exception {
        Path file = dir.resolve("key.pem");
        PemFiles.write(file, PemFiles.encryptedPrivateKey(TestPki.pbx().privateKey(), encoding, PASSWORD));

        CertificateFileException e = assertThrows(CertificateFileException.class, () -> CertificateFiles.read(file));

        assertEquals("the private key is encrypted and no password was given", e.problem());
        assertEquals(file.toString(), e.file());
    }

    @Test
    void encryptionNeedsAPasswordAndPlainNeedsNone() {
        PrivateKey key = TestPki.pbx().privateKey();
        assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(key, PrivateKeyEncoding.PKCS8_ENCRYPTED));
        assertThrows(IllegalArgumentException.class, () -> PemFiles.encryptedPrivateKey(key, PrivateKeyEncoding.PKCS8, PASSWORD));
        assertThrows(IllegalArgumentException.class,
                () -> PemFiles.encryptedPrivateKey(key, PrivateKeyEncoding.TRADITIONAL_ENCRYPTED, new char[0]));
    }

    @Test
    void aCrlRoundTripsAsPem() throws Exception {
        BigInteger revoked = TestPki.pbx().certificate().getSerialNumber();
        X509CRL crl = TestPki.crl(TestPki.root(), revoked);
        Path file = dir.resolve("root.crl.pem");
        PemFiles.write(file, PemFiles.crl(crl));

        CertificateFileContents contents = CertificateFiles.read(file);

        assertEquals(List.of(crl), contents.crls());
        assertEquals(List.of("X509 CRL"), contents.pemBlockTypes());
        X509CRL read = contents.crls().get(0);
        read.verify(TestPki.root().certificate().getPublicKey());
        assertTrue(read.isRevoked(TestPki.pbx().certificate()));
        assertFalse(read.isRevoked(TestPki.otherHost().certificate()));
    }

    static void assertSameKey(PrivateKey expected, PrivateKey actual) {
        assertEquals(expected.getAlgorithm(), actual.getAlgorithm());
        if (expected instanceof RSAPrivateCrtKey rsa) {
            RSAPrivateCrtKey other = (RSAPrivateCrtKey) actual;
            assertEquals(rsa.getModulus(), other.getModulus());
            assertEquals(rsa.getPrivateExponent(), other.getPrivateExponent());
        } else if (expected instanceof ECPrivateKey ec) {
            assertEquals(ec.getS(), ((ECPrivateKey) actual).getS());
            assertEquals(ec.getParams().getCurve(), ((ECPrivateKey) actual).getParams().getCurve());
        } else {
            assertArrayEquals(expected.getEncoded(), actual.getEncoded());
        }
    }
}
