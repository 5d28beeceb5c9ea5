package io.sipshield.harness.cli.certs;

import static io.sipshield.harness.cli.certs.CiscoCliFixtures.APACHE_EC;
import static io.sipshield.harness.cli.certs.CiscoCliFixtures.ASTERISK;
import static io.sipshield.harness.cli.certs.CiscoCliFixtures.SAST;
import static io.sipshield.harness.cli.certs.CiscoCliFixtures.certificate;
import static io.sipshield.harness.cli.certs.CiscoCliFixtures.combined;
import static io.sipshield.harness.cli.certs.CiscoCliFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.cisco.DigestAlgorithm;
import io.sipshield.certs.cisco.FormatVersion;
import io.sipshield.certs.cisco.TrustListFile;
import io.sipshield.certs.cisco.TrustListRole;
import io.sipshield.harness.cli.certs.CiscoCliFixtures.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertsTlvCommandTest {

    @TempDir
    Path dir;

    private Path sast;
    private Path asterisk;
    private Path apache;

    @BeforeEach
    void writeCertificates() throws Exception {
        sast = certificate(dir, "sast", SAST);
        asterisk = certificate(dir, "asterisk", ASTERISK);
        apache = certificate(dir, "apache-ec", APACHE_EC);
    }

    private Run tlv(String... args) {
        return run(new CertsTlvCommand(), args);
    }

    @Test
    void buildWritesASignedListWithTheRecordsInTheOrderGiven() throws Exception {
        Path out = dir.resolve("ITLSEP58971ECC97C1.tlv");

        Run run = tlv("build", "--sast", sast + ":" + dir.resolve("sast.key"), "--tftp", asterisk.toString(),
                "--ccm", asterisk.toString(), "--tftp=" + apache, "--signer-version", "1.1", "--filename", "ITLFile.tlv",
                "--out", out.toString());

        assertEquals(0, run.code(), run.err());
        TrustListFile list = TrustListFile.read(out);
        assertEquals(List.of(TrustListRole.SAST, TrustListRole.TFTP, TrustListRole.CCM, TrustListRole.TFTP),
                list.records().stream().map(record -> record.role().orElseThrow()).toList());
        assertEquals(APACHE_EC.certificate(), list.records().get(3).certificate());
        assertTrue(list.verify().isValid(), list.verify().detail());
        assertEquals(Optional.of("ITLFile.tlv"), list.header().filename());
        assertEquals(Optional.of(FormatVersion.SIGNER_1_1), list.header().signerVersion());
        assertTrue(run.out().startsWith("built " + out + ": 4 record(s), signed by CN=SAST with SHA-1, signer version 1.1,"
                + " filename ITLFile.tlv\n  SAST       CN=SAST\n  TFTP       CN=pbx.sip.test\n"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void theSastMayBeOneFileHoldingCertificateAndKeyAndTheNameDefaultsToTheOutput() throws Exception {
        Path both = combined(dir, "sast-combined", SAST);
        Path out = dir.resolve("CTLFile.tlv");

        Run run = tlv("build", "--sast", both.toString(), "--https", apache.toString(), "--digest", "sha512", "--out", out.toString());

        assertEquals(0, run.code(), run.err());
        TrustListFile list = TrustListFile.read(out);
        assertEquals(Optional.of("CTLFile.tlv"), list.header().filename());
        assertEquals(DigestAlgorithm.SHA512, list.header().digest());
        assertEquals(TrustListRole.APP_SERVER, list.records().get(1).role().orElseThrow());
        assertTrue(run.out().contains("note: record 2 (APP-SERVER) holds an EC key, but phones take EC certificates only from"
                + " signer version 1.1 lists"), run.out());
    }

    @Test
    void buildWithoutASastIsUnusable() {
        Run run = tlv("build", "--ccm", asterisk.toString(), "--out", dir.resolve("x.tlv").toString());

        assertEquals(2, run.code());
        assertEquals("sipshield certs tlv build: no --sast certificate: a trust list is signed by a SAST certificate's RSA key"
                + " (give --sast CERT:KEY)\n", run.err());
        assertFalse(Files.exists(dir.resolve("x.tlv")));
    }

    @Test
    void aSastWithoutItsKeyIsUnusable() {
        Run run = tlv("build", "--sast", sast.toString(), "--out", dir.resolve("x.tlv").toString());

        assertEquals(2, run.code());
        assertEquals("sipshield certs tlv build: --sast " + sast + ": no private key to sign with; give --sast CERT:KEY"
                + " or a PEM file holding both\n", run.err());
    }

    @Test
    void anEcSastIsUnusable() {
        Run run = tlv("build", "--sast", apache + ":" + dir.resolve("apache-ec.key"), "--out", dir.resolve("x.tlv").toString());

        assertEquals(2, run.code());
        assertEquals("sipshield certs tlv build: header signatures are RSA (tlvfile and sgnfile refuse other signers);"
                + " the key of CN=prov.sip.test is EC\n", run.err());
    }

    @Test
    void aMissingCertificateFileIsNamed() {
        Run run = tlv("build", "--sast", sast + ":" + dir.resolve("sast.key"), "--ccm", dir.resolve("nope.pem").toString(),
                "--out", dir.resolve("x.tlv").toString());

        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("sipshield certs tlv build: " + dir.resolve("nope.pem") + ": no such file"), run.err());
        assertEquals(1, run.err().lines().count(), "one line, no stack trace");
    }

    @Test
    void aBadSignerVersionIsUnusable() {
        Run run = tlv("build", "--sast", sast + ":" + dir.resolve("sast.key"), "--signer-version", "1.2",
                "--out", dir.resolve("x.tlv").toString());

        assertEquals(2, run.code());
        assertEquals("sipshield certs tlv build: --signer-version must be 1.0 or 1.1; was '1.2'\n", run.err());
    }

    @Test
    void parsePrintsRecordsRolesAndAValidSignature() throws Exception {
        Path out = dir.resolve("ITLFile.tlv");
        tlv("build", "--sast", sast + ":" + dir.resolve("sast.key"), "--ccm", asterisk.toString(), "--out", out.toString());

        Run run = tlv("parse", out.toString());

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith(out + ": trust list: header version 1.2, signer version 1.0, 2 record(s)"), run.out());
        assertTrue(run.out().contains("record 1: SAST\n  subject        CN=SAST\n"), run.out());
        assertTrue(run.out().contains("record 2: CCM\n  subject        CN=pbx.sip.test\n"), run.out());
        assertTrue(run.out().contains("signature: VALID: valid SHA-1 RSA signature by SAST record 1 (CN=SAST)"), run.out());
    }

    @Test
    void parseOfATamperedListFails() throws Exception {
        Path out = dir.resolve("ITLFile.tlv");
        tlv("build", "--sast", sast + ":" + dir.resolve("sast.key"), "--ccm", asterisk.toString(), "--out", out.toString());
        byte[] bytes = Files.readAllBytes(out);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(out, bytes);

        Run run = tlv("parse", out.toString());

        assertEquals(1, run.code());
        assertTrue(run.out().contains("signature: INVALID: the SHA-1 RSA signature does not verify with SAST record 1 (CN=SAST)"), run.out());
    }

    @Test
    void parseWithAKnownSastThatDidNotSignFails() throws Exception {
        Path out = dir.resolve("ITLFile.tlv");
        tlv("build", "--sast", sast + ":" + dir.resolve("sast.key"), "--ccm", asterisk.toString(), "--out", out.toString());

        assertEquals(0, tlv("parse", out.toString(), "--known-sast", sast.toString()).code());
        Run run = tlv("parse", out.toString(), "--known-sast", asterisk.toString());

        assertEquals(1, run.code());
        assertTrue(run.out().contains("signature with the known SAST certificate(s): NO_SIGNER: none of the 1 known SAST"), run.out());
    }

    @Test
    void parseOfGarbageNamesTheOffsetAndField() throws Exception {
        Path garbage = Files.write(dir.resolve("garbage.tlv"), new byte[] {0x01, 0x00, 0x02, 0x01, 0x02, 0x02, 0x00});

        Run run = tlv("parse", garbage.toString());

        assertEquals(2, run.code());
        assertEquals("sipshield certs tlv parse: " + garbage + ": offset 5, header HEADER_LENGTH (tag 0x02): needs 2 byte(s)"
                + " at offset 6 but the file ends at offset 7 (1 left): truncated\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void parseOfAMissingFileIsUnusable() {
        Run run = tlv("parse", dir.resolve("none.tlv").toString());

        assertEquals(2, run.code());
        assertEquals("sipshield certs tlv parse: " + dir.resolve("none.tlv") + ": no such file\n", run.err());
    }

    @Test
    void withoutASubcommandItIsAUsageError() {
        Run run = tlv();

        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("Missing required subcommand"), run.err());
    }
}
