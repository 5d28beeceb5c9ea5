package io.sipshield.harness.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.cisco.FormatVersion;
import io.sipshield.certs.cisco.SignedFile;
import io.sipshield.certs.cisco.TrustListFile;
import io.sipshield.certs.cisco.TrustListRole;
import io.sipshield.emulator.cisco.CiscoMac;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trust lists and signed files built from their YAML descriptions, and the descriptions' errors. */
class ProvisioningTreeTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final Path SHOWN = Path.of("scenarios/cisco/prov");

    @TempDir
    Path dir;

    private void build() throws Exception {
        new ProvisioningTree(PKI).build(dir, SHOWN);
    }

    private String error(String file, String yaml) throws Exception {
        Files.writeString(dir.resolve(file), yaml);
        return assertThrows(IllegalArgumentException.class, this::build).getMessage();
    }

    @Test
    void aTrustListIsSignedByItsSastAndTheDescriptionRemoved() throws Exception {
        Files.writeString(dir.resolve("ITLFile.tlv.yaml"), """
                signer: other-root
                signer-version: "1.1"
                records:
                  - { certificate: other-root, role: SAST }
                  - { certificate: pbx-server, role: ccm }
                """);
        build();

        TrustListFile list = TrustListFile.read(dir.resolve("ITLFile.tlv"));
        assertTrue(list.verify().isValid(), list.verify().toString());
        assertEquals(FormatVersion.SIGNER_1_1, list.header().signerVersion().orElseThrow());
        assertEquals(1, list.records(TrustListRole.SAST).size());
        assertEquals(PKI.get(FixtureName.PBX_SERVER).certificate(), list.records(TrustListRole.CCM).get(0).certificate());
        assertFalse(Files.exists(dir.resolve("ITLFile.tlv.yaml")));
    }

    @Test
    void theSameDescriptionGivesTheSameBytesAllRunLong() throws Exception {
        String description = "signer: other-root\nrecords:\n  - { certificate: pbx-server, role: CCM }\n";
        Path again = Files.createDirectories(dir.resolve("again"));
        Files.writeString(dir.resolve("ITLFile.tlv.yaml"), description);
        Files.writeString(again.resolve("ITLFile.tlv.yaml"), description);
        build();

        assertArrayEquals(Files.readAllBytes(dir.resolve("ITLFile.tlv")), Files.readAllBytes(again.resolve("ITLFile.tlv")));
    }

    @Test
    void moreThanTwoSastRecordsMakeAListTlvfileWouldRefuse() throws Exception {
        Files.writeString(dir.resolve("ITLFile.tlv.yaml"), """
                signer: other-root
                records:
                  - { certificate: test-root, role: SAST }
                  - { certificate: impostor-root, role: SAST }
                  - { certificate: pbx-server, role: CCM }
                """);
        build();

        TrustListFile list = TrustListFile.read(dir.resolve("ITLFile.tlv"));
        assertEquals(3, list.records(TrustListRole.SAST).size());
        assertTrue(list.verify().isValid(), list.verify().toString());
    }

    @Test
    void aSignedFileVerifiesUnlessTampered() throws Exception {
        Files.writeString(dir.resolve("SEP001122334455.cnf.xml"), "<device/>\n");
        Files.writeString(dir.resolve("SEP001122334455.cnf.xml.sgn.yaml"), "file: SEP001122334455.cnf.xml\nsigner: pbx-server\n");
        Files.writeString(dir.resolve("SoftKeys.xml"), "<softKeyCfg/>\n");
        Files.writeString(dir.resolve("SoftKeys.xml.sgn.yaml"), "file: SoftKeys.xml\nsigner: pbx-server\ntamper: true\n");
        build();

        SignedFile good = SignedFile.read(dir.resolve("SEP001122334455.cnf.xml.sgn"));
        assertTrue(good.verify(PKI.get(FixtureName.PBX_SERVER).certificate()).isValid());
        assertEquals("SEP001122334455.cnf.xml.sgn", good.filename().orElseThrow());
        SignedFile bad = SignedFile.read(dir.resolve("SoftKeys.xml.sgn"));
        assertFalse(bad.verify(PKI.get(FixtureName.PBX_SERVER).certificate()).isValid());
        assertEquals(List.of("SEP001122334455.cnf.xml", "SEP001122334455.cnf.xml.sgn", "SoftKeys.xml", "SoftKeys.xml.sgn"),
                Files.list(dir).map(file -> file.getFileName().toString()).sorted().toList());
    }

    @Test
    void rejectsAnUnknownRoleNamingTheFileAndRecord() throws Exception {
        String message = error("ITLFile.tlv.yaml", "signer: other-root\nrecords:\n  - { certificate: pbx-server, role: BOSS }\n");
        assertTrue(message.contains("scenarios/cisco/prov/ITLFile.tlv.yaml: records[0].role: unknown role 'BOSS'"), message);
    }

    @Test
    void rejectsAnUnknownSignerFixture() throws Exception {
        String message = error("ITLFile.tlv.yaml", "signer: nobody\nrecords: [{ certificate: pbx-server, role: CCM }]\n");
        assertTrue(message.contains("ITLFile.tlv.yaml: signer: unknown fixture 'nobody'"), message);
    }

    @Test
    void rejectsABadSignerVersionAndMissingRecords() throws Exception {
        String version = error("ITLFile.tlv.yaml", "signer: other-root\nsigner-version: \"1.2\"\nrecords: [{ certificate: pbx-server, role: CCM }]\n");
        assertTrue(version.contains("signer-version: '1.2'; expected \"1.0\" or \"1.1\""), version);
        String records = error("ITLFile.tlv.yaml", "signer: other-root\n");
        assertTrue(records.contains("records: expected a list"), records);
    }

    @Test
    void rejectsAnUnknownKey() throws Exception {
        String message = error("x.sgn.yaml", "file: a\nsigner: pbx-server\nsign: yes\n");
        assertTrue(message.contains("x.sgn.yaml: unknown key 'sign'"), message);
    }

    @Test
    void rejectsAMissingNeighbourAndANonBooleanTamper() throws Exception {
        String missing = error("x.sgn.yaml", "file: SEP001122334455.cnf.xml\nsigner: pbx-server\n");
        assertTrue(missing.contains("x.sgn.yaml: file: no file 'SEP001122334455.cnf.xml' beside it"), missing);
        Files.writeString(dir.resolve("a.xml"), "<a/>");
        String tamper = error("x.sgn.yaml", "file: a.xml\nsigner: pbx-server\ntamper: maybe\n");
        assertTrue(tamper.contains("tamper: 'maybe'; expected true or false"), tamper);
    }

    @Test
    void theDefaultMacIsTheDirectorysOwnElseDerivedFromTheName() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CiscoMac derived = PhoneProvisioning.defaultMac(empty, "desk");
        assertEquals(derived, PhoneProvisioning.defaultMac(empty, "desk"));
        assertTrue(derived.hex().startsWith("02"), derived.hex());
        Files.writeString(dir.resolve("SEP00AABBCCDDEE.cnf.xml.sgn.yaml"), "");
        assertEquals(new CiscoMac("00AABBCCDDEE"), PhoneProvisioning.defaultMac(dir, "desk"));
    }
}
