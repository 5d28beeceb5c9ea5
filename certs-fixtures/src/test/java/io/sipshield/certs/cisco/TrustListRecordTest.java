package io.sipshield.certs.cisco;

import static io.sipshield.certs.cisco.CiscoFixtures.ASTERISK;
import static io.sipshield.certs.cisco.CiscoFixtures.BUILT;
import static io.sipshield.certs.cisco.CiscoFixtures.SAST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.CertificateSpec;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustListRecordTest {

    /** A record laid out as CUCM's CTL dump shows: tags 2 to 10 in order, DNS name and IP address included. */
    private static TrustListRecord cucmStyle() throws Exception {
        TrustListRecord plain = TrustListRecord.of(TrustListRole.CCM_TFTP, ASTERISK.certificate(), NameStyle.CUCM);
        List<RecordField> fields = new ArrayList<>();
        fields.add(RecordField.text(RecordTag.DNS_NAME, "pbx.sip.test"));
        for (RecordTag tag : List.of(RecordTag.SUBJECT_NAME, RecordTag.ROLE, RecordTag.ISSUER_NAME, RecordTag.SERIAL_NUMBER,
                RecordTag.PUBLIC_KEY, RecordTag.SIGNATURE, RecordTag.CERTIFICATE)) {
            fields.add(new RecordField(tag, plain.field(tag).orElseThrow()));
        }
        fields.add(new RecordField(RecordTag.IP_ADDRESS, new Octets(InetAddress.getByName("127.0.0.1").getAddress())));
        return new TrustListRecord(fields);
    }

    @Test
    void aCucmStyleRecordKeepsItsOrderAndExtraFieldsThroughParseAndEncode() throws Exception {
        TrustListRecord record = cucmStyle();
        TrustListFile list = TrustListFile.builder().signedBy(SAST).add(record).filename("CTLFile.tlv").timestamp(BUILT).build();

        TrustListFile parsed = TrustListFile.parse("CTLFile.tlv", list.toBytes());

        assertEquals(record, parsed.records().get(1));
        assertArrayEquals(list.toBytes(), parsed.toBytes());
        assertEquals(Optional.of("pbx.sip.test"), parsed.records().get(1).dnsName());
        assertEquals(Optional.of(InetAddress.getByName("127.0.0.1")), parsed.records().get(1).ipAddress());
        assertEquals(Optional.of(TrustListRole.CCM_TFTP), parsed.records().get(1).role());
        assertTrue(parsed.verify().isValid());
        String text = parsed.describe();
        assertTrue(text.contains("  dns name       pbx.sip.test\n  ip address     127.0.0.1\n"), text);
    }

    @Test
    void storedFieldsThatDisagreeWithTheCertificateAreReported() {
        TrustListRecord honest = TrustListRecord.of(TrustListRole.CCM, ASTERISK.certificate());
        TrustListRecord sast = TrustListRecord.of(TrustListRole.SAST, SAST.certificate());
        List<RecordField> fields = honest.fields().stream()
                .map(field -> field.tag() == RecordTag.SERIAL_NUMBER || field.tag() == RecordTag.PUBLIC_KEY
                        ? new RecordField(field.tag(), sast.field(field.tag()).orElseThrow()) : field)
                .toList();

        TrustListRecord forged = new TrustListRecord(fields);

        assertEquals(List.of("SERIAL_NUMBER " + sast.serialNumber().orElseThrow().hex() + " is not the certificate's serial "
                        + ASTERISK.certificate().getSerialNumber().toString(16),
                "PUBLIC_KEY is not the certificate's public key"), forged.inconsistencies());
    }

    @Test
    void anUnknownRoleCodeIsKeptAsANumberAndNoted() {
        List<RecordField> fields = TrustListRecord.of(TrustListRole.CCM, ASTERISK.certificate()).fields().stream()
                .map(field -> field.tag() == RecordTag.ROLE ? new RecordField(RecordTag.ROLE, Octets.of((byte) 0, (byte) 5)) : field)
                .toList();
        TrustListRecord record = new TrustListRecord(fields);

        TrustListFile list = TrustListFile.builder().signedBy(SAST).add(record).filename("ITLFile.tlv").timestamp(BUILT).build();

        assertEquals(5, record.roleCode());
        assertEquals(Optional.empty(), record.role());
        assertEquals(List.of("record 2 (unknown role 5): role code 5 is not defined by any public source"), list.notes());
        assertTrue(list.describe().contains("record 2: unknown role 5\n"), list.describe());
    }

    @Test
    void aRecordNeedsARoleAndACertificateAndOneOfEachField() {
        List<RecordField> fields = TrustListRecord.of(TrustListRole.CCM, ASTERISK.certificate()).fields();

        assertEquals("a record needs ROLE (tag 0x04)", assertThrows(IllegalArgumentException.class, () -> new TrustListRecord(
                fields.stream().filter(field -> field.tag() != RecordTag.ROLE).toList())).getMessage());
        List<RecordField> doubled = new ArrayList<>(fields);
        doubled.add(fields.get(0));
        assertEquals("a record holds at most one SUBJECT_NAME (tag 0x03)",
                assertThrows(IllegalArgumentException.class, () -> new TrustListRecord(doubled)).getMessage());
    }

    @Test
    void aFieldValueTheTagDoesNotAllowIsRefused() {
        assertEquals("ROLE (tag 0x04): declares 1 byte(s); it is 2 (an unsigned 16-bit role code)",
                assertThrows(IllegalArgumentException.class, () -> new RecordField(RecordTag.ROLE, Octets.of((byte) 1))).getMessage());
        assertEquals("RECORD_LENGTH (tag 0x01): RECORD_LENGTH only starts a record",
                assertThrows(IllegalArgumentException.class, () -> new RecordField(RecordTag.RECORD_LENGTH, Octets.of((byte) 0, (byte) 5)))
                        .getMessage());
        assertEquals("IP_ADDRESS (tag 0x0A): declares 3 byte(s); an IP address is 4 (or 16 for IPv6)",
                assertThrows(IllegalArgumentException.class, () -> new RecordField(RecordTag.IP_ADDRESS, Octets.of((byte) 1, (byte) 2, (byte) 3)))
                        .getMessage());
    }

    @Test
    void aNegativeSerialNumberCannotBeStored() {
        var negative = CertificateSpec.leaf("negative.sip.test").serial(BigInteger.valueOf(-1234)).issuedBy(SAST).build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustListRecord.of(TrustListRole.CCM, negative.certificate()));

        assertTrue(e.getMessage().contains("has a negative serial number (-1234); the format stores serials as unsigned bytes"), e.getMessage());
    }

    @Test
    void aZeroSerialNumberIsStoredEmpty() {
        var zero = CertificateSpec.leaf("zero.sip.test").serial(BigInteger.ZERO).issuedBy(SAST).build();

        TrustListRecord record = TrustListRecord.of(TrustListRole.CCM, zero.certificate());

        assertEquals(Optional.of(Octets.of()), record.serialNumber());
        assertEquals(List.of(), record.inconsistencies());
    }

    @Test
    void rolesHaveTheirCodesLabelsAndMeanings() {
        assertEquals(List.of(0, 1, 2, 3, 4, 7, 21), java.util.Arrays.stream(TrustListRole.values()).map(TrustListRole::code).toList());
        assertEquals(Optional.of(TrustListRole.APP_SERVER), TrustListRole.fromLabel("https"));
        assertEquals(Optional.of(TrustListRole.APP_SERVER), TrustListRole.fromLabel("APP-SERVER"));
        assertEquals(Optional.of(TrustListRole.CCM_TFTP), TrustListRole.fromLabel("ccm+tftp"));
        assertEquals(Optional.of(TrustListRole.CCM_TFTP), TrustListRole.fromLabel("ccm-tftp"));
        assertEquals(Optional.empty(), TrustListRole.fromLabel("tls"));
        assertEquals(Optional.empty(), TrustListRole.fromCode(5));
        assertEquals("CCM+TFTP", TrustListRole.CCM_TFTP.label());
        assertTrue(TrustListRole.CCM_TFTP.signsProvisioningFiles() && TrustListRole.CCM_TFTP.verifiesSipServer());
        assertTrue(TrustListRole.TFTP.signsProvisioningFiles() && !TrustListRole.TFTP.verifiesSipServer());
        assertTrue(!TrustListRole.CCM.signsProvisioningFiles() && TrustListRole.CCM.verifiesSipServer());
    }

    @Test
    void versionsAndDigestsParseTheWayToolsSpellThem() {
        assertEquals(FormatVersion.SIGNER_1_1, FormatVersion.parse("1.1"));
        assertEquals("'1' is not a version like 1.0 or 1.1",
                assertThrows(IllegalArgumentException.class, () -> FormatVersion.parse("1")).getMessage());
        assertEquals(Optional.of(DigestAlgorithm.SHA512), DigestAlgorithm.fromName("sha512"));
        assertEquals(Optional.of(DigestAlgorithm.SHA1), DigestAlgorithm.fromName("SHA-1"));
        assertEquals(Optional.empty(), DigestAlgorithm.fromName("md5"));
        assertTrue(DigestAlgorithm.SHA512.acceptedByCertutils() && !DigestAlgorithm.SHA256.acceptedByCertutils());
    }

    @Test
    void octetsCompareByContentAndPrintAsHex() {
        byte[] bytes = {0x6b, (byte) 0xa5};
        Octets octets = new Octets(bytes);
        bytes[0] = 0;

        assertEquals(Octets.ofHex("6BA5"), octets);
        assertEquals("6ba5", octets.toString());
        assertEquals(Octets.ofHex("6ba5").hashCode(), octets.hashCode());
        octets.bytes()[1] = 0;
        assertEquals(0xa5, octets.unsignedAt(1), "the bytes cannot be changed from outside");
    }
}
