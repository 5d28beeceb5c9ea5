package io.sipshield.harness.cli.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.format.DerFiles;
import io.sipshield.certs.format.PemFiles;
import io.sipshield.certs.format.Pkcs12Writer;
import io.sipshield.certs.format.Pkcs7Files;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CertsShowCommandTest {

    private static final FixtureCatalog CATALOG = FixtureCatalog.create();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int show(Clock clock, String... args) {
        CommandLine cli = new CommandLine(new CertsShowCommand(clock));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private int show(String... args) {
        return show(Clock.systemUTC(), args);
    }

    @Test
    void aPemChainWithItsKey() throws Exception {
        IssuedCertificate pbx = CATALOG.get(FixtureName.PBX_SERVER);
        Path file = dir.resolve("pbx.pem");
        PemFiles.write(file, PemFiles.certificates(pbx.chain()) + pbx.privateKeyPem());

        assertEquals(0, show(file.toString()), err.toString());

        String text = out.toString();
        assertTrue(text.startsWith("file:                    " + file + "\nformat:                  PEM text"), text);
        assertTrue(text.contains("holds:                   2 certificates, 1 private key, 0 CRLs"), text);
        assertTrue(text.contains("certificate 1 of 2\n  subject:                 CN=pbx.sip.test"), text);
        assertTrue(text.contains("subject alt names:       DNS:pbx.sip.test, IP:127.0.0.1"), text);
        assertTrue(text.contains("CN=sipshield test root RSA  (self-signed)"), text);
        assertTrue(text.contains("matches:                 certificate 1 (CN=pbx.sip.test)"), text);
        assertFalse(text.contains("BEGIN"), "no PEM, and above all no key, in the output");
        assertEquals("", err.toString());
    }

    @Test
    void aPkcs12WithItsPassword() throws Exception {
        Path file = dir.resolve("pbx.p12");
        Pkcs12Writer.builder().password("s3cret".toCharArray()).build().write(file, CATALOG.get(FixtureName.PBX_SERVER));

        assertEquals(0, show(file.toString(), CertsShowCommand.PASSWORD_OPTION, "s3cret"), err.toString());

        assertTrue(out.toString().contains("format:                  PKCS#12 key store\n"), out.toString());
        assertTrue(out.toString().contains("type:                    RSA 2048, PKCS#8, encrypted"), out.toString());
    }

    @Test
    void aWrongPasswordIsOneLineOnStderrAndExitTwo() throws Exception {
        Path file = dir.resolve("pbx.p12");
        Pkcs12Writer.builder().password("s3cret".toCharArray()).build().write(file, CATALOG.get(FixtureName.PBX_SERVER));

        assertEquals(2, show(file.toString(), "--password", "guess"));

        assertEquals("sipshield certs show: " + file + ": PKCS#12 MAC: wrong password: the integrity MAC does not verify\n",
                err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void aMalformedPemNamesTheBlock() throws Exception {
        Path file = dir.resolve("broken.pem");
        Files.writeString(file, CATALOG.get(FixtureName.TEST_ROOT).certificatePem().replace("-----END CERTIFICATE-----", ""));

        assertEquals(2, show(file.toString()));

        assertTrue(err.toString().startsWith("sipshield certs show: " + file + ": PEM block 1 (CERTIFICATE): no '-----END CERTIFICATE-----' line"),
                err.toString());
        assertEquals(1, err.toString().lines().count(), "one line, no stack trace");
    }

    @Test
    void aMissingFile() {
        assertEquals(2, show(dir.resolve("absent.pem").toString()));
        assertEquals("sipshield certs show: " + dir.resolve("absent.pem") + ": no such file\n", err.toString());
    }

    @Test
    void anExpiredDerCertificateJudgedByTheClock() throws Exception {
        IssuedCertificate pbx = CATALOG.get(FixtureName.PBX_SERVER);
        Path file = dir.resolve("pbx.cer");
        DerFiles.writeCertificate(file, pbx.certificate());
        Clock inTwoYears = Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofDays(800));

        assertEquals(0, show(inTwoYears, file.toString()));

        assertTrue(out.toString().contains("format:                  DER X.509 certificate"), out.toString());
        assertTrue(out.toString().contains("(EXPIRED)"), out.toString());
    }

    @Test
    void aDerPkcs7Bundle() throws Exception {
        Path file = dir.resolve("bundle.p7b");
        Pkcs7Files.writeDer(file, CATALOG.get(FixtureName.PBX_SERVER).chain(), List.of());

        assertEquals(0, show(file.toString()));

        assertTrue(out.toString().contains("format:                  PKCS#7 certificate bundle, DER"), out.toString());
        assertTrue(out.toString().contains("holds:                   2 certificates, no private key, 0 CRLs"), out.toString());
    }

    @Test
    void theFileIsRequired() {
        assertEquals(2, show());
        assertTrue(err.toString().contains("Missing required parameter: 'FILE'"), err.toString());
    }
}
