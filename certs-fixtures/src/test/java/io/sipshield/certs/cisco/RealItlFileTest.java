package io.sipshield.certs.cisco;

import static io.sipshield.certs.cisco.CiscoFixtures.flipped;
import static io.sipshield.certs.cisco.CiscoFixtures.realItl;
import static io.sipshield.certs.cisco.CiscoFixtures.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The public ITLFile.tlv built by usecallmanager's tlvfile (DEVICES.md §A.4): our parser, verifier and encoder against it. */
class RealItlFileTest {

    private final byte[] bytes = resource("ITLFile.tlv");
    private final TrustListFile itl = realItl();

    @Test
    void itsHeaderIsTlvfilesVersionOnePointTwoSignedWithSha1() {
        SignedHeader header = itl.header();
        assertEquals(FormatVersion.TRUST_LIST, header.version());
        assertEquals(388, header.length());
        assertEquals(Optional.of(FormatVersion.SIGNER_1_0), header.signerVersion());
        assertEquals(Optional.of("CN=SAST,O=SAST,OU=SAST"), header.signerName());
        assertEquals(Optional.of("CN=SAST,O=SAST,OU=SAST"), header.issuerName());
        assertEquals(Optional.of(Octets.ofHex("6ba5de3a260b069337c75b38be3c2d74")), header.serialNumber());
        assertEquals(DigestAlgorithm.SHA1, header.digest());
        assertEquals(0, header.signatureAlgorithm().orElseThrow());
        assertEquals(2, header.signatureModulus().orElseThrow(), "index 2: a 2048-bit signature");
        assertEquals(256, header.signature().length());
        assertEquals(Optional.of("ITLFile.tlv"), header.filename());
        assertEquals(Optional.of(Instant.ofEpochSecond(0x69540b16L)), header.timestamp());
        assertEquals(0, header.paddingLength());
    }

    @Test
    void itListsFiveRecordsWithTheirRolesAndNamesAsStored() {
        assertEquals(List.of(TrustListRole.SAST, TrustListRole.CCM, TrustListRole.CCM, TrustListRole.APP_SERVER, TrustListRole.APP_SERVER),
                itl.records().stream().map(record -> record.role().orElseThrow()).toList());
        assertEquals(List.of("CN=SAST,O=SAST,OU=SAST",
                        "CN=ccm01.csptech.org,O=CSP Technologies,OU=CSP Community PBX Texas",
                        "CN=ccm02.csptech.org,O=CSP Technologies,OU=CSP Community PBX Minnesota",
                        "C=US,O=Internet Security Research Group,CN=ISRG Root X1",
                        "C=US,O=Google Trust Services LLC,CN=GTS Root R1"),
                itl.records().stream().map(record -> record.subjectName().orElseThrow()).toList());
        TrustListRecord gts = itl.records().get(4);
        assertEquals(Octets.ofHex("0203e5936f31b01349886ba217"), gts.serialNumber().orElseThrow());
        assertEquals(526, gts.publicKey().orElseThrow().length(), "a 4096-bit RSA key as PKCS#1 DER");
        assertEquals(Octets.ofHex("8210cfb0d240e3594463e0bb63828b00"), itl.records().get(3).serialNumber().orElseThrow(),
                "ISRG Root X1's serial is stored without its DER sign byte");
        itl.records().forEach(record -> assertEquals(List.of(), record.inconsistencies(), record.toString()));
        assertEquals(List.of(), itl.notes());
    }

    @Test
    void itsSha1SignatureVerifiesAgainstItsSastRecord() {
        SignatureVerification verification = itl.verify();

        assertEquals(SignatureStatus.VALID, verification.status(), verification.detail());
        assertEquals(itl.records().get(0).certificate(), verification.signer().orElseThrow());
        assertEquals("valid SHA-1 RSA signature by SAST record 1 (CN=SAST,O=SAST,OU=SAST)", verification.detail());
    }

    @Test
    void itEncodesBackToItsOwnBytes() {
        assertArrayEquals(bytes, itl.toBytes());
    }

    @Test
    void recordsBuiltFromItsCertificatesAreItsRecordsByteForByte() {
        for (TrustListRecord record : itl.records()) {
            assertEquals(record, TrustListRecord.of(record.role().orElseThrow(), record.certificate()), record.toString());
        }
    }

    @Test
    void itsHeaderIsLaidOutExactlyAsOursWithTheSameSignerAndSignature() {
        SignedHeader header = itl.header();
        SignedHeader ours = HeaderLayout.template(FormatVersion.TRUST_LIST, header.signerVersion(), itl.records().get(0).certificate(),
                        DigestAlgorithm.SHA1, "ITLFile.tlv", header.timestamp().orElseThrow(), NameStyle.TLVFILE)
                .withSignature(header.signature());

        assertEquals(header, ours);
    }

    @Test
    void everySingleBitFlipIsCaughtByTheParserOrTheSignature() {
        for (int offset = 0; offset < bytes.length; offset++) {
            byte[] tampered = flipped(bytes, offset, 0x01);
            TrustListFile parsed;
            try {
                parsed = TrustListFile.parse("ITLFile.tlv", tampered);
            } catch (TrustListFormatException expected) {
                continue;
            }
            SignatureVerification verification = parsed.verify();
            if (verification.isValid()) {
                fail("a flip at offset " + offset + " still verifies");
            }
        }
    }

    @Test
    void aChangedCertificateFailsWithAMessageNamingTheSignerAndWhatToSuspect() throws Exception {
        int inCcm01Signature = CiscoFixtures.fieldOffset(itl, 1, RecordTag.SIGNATURE) + 10;

        SignatureVerification verification = TrustListFile.parse("ITLFile.tlv", flipped(bytes, inCcm01Signature, 0xFF)).verify();

        assertEquals(SignatureStatus.INVALID, verification.status());
        assertEquals("the SHA-1 RSA signature does not verify with SAST record 1 (CN=SAST,O=SAST,OU=SAST): "
                + "the file was changed after it was signed, or another key signed it", verification.detail());
        assertFalse(verification.signer().isPresent());
    }

    @Test
    void describeShowsHeaderRecordsAndSignature() {
        String text = itl.describe();

        assertTrue(text.startsWith("trust list: header version 1.2, signer version 1.0, 5 record(s), 10370 bytes"), text);
        assertTrue(text.contains("  signature      SHA-1 with RSA, 256 bytes (2048-bit modulus)"), text);
        assertTrue(text.contains("record 4: APP-SERVER\n  subject        C=US,O=Internet Security Research Group,CN=ISRG Root X1"), text);
        assertTrue(text.contains("  public key     RSA 4096-bit (526 bytes stored)"), text);
        assertTrue(text.endsWith("signature: VALID: valid SHA-1 RSA signature by SAST record 1 (CN=SAST,O=SAST,OU=SAST)\n"), text);
    }
}
