package io.sipshield.harness.cli.certs;

import static io.sipshield.harness.cli.certs.CiscoCliFixtures.APACHE_EC;
import static io.sipshield.harness.cli.certs.CiscoCliFixtures.ASTERISK;
import static io.sipshield.harness.cli.certs.CiscoCliFixtures.SAST;
import static io.sipshield.harness.cli.certs.CiscoCliFixtures.certificate;
import static io.sipshield.harness.cli.certs.CiscoCliFixtures.combined;
import static io.sipshield.harness.cli.certs.CiscoCliFixtures.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.cisco.SignedFile;
import io.sipshield.certs.cisco.TrustListFile;
import io.sipshield.certs.cisco.TrustListRole;
import io.sipshield.harness.cli.certs.CiscoCliFixtures.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertsSgnCommandTest {

    private static final byte[] CONFIG = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<device>\n"
            + "    <deviceSecurityMode>3</deviceSecurityMode>\n    <transportLayerProtocol>3</transportLayerProtocol>\n</device>\n")
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private Path asterisk;
    private Path asteriskKey;
    private Path config;
    private Path itl;

    @BeforeEach
    void writeFiles() throws Exception {
        asterisk = certificate(dir, "asterisk", ASTERISK);
        asteriskKey = dir.resolve("asterisk.key");
        config = Files.write(dir.resolve("SEP58971ECC97C1.cnf.xml"), CONFIG);
        itl = dir.resolve("ITLFile.tlv");
        TrustListFile.builder().signedBy(SAST).add(TrustListRole.CCM, ASTERISK.certificate())
                .add(TrustListRole.TFTP, ASTERISK.certificate()).filename("ITLFile.tlv").build().write(itl);
    }

    private Run sgn(String... args) {
        return run(new CertsSgnCommand(), args);
    }

    @Test
    void signWritesInputDotSgnWithTheDefaultFileName() throws Exception {
        Run run = sgn("sign", "--cert", asterisk.toString(), "--key", asteriskKey.toString(), config.toString());

        assertEquals(0, run.code(), run.err());
        Path signed = dir.resolve("SEP58971ECC97C1.cnf.xml.sgn");
        SignedFile file = SignedFile.read(signed);
        assertArrayEquals(CONFIG, file.strip());
        assertEquals(Optional.of("SEP58971ECC97C1.cnf.xml.sgn"), file.filename());
        assertTrue(file.verify(ASTERISK.certificate()).isValid());
        assertEquals("signed " + config + " into " + signed + ": filename SEP58971ECC97C1.cnf.xml.sgn, SHA-1, signed by CN=pbx.sip.test\n",
                run.out());
    }

    @Test
    void signTakesAnOutputAFileNameAndACombinedPem() throws Exception {
        Path both = combined(dir, "asterisk-combined", ASTERISK);
        Path out = dir.resolve("g3-tones.xml.sgn");

        Run run = sgn("sign", "--cert", both.toString(), "--filename", "New_Zealand/g3-tones.xml.sgn", "--digest", "sha512",
                config.toString(), out.toString());

        assertEquals(0, run.code(), run.err());
        SignedFile file = SignedFile.read(out);
        assertEquals(Optional.of("New_Zealand/g3-tones.xml.sgn"), file.filename());
        assertEquals("SHA-512", file.header().digest().displayName());
    }

    @Test
    void signWithAnEcCertificateIsUnusable() throws Exception {
        Path apache = certificate(dir, "apache-ec", APACHE_EC);

        Run run = sgn("sign", "--cert", apache.toString(), "--key", dir.resolve("apache-ec.key").toString(), config.toString());

        assertEquals(2, run.code());
        assertEquals("sipshield certs sgn sign: header signatures are RSA (tlvfile and sgnfile refuse other signers);"
                + " the key of CN=prov.sip.test is EC\n", run.err());
    }

    @Test
    void signWithoutAKeyIsUnusable() {
        Run run = sgn("sign", "--cert", asterisk.toString(), config.toString());

        assertEquals(2, run.code());
        assertEquals("sipshield certs sgn sign: " + asterisk + ": holds no private key\n", run.err());
    }

    @Test
    void verifyAgainstTheTrustListPasses() {
        sgn("sign", "--cert", asterisk.toString(), "--key", asteriskKey.toString(), config.toString());

        Run run = sgn("verify", dir.resolve("SEP58971ECC97C1.cnf.xml.sgn").toString(), "--trust-list", itl.toString());

        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("trust list " + itl + ": VALID: valid SHA-1 RSA signature by SAST record 1 (CN=SAST)"), run.out());
        assertTrue(run.out().contains("signature: VALID: valid SHA-1 RSA signature by TFTP record 3 (CN=pbx.sip.test)"), run.out());
        assertTrue(run.out().contains("  filename       SEP58971ECC97C1.cnf.xml.sgn"), run.out());
    }

    @Test
    void verifyAgainstTheCertificatePasses() {
        sgn("sign", "--cert", asterisk.toString(), "--key", asteriskKey.toString(), config.toString());

        Run run = sgn("verify", dir.resolve("SEP58971ECC97C1.cnf.xml.sgn").toString(), "--cert", asterisk.toString());

        assertEquals(0, run.code(), run.out() + run.err());
    }

    @Test
    void verifyOfATamperedFileFails() throws Exception {
        sgn("sign", "--cert", asterisk.toString(), "--key", asteriskKey.toString(), config.toString());
        Path signed = dir.resolve("SEP58971ECC97C1.cnf.xml.sgn");
        byte[] bytes = Files.readAllBytes(signed);
        bytes[bytes.length - 10] = '4';
        Files.write(signed, bytes);

        Run run = sgn("verify", signed.toString(), "--trust-list", itl.toString());

        assertEquals(1, run.code());
        assertTrue(run.out().contains("signature: INVALID: the SHA-1 RSA signature does not verify with TFTP record 3 (CN=pbx.sip.test):"
                + " the file was changed after it was signed, or another key signed it"), run.out());
    }

    @Test
    void verifyAgainstAListWithoutTftpFails() throws Exception {
        sgn("sign", "--cert", asterisk.toString(), "--key", asteriskKey.toString(), config.toString());
        Path ccmOnly = dir.resolve("ccm-only.tlv");
        TrustListFile.builder().signedBy(SAST).add(TrustListRole.CCM, ASTERISK.certificate()).filename("ITLFile.tlv").build()
                .write(ccmOnly);

        Run run = sgn("verify", dir.resolve("SEP58971ECC97C1.cnf.xml.sgn").toString(), "--trust-list", ccmOnly.toString());

        assertEquals(1, run.code());
        assertTrue(run.out().contains("signature: NO_SIGNER: the trust list has no TFTP or CCM+TFTP record"), run.out());
    }

    @Test
    void verifyNotesAFileNameThatDiffersFromTheHeader() throws Exception {
        sgn("sign", "--cert", asterisk.toString(), "--key", asteriskKey.toString(), config.toString(),
                dir.resolve("SEP000000000000.cnf.xml.sgn").toString());

        Run run = sgn("verify", dir.resolve("SEP000000000000.cnf.xml.sgn").toString(), "--cert", asterisk.toString());

        assertEquals(0, run.code());
        assertTrue(run.out().contains("note: the header's FILENAME is SEP58971ECC97C1.cnf.xml.sgn but the file is named"
                + " SEP000000000000.cnf.xml.sgn; a phone asking for SEP000000000000.cnf.xml.sgn may reject it"), run.out());
    }

    @Test
    void verifyNeedsATrustListOrACertificate() {
        Run run = sgn("verify", config.toString());

        assertEquals(2, run.code());
        assertEquals("sipshield certs sgn verify: give the phone's trust list (--trust-list TLV) or the signing certificate"
                + " (--cert CERT), one of them\n", run.err());
    }

    @Test
    void verifyOfAFileThatIsNotSignedNamesTheOffset() {
        Run run = sgn("verify", config.toString(), "--cert", asterisk.toString());

        assertEquals(2, run.code());
        assertEquals("sipshield certs sgn verify: " + config + ": offset 0, header VERSION (tag 0x01): found tag 0x3C where a Cisco"
                + " .tlv or .sgn file has VERSION: not a trust list or signed file\n", run.err());
    }

    @Test
    void stripWritesTheOriginalBytesBack() throws Exception {
        sgn("sign", "--cert", asterisk.toString(), "--key", asteriskKey.toString(), config.toString());
        Files.delete(config);

        Run run = sgn("strip", dir.resolve("SEP58971ECC97C1.cnf.xml.sgn").toString());

        assertEquals(0, run.code(), run.err());
        assertArrayEquals(CONFIG, Files.readAllBytes(config));
        assertEquals("wrote " + config + ": " + CONFIG.length + " bytes (the header said FILENAME SEP58971ECC97C1.cnf.xml.sgn)\n",
                run.out());
    }

    @Test
    void stripToANamedOutput() throws Exception {
        sgn("sign", "--cert", asterisk.toString(), "--key", asteriskKey.toString(), config.toString());
        Path out = dir.resolve("plain.xml");

        assertEquals(0, sgn("strip", dir.resolve("SEP58971ECC97C1.cnf.xml.sgn").toString(), out.toString()).code());
        assertArrayEquals(CONFIG, Files.readAllBytes(out));
    }

    @Test
    void stripNeedsAnOutputForANameWithoutSgn() {
        Run run = sgn("strip", config.toString());

        assertEquals(2, run.code());
        assertEquals("sipshield certs sgn strip: " + config + ": the name does not end with .sgn or .sha512; give OUT\n", run.err());
    }

    @Test
    void stripOfATruncatedHeaderIsUnusable() throws Exception {
        sgn("sign", "--cert", asterisk.toString(), "--key", asteriskKey.toString(), config.toString());
        Path signed = dir.resolve("SEP58971ECC97C1.cnf.xml.sgn");
        Files.write(signed, java.util.Arrays.copyOf(Files.readAllBytes(signed), 30));

        Run run = sgn("strip", signed.toString());

        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("sipshield certs sgn strip: " + signed + ": offset 5, header HEADER_LENGTH (tag 0x02): says the"
                + " header is "), run.err());
    }
}
