package io.sipshield.certs.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.IssuedCertificate;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** OpenSSL reads what we write, and we read what OpenSSL writes. Skipped (with the reason) without openssl. */
class OpensslInteropTest {

    private static final String PASSWORD = "interop-pass";

    @TempDir
    Path dir;

    private Openssl openssl;

    private final IssuedCertificate server = TestPki.deep().server();
    private final X509Certificate root = TestPki.root().certificate();

    @BeforeEach
    void requireOpenssl() {
        openssl = Openssl.in(dir);
    }

    private Path pem(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        PemFiles.write(file, text);
        return file;
    }

    private static List<String> subjects(String opensslOutput) {
        Matcher matcher = Pattern.compile("(?m)^subject=(.*)$").matcher(opensslOutput);
        List<String> subjects = new ArrayList<>();
        while (matcher.find()) {
            subjects.add(matcher.group(1).strip());
        }
        return subjects;
    }

    private static String publicKeyPem(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    private static String base64Body(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    // ---- OpenSSL reads ours ----

    @ParameterizedTest
    @EnumSource(Pkcs12Protection.class)
    void opensslReadsOurPkcs12(Pkcs12Protection protection) throws Exception {
        Path file = dir.resolve("server.p12");
        Pkcs12Writer.builder().password(PASSWORD.toCharArray()).protection(protection).build().write(file, server);

        String info = openssl.run("pkcs12", "-in", file.toString(), "-info", "-nokeys", "-passin", "pass:" + PASSWORD);
        assertEquals(List.of("CN = *.mx.sip.test", "CN = sipshield secondary CA", "CN = sipshield primary CA",
                "CN = sipshield test root RSA"), subjects(info));

        String keyPem = openssl.run("pkcs12", "-in", file.toString(), "-nocerts", "-nodes", "-passin", "pass:" + PASSWORD);
        CertificateFileContents key = CertificateFiles.decode("openssl pkcs12 -nocerts output", keyPem.getBytes(), null);
        PemFilesTest.assertSameKey(server.privateKey(), key.key().orElseThrow());
    }

    @Test
    void opensslRefusesOurPkcs12WithAWrongPassword() throws Exception {
        Path file = dir.resolve("server.p12");
        Pkcs12Writer.builder().password(PASSWORD.toCharArray()).build().write(file, server);
        Openssl.Result result = openssl.runAllowingFailure("pkcs12", "-in", file.toString(), "-info", "-nokeys", "-passin", "pass:wrong");
        assertTrue(result.exitCode() != 0, "openssl accepted a wrong password");
    }

    @Test
    void opensslReadsOurPkcs7InOrder() throws Exception {
        Path der = dir.resolve("bundle.p7b");
        Pkcs7Files.writeDer(der, server.chain(), List.of());
        Path pem = dir.resolve("bundle.p7c");
        Pkcs7Files.writePem(pem, List.of(root, server.certificate()), List.of());

        assertEquals(List.of("CN = *.mx.sip.test", "CN = sipshield secondary CA", "CN = sipshield primary CA",
                "CN = sipshield test root RSA"), subjects(openssl.run("pkcs7", "-in", der.toString(), "-inform", "DER", "-print_certs")));
        assertEquals(List.of("CN = sipshield test root RSA", "CN = *.mx.sip.test"),
                subjects(openssl.run("pkcs7", "-in", pem.toString(), "-print_certs")));
    }

    @Test
    void opensslReadsAndVerifiesOurCrls() throws Exception {
        X509CRL crl = TestPki.crl(TestPki.root(), TestPki.pbx().certificate().getSerialNumber());
        Path pemCrl = pem("root.crl.pem", PemFiles.crl(crl));
        Path derCrl = dir.resolve("root.crl");
        DerFiles.writeCrl(derCrl, crl);
        Path rootPem = pem("root.pem", PemFiles.certificates(List.of(root)));

        openssl.run("crl", "-in", pemCrl.toString(), "-noout");
        String text = openssl.run("crl", "-in", derCrl.toString(), "-inform", "DER", "-noout", "-text");
        assertTrue(text.toUpperCase().contains(TestPki.pbx().certificate().getSerialNumber().toString(16).toUpperCase()), text);
        Openssl.Result verify = openssl.runAllowingFailure("crl", "-in", derCrl.toString(), "-inform", "DER", "-noout",
                "-CAfile", rootPem.toString());
        assertEquals(0, verify.exitCode(), verify.stderr());
        assertTrue((verify.stderr() + verify.stdout()).contains("verify OK"), verify.stderr());
    }

    @Test
    void opensslReadsOurDerCertificate() throws Exception {
        Path file = dir.resolve("server.cer");
        DerFiles.writeCertificate(file, server.certificate());
        assertEquals("subject=CN = *.mx.sip.test",
                openssl.run("x509", "-in", file.toString(), "-inform", "DER", "-noout", "-subject").strip());
    }

    @ParameterizedTest
    @EnumSource(PrivateKeyEncoding.class)
    void opensslReadsOurKeysInEveryEncoding(PrivateKeyEncoding encoding) throws Exception {
        for (IssuedCertificate certificate : List.of(TestPki.pbx(), server)) {
            String text = encoding.encrypted()
                    ? PemFiles.encryptedPrivateKey(certificate.privateKey(), encoding, PASSWORD.toCharArray())
                    : PemFiles.privateKey(certificate.privateKey(), encoding);
            Path file = pem("key.pem", text);
            String publicKey = openssl.run("pkey", "-in", file.toString(), "-passin", "pass:" + PASSWORD, "-pubout");
            assertEquals(publicKeyPem(certificate.certificate().getPublicKey()), base64Body(publicKey),
                    encoding + " " + certificate);
        }
    }

    @Test
    void opensslVerifiesTheMxOneChainAndFindsItsKey() throws Exception {
        Path mxone = pem(MxOneChainFile.FILE_NAME, MxOneChainFile.encode(server));
        Path rootPem = pem("root.pem", PemFiles.certificates(List.of(root)));
        Path leaf = pem("leaf.pem", PemFiles.certificates(List.of(server.certificate())));

        assertEquals("OK", lastWord(openssl.run("verify", "-CAfile", rootPem.toString(), "-untrusted", mxone.toString(), leaf.toString())));
        assertEquals(publicKeyPem(server.certificate().getPublicKey()),
                base64Body(openssl.run("pkey", "-in", mxone.toString(), "-pubout")));
        assertEquals("subject=CN = *.mx.sip.test", openssl.run("x509", "-in", mxone.toString(), "-noout", "-subject").strip());
    }

    @Test
    void opensslReadsBothCombinedPems() throws Exception {
        for (String text : List.of(CombinedPem.sipclientPem(server), CombinedPem.mkcertPem(server))) {
            Path file = pem("combined.pem", text);
            assertEquals("subject=CN = *.mx.sip.test", openssl.run("x509", "-in", file.toString(), "-noout", "-subject").strip());
            assertEquals(publicKeyPem(server.certificate().getPublicKey()), base64Body(openssl.run("pkey", "-in", file.toString(), "-pubout")));
        }
    }

    // ---- we read OpenSSL's ----

    @Test
    void weReadOpensslKeysAndCertificates() throws Exception {
        openssl.run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "key.pem", "-out", "cert.pem", "-subj", "/CN=openssl.sip.test", "-days", "2");
        openssl.run("pkcs8", "-topk8", "-in", "key.pem", "-v2", "aes-256-cbc", "-passout", "pass:" + PASSWORD, "-out", "key-p8enc.pem");
        openssl.run("pkey", "-in", "key.pem", "-traditional", "-out", "key-trad.pem");
        openssl.run("pkey", "-in", "key.pem", "-traditional", "-aes128", "-passout", "pass:" + PASSWORD, "-out", "key-tradenc.pem");
        openssl.run("pkey", "-in", "key.pem", "-outform", "DER", "-out", "key-sec1.der");
        openssl.run("pkcs8", "-topk8", "-nocrypt", "-in", "key.pem", "-outform", "DER", "-out", "key-p8.der");
        openssl.run("pkcs8", "-topk8", "-in", "key.pem", "-passout", "pass:" + PASSWORD, "-outform", "DER", "-out", "key-p8enc.der");
        openssl.run("x509", "-in", "cert.pem", "-outform", "DER", "-out", "cert.der");
        openssl.run("x509", "-in", "cert.pem", "-trustout", "-addtrust", "serverAuth", "-out", "trusted.pem");

        X509Certificate certificate = CertificateFiles.read(dir.resolve("cert.pem")).certificates().get(0);
        assertEquals(certificate, CertificateFiles.read(dir.resolve("cert.der")).certificates().get(0));
        assertEquals(certificate, CertificateFiles.read(dir.resolve("trusted.pem")).certificates().get(0));
        List<Object[]> keys = List.of(
                new Object[] {"key.pem", PrivateKeyEncoding.PKCS8},
                new Object[] {"key-p8enc.pem", PrivateKeyEncoding.PKCS8_ENCRYPTED},
                new Object[] {"key-trad.pem", PrivateKeyEncoding.TRADITIONAL},
                new Object[] {"key-tradenc.pem", PrivateKeyEncoding.TRADITIONAL_ENCRYPTED},
                new Object[] {"key-sec1.der", PrivateKeyEncoding.TRADITIONAL},
                new Object[] {"key-p8.der", PrivateKeyEncoding.PKCS8},
                new Object[] {"key-p8enc.der", PrivateKeyEncoding.PKCS8_ENCRYPTED});
        for (Object[] key : keys) {
            CertificateFileContents contents = CertificateFiles.read(dir.resolve((String) key[0]), PASSWORD.toCharArray());
            DecodedPrivateKey decoded = contents.privateKey().orElseThrow();
            assertEquals(key[1], decoded.encoding(), (String) key[0]);
            assertTrue(PrivateKeys.matches(decoded.key(), certificate.getPublicKey()), (String) key[0]);
        }
    }

    @Test
    void weReadAnRsaMkcertStyleFile() throws Exception {
        openssl.run("genrsa", "-traditional", "-out", "rsa.key", "2048");
        openssl.run("req", "-new", "-x509", "-key", "rsa.key", "-out", "rsa.crt", "-subj", "/CN=SEP001122334455/O=sipshield/OU=test",
                "-days", "2");
        Files.writeString(dir.resolve("mkcert.pem"), Files.readString(dir.resolve("rsa.key")) + Files.readString(dir.resolve("rsa.crt")));

        CertificateAndKey read = CombinedPem.read(dir.resolve("mkcert.pem"));

        assertEquals("OU=test,O=sipshield,CN=SEP001122334455", read.certificate().getSubjectX500Principal().getName());
        assertEquals(List.of("RSA PRIVATE KEY", "CERTIFICATE"), CertificateFiles.read(dir.resolve("mkcert.pem")).pemBlockTypes());
    }

    @Test
    void weReadEcparamGenkeyOutputWithItsParametersBlock() throws Exception {
        openssl.run("ecparam", "-name", "prime256v1", "-genkey", "-out", "ec.pem");
        CertificateFileContents contents = CertificateFiles.read(dir.resolve("ec.pem"));
        assertEquals(List.of("EC PARAMETERS", "EC PRIVATE KEY"), contents.pemBlockTypes());
        assertEquals("EC P-256", PrivateKeys.describe(contents.key().orElseThrow()));
    }

    @Test
    void weReadOpensslPkcs12Pkcs7AndItsPkcs12Dump() throws Exception {
        pem("server.pem", PemFiles.certificates(List.of(server.certificate())));
        pem("server.key", PemFiles.privateKey(server.privateKey(), PrivateKeyEncoding.PKCS8));
        pem("cas.pem", PemFiles.certificates(server.issuers()));
        pem("chain.pem", PemFiles.certificates(server.chain()));
        openssl.run("pkcs12", "-export", "-in", "server.pem", "-inkey", "server.key", "-certfile", "cas.pem",
                "-name", "mx", "-passout", "pass:" + PASSWORD, "-out", "openssl.pfx");
        openssl.run("pkcs12", "-export", "-in", "server.pem", "-inkey", "server.key", "-certfile", "cas.pem",
                "-certpbe", "PBE-SHA1-3DES", "-keypbe", "PBE-SHA1-3DES", "-macalg", "sha1",
                "-passout", "pass:" + PASSWORD, "-out", "openssl-3des.pfx");
        openssl.run("crl2pkcs7", "-nocrl", "-certfile", "chain.pem", "-outform", "DER", "-out", "openssl.p7b");
        Files.writeString(dir.resolve("dump.pem"), openssl.run("pkcs12", "-in", "openssl.pfx", "-nodes", "-passin", "pass:" + PASSWORD));

        for (String pfx : List.of("openssl.pfx", "openssl-3des.pfx")) {
            CertificateFileContents contents = CertificateFiles.read(dir.resolve(pfx), PASSWORD.toCharArray());
            assertEquals(CertificateFileFormat.PKCS12, contents.format());
            assertTrue(contents.certificates().containsAll(server.chain()), pfx);
            assertEquals(server.certificate(), contents.certificateForKey().orElseThrow(), pfx);
        }
        CertificateFileContents p7b = CertificateFiles.read(dir.resolve("openssl.p7b"));
        assertEquals(CertificateFileFormat.PKCS7_DER, p7b.format());
        assertEquals(server.chain(), p7b.certificates());
        CertificateFileContents dump = CertificateFiles.read(dir.resolve("dump.pem"));
        assertEquals(server.certificate(), dump.certificateForKey().orElseThrow());
    }

    @Test
    void weReadAnOpensslCrlWithARevokedSerial() throws Exception {
        pem("ca.pem", PemFiles.certificates(List.of(root)));
        pem("ca.key", TestPki.root().privateKeyPem());
        pem("revoked.pem", TestPki.pbx().certificatePem());
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("crlnumber"), "01\n");
        Files.writeString(dir.resolve("ca.cnf"), "[ca]\ndefault_ca = test\n[test]\ndatabase = " + dir.resolve("index.txt")
                + "\ncrlnumber = " + dir.resolve("crlnumber") + "\ndefault_md = sha256\ndefault_crl_days = 7\n");
        openssl.run("ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.pem", "-revoke", "revoked.pem", "-crl_reason", "keyCompromise");
        openssl.run("ca", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.pem", "-gencrl", "-out", "openssl.crl.pem");
        openssl.run("crl", "-in", "openssl.crl.pem", "-outform", "DER", "-out", "openssl.crl");

        BigInteger revoked = TestPki.pbx().certificate().getSerialNumber();
        for (String name : List.of("openssl.crl.pem", "openssl.crl")) {
            X509CRL crl = CertificateFiles.read(dir.resolve(name)).crls().get(0);
            crl.verify(root.getPublicKey());
            assertTrue(crl.getRevokedCertificate(revoked) != null, name);
        }
    }

    private static String lastWord(String text) {
        String[] words = text.strip().split("\\s+");
        return words[words.length - 1];
    }
}
