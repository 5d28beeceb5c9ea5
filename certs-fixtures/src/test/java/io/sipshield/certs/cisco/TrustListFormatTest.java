package io.sipshield.certs.cisco;

import static io.sipshield.certs.cisco.CiscoFixtures.ASTERISK;
import static io.sipshield.certs.cisco.CiscoFixtures.fieldOffset;
import static io.sipshield.certs.cisco.CiscoFixtures.headerOffset;
import static io.sipshield.certs.cisco.CiscoFixtures.itl;
import static io.sipshield.certs.cisco.CiscoFixtures.realItl;
import static io.sipshield.certs.cisco.CiscoFixtures.recordOffset;
import static io.sipshield.certs.cisco.CiscoFixtures.replaced;
import static io.sipshield.certs.cisco.CiscoFixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Truncated, garbage and malformed input: a {@link TrustListFormatException} naming the offset and the field. */
class TrustListFormatTest {

    private final byte[] real = resource("ITLFile.tlv");
    private final TrustListFile realItl = realItl();

    private static TrustListFormatException failure(byte[] bytes) {
        return assertThrows(TrustListFormatException.class, () -> TrustListFile.parse("ITLFile.tlv", bytes));
    }

    @Test
    void anEmptyFileIsRefusedAtOffsetZero() {
        TrustListFormatException e = failure(new byte[0]);

        assertEquals("ITLFile.tlv: offset 0, header VERSION (tag 0x01): the file is empty", e.getMessage());
        assertEquals(0, e.offset());
        assertEquals("header VERSION (tag 0x01)", e.field());
        assertEquals("ITLFile.tlv", e.source());
    }

    @Test
    void aCertificateIsNotATrustList() throws Exception {
        TrustListFormatException e = failure(ASTERISK.certificate().getEncoded());

        assertEquals("ITLFile.tlv: offset 0, header VERSION (tag 0x01): found tag 0x30 where a Cisco .tlv or .sgn file has VERSION:"
                + " not a trust list or signed file", e.getMessage());
    }

    @Test
    void aFileCutInsideTheHeaderSaysTheHeaderIsLongerThanTheFile() {
        TrustListFormatException e = failure(Arrays.copyOf(real, 200));

        assertEquals(5, e.offset());
        assertEquals("header HEADER_LENGTH (tag 0x02)", e.field());
        assertEquals("says the header is 388 bytes but the file has only 200: truncated", e.problem());
    }

    @Test
    void aFileCutInsideARecordNamesTheRecordAndWhatIsMissing() {
        int second = recordOffset(realItl, 1);

        TrustListFormatException e = failure(Arrays.copyOf(real, second + 900));

        assertEquals(second, e.offset());
        assertEquals("record 2 RECORD_LENGTH (tag 0x01)", e.field());
        assertEquals("says the record is 1675 bytes but only 900 remain in the file: truncated", e.problem());
    }

    @Test
    void aFileCutInsideARecordLengthIsTruncatedThere() {
        int third = recordOffset(realItl, 2);

        TrustListFormatException e = failure(Arrays.copyOf(real, third + 4));

        assertEquals(third, e.offset());
        assertEquals("record 3 RECORD_LENGTH (tag 0x01)", e.field());
        assertEquals("needs 2 byte(s) at offset " + (third + 3) + " but the file ends at offset " + (third + 4) + " (1 left): truncated",
                e.problem());
    }

    @Test
    void everyTruncationIsRefusedOrLeavesAListThatNoLongerVerifies() throws Exception {
        byte[] bytes = itl().build().toBytes();
        Set<Integer> recordEnds = new HashSet<>();
        TrustListFile whole = TrustListFile.parse("t", bytes);
        for (int i = 0; i <= whole.records().size(); i++) {
            recordEnds.add(recordOffset(whole, i));
        }
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            if (recordEnds.contains(length)) {
                TrustListFile shorter = TrustListFile.parse("t", cut);
                assertFalse(shorter.verify().isValid(), "cut after a whole record at " + length);
            } else {
                TrustListFormatException e = failure(cut);
                assertTrue(e.offset() >= 0 && e.offset() <= length, "cut at " + length + ": " + e.getMessage());
                assertFalse(e.field().isEmpty());
            }
        }
    }

    @Test
    void randomBytesAreRefusedWithAFormatErrorAndNothingElse() {
        Random random = new Random(20260102L);
        for (int i = 0; i < 2000; i++) {
            byte[] garbage = new byte[1 + random.nextInt(600)];
            random.nextBytes(garbage);
            if (i % 2 == 0) {
                garbage[0] = 0x01;
                if (garbage.length > 3) {
                    garbage[1] = 0;
                    garbage[2] = 2;
                }
            }
            failure(garbage);
        }
    }

    @Test
    void garbageAfterAValidHeaderIsRefusedAtTheFirstRecord() {
        byte[] bytes = Arrays.copyOf(real, real.length + 10);
        bytes[real.length] = 0x7F;

        TrustListFormatException e = failure(bytes);

        assertEquals(real.length, e.offset());
        assertEquals("record 6 RECORD_LENGTH (tag 0x01)", e.field());
        assertEquals("found tag 0x7F where a record starts with RECORD_LENGTH (0x01)", e.problem());
    }

    @Test
    void anUnknownHeaderTagIsNamedWithItsOffset() {
        int filename = headerOffset(realItl.header(), HeaderTag.FILENAME);

        TrustListFormatException e = failure(replaced(real, filename, 0x20));

        assertEquals(filename, e.offset());
        assertEquals("header element", e.field());
        assertEquals("unknown header tag 0x20 (known: 0x01 to 0x0F and 0x1C)", e.problem());
    }

    @Test
    void anEncryptedFileTagIsRecognisedAsUnsupported() {
        int filename = headerOffset(realItl.header(), HeaderTag.FILENAME);

        TrustListFormatException e = failure(replaced(real, filename, 0x11));

        assertEquals("tag 0x11 is one of the encryption tags of .enc.sgn files (0x10 to 0x1B), which sipshield does not read", e.problem());
    }

    @Test
    void aRepeatedHeaderTagIsRefused() {
        int issuer = headerOffset(realItl.header(), HeaderTag.ISSUER_NAME);

        TrustListFormatException e = failure(replaced(real, issuer, HeaderTag.SIGNER_NAME.code()));

        assertEquals(issuer, e.offset());
        assertEquals("header SIGNER_NAME (tag 0x04)", e.field());
        assertEquals("appears a second time; a header holds one SIGNER_NAME", e.problem());
    }

    @Test
    void aWrongSizedValueIsRefused() {
        int hash = headerOffset(realItl.header(), HeaderTag.HASH_ALGORITHM);

        TrustListFormatException e = failure(replaced(real, hash + 3, 4));

        assertEquals("header HASH_ALGORITHM (tag 0x08)", e.field());
        assertEquals("unknown hash algorithm 4 (1 = SHA-1, 2 = SHA-256, 3 = SHA-512)", e.problem());
    }

    @Test
    void aNameWithoutItsNulIsRefused() {
        int filename = headerOffset(realItl.header(), HeaderTag.FILENAME);
        int length = realItl.header().element(HeaderTag.FILENAME).orElseThrow().declaredLength();

        TrustListFormatException e = failure(replaced(real, filename + 3 + length - 1, 'x'));

        assertEquals("header FILENAME (tag 0x0E)", e.field());
        assertEquals("the text does not end with a NUL byte", e.problem());
    }

    @Test
    void aHeaderWithoutSignatureIsRefused() {
        byte[] header = {0x01, 0, 2, 1, 2, 0x02, 0, 2, 0, 16, 0x08, 0, 1, 1, 0x0D, 0x0D};

        TrustListFormatException e = failure(header);

        assertEquals(16, e.offset());
        assertEquals("header SIGNATURE (tag 0x0C)", e.field());
        assertEquals("missing: the header (offset 0 to 16) has no SIGNATURE", e.problem());
    }

    @Test
    void aContainerReachingPastTheHeaderIsRefused() {
        int signatureInfo = headerOffset(realItl.header(), HeaderTag.SIGNATURE_INFO);

        TrustListFormatException e = failure(replaced(real, signatureInfo + 1, 0x7F));

        assertEquals(signatureInfo, e.offset());
        assertTrue(e.problem().startsWith("groups 32527 byte(s) from offset " + (signatureInfo + 3) + " but the header ends at offset 388"),
                e.problem());
    }

    @Test
    void aCertificateThatIsNotDerIsRefusedInItsRecord() {
        int certificate = fieldOffset(realItl, 0, RecordTag.CERTIFICATE);

        TrustListFormatException e = failure(replaced(real, certificate + 3, 0x31));

        assertEquals(certificate, e.offset());
        assertEquals("record 1 CERTIFICATE (tag 0x09)", e.field());
        assertEquals("not a DER X.509 certificate (it does not start with a SEQUENCE, 0x30)", e.problem());
    }

    @Test
    void aRepeatedRecordFieldIsRefused() {
        int signature = fieldOffset(realItl, 0, RecordTag.SIGNATURE);

        TrustListFormatException e = failure(replaced(real, signature, RecordTag.ROLE.code()));

        assertEquals(signature, e.offset());
        assertEquals("record 1 ROLE (tag 0x04)", e.field());
        assertEquals("appears a second time in the record", e.problem());
    }

    @Test
    void aRecordWithoutRoleIsRefused() {
        int role = fieldOffset(realItl, 2, RecordTag.ROLE);

        TrustListFormatException e = failure(replaced(real, role, RecordTag.CERTIFICATE_HASH.code()));

        assertEquals(recordOffset(realItl, 2), e.offset());
        assertEquals("record 3", e.field());
        assertEquals("missing ROLE (tag 0x04)", e.problem());
    }

    @Test
    void aFieldReachingPastItsRecordIsRefused() {
        int subject = fieldOffset(realItl, 1, RecordTag.SUBJECT_NAME);

        TrustListFormatException e = failure(replaced(real, subject + 1, 0x10));

        assertEquals(subject, e.offset());
        assertEquals("record 2 SUBJECT_NAME (tag 0x03)", e.field());
        assertTrue(e.problem().startsWith("needs 4163 byte(s) at offset " + (subject + 3) + " but record 2 ends at offset "), e.problem());
    }

    @Test
    void anUnknownRecordTagIsRefused() {
        int role = fieldOffset(realItl, 0, RecordTag.ROLE);

        TrustListFormatException e = failure(replaced(real, role, 0x0D));

        assertEquals(role, e.offset());
        assertEquals("record 1 field", e.field());
        assertEquals("unknown record tag 0x0D (known: 0x01 to 0x0C)", e.problem());
    }

    @Test
    void aSignedFileReadAsATrustListSaysWhatItProbablyIs() throws Exception {
        SignedFile sgn = SignedFile.builder().signedBy(ASTERISK).payload("<device/>".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .filename("SEP001122334455.cnf.xml.sgn").timestamp(CiscoFixtures.BUILT).build();

        TrustListFormatException e = failure(sgn.toBytes());

        assertEquals("record 1 RECORD_LENGTH (tag 0x01)", e.field());
        assertEquals("found tag 0x3C where a record starts with RECORD_LENGTH (0x01); the header's version is 1.0,"
                + " so this is probably a .sgn signed file, not a trust list", e.problem());
    }
}
