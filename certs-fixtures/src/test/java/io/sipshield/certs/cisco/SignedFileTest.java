package io.sipshield.certs.cisco;

import static io.sipshield.certs.cisco.CiscoFixtures.APACHE_EC;
import static io.sipshield.certs.cisco.CiscoFixtures.ASTERISK;
import static io.sipshield.certs.cisco.CiscoFixtures.BUILT;
import static io.sipshield.certs.cisco.CiscoFixtures.OTHER_SAST;
import static io.sipshield.certs.cisco.CiscoFixtures.SAST;
import static io.sipshield.certs.cisco.CiscoFixtures.flipped;
import static io.sipshield.certs.cisco.CiscoFixtures.itl;
import static io.sipshield.certs.cisco.CiscoFixtures.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedFileTest {

    private static final String NAME = "SEP58971ECC97C1.cnf.xml.sgn";

    private final byte[] config = resource("SEPMAC-template.cnf.xml");
    private final SignedFile signed = SignedFile.builder()
            .signedBy(ASTERISK).payload(config).filename(NAME).timestamp(BUILT).build();

    @Test
    void signingKeepsTheOriginalBytesAfterAPaddedHeader() throws Exception {
        byte[] bytes = signed.toBytes();
        SignedHeader header = signed.header();

        assertEquals(FormatVersion.SIGNED_FILE, header.version());
        assertEquals(Optional.empty(), header.signerVersion(), "only trust lists carry SIGNER_VERSION");
        assertEquals(0, header.length() % 4);
        assertArrayEquals(config, Arrays.copyOfRange(bytes, header.length(), bytes.length));
        assertArrayEquals(config, SignedFile.parse(NAME, bytes).strip());
        assertEquals(Optional.of(NAME), SignedFile.parse(NAME, bytes).filename());
        assertEquals(Optional.of("CN=pbx.sip.test"), header.signerName());
        assertEquals(Optional.of("CN=SAST"), header.issuerName());
        assertEquals(List.of(), signed.notes());
    }

    @Test
    void theHeaderIsTheTrustListHeaderWithoutSignerVersion() {
        List<HeaderTag> tags = signed.header().elements().stream().map(HeaderElement::tag).filter(tag -> tag != HeaderTag.PADDING).toList();

        assertEquals(List.of(HeaderTag.VERSION, HeaderTag.HEADER_LENGTH, HeaderTag.SIGNER_INFO,
                HeaderTag.SIGNER_NAME, HeaderTag.ISSUER_NAME, HeaderTag.SERIAL_NUMBER, HeaderTag.SIGNATURE_INFO,
                HeaderTag.HASH_ALGORITHM, HeaderTag.SIGNATURE_ALGORITHM_INFO, HeaderTag.SIGNATURE_ALGORITHM,
                HeaderTag.SIGNATURE_MODULUS, HeaderTag.SIGNATURE, HeaderTag.FILENAME, HeaderTag.TIMESTAMP), tags);
        assertArrayEquals(new byte[] {0x01, 0x00, 0x02, 0x01, 0x00}, Arrays.copyOf(signed.toBytes(), 5));
    }

    @Test
    void aFileWeSignParsesAndEncodesToTheSameBytesAndRebuildsIdentically() throws Exception {
        byte[] bytes = signed.toBytes();
        SignedFile parsed = SignedFile.parse(NAME, bytes);

        assertEquals(signed, parsed);
        assertArrayEquals(bytes, parsed.toBytes());
        assertArrayEquals(bytes, parsed.toBuilder().signedBy(ASTERISK).build().toBytes());
    }

    @Test
    void itVerifiesWithTheTftpCertificate() {
        SignatureVerification verification = signed.verify(ASTERISK.certificate());

        assertEquals(SignatureStatus.VALID, verification.status(), verification.detail());
        assertEquals("valid SHA-1 RSA signature by the certificate CN=pbx.sip.test", verification.detail());
    }

    @Test
    void anotherCertificateFailsAndTheMessageSaysTheSerialsDiffer() {
        SignatureVerification verification = signed.verify(SAST.certificate());

        assertEquals(SignatureStatus.INVALID, verification.status());
        assertTrue(verification.detail().startsWith("the SHA-1 RSA signature does not verify with the certificate CN=SAST (the header names serial "
                + signed.header().serialNumber().orElseThrow().hex() + ", this certificate has "
                + SAST.certificate().getSerialNumber().toString(16) + ")"), verification.detail());
    }

    @Test
    void aPhoneVerifiesItWithATftpRecordOfItsTrustList() {
        SignatureVerification verification = signed.verify(itl().build());

        assertTrue(verification.isValid(), verification.detail());
        assertEquals("valid SHA-1 RSA signature by TFTP record 3 (CN=pbx.sip.test)", verification.detail());
    }

    @Test
    void aCcmPlusTftpRecordSignsFilesToo() {
        TrustListFile list = TrustListFile.builder().signedBy(SAST).add(TrustListRole.CCM_TFTP, ASTERISK.certificate())
                .filename("ITLFile.tlv").timestamp(BUILT).build();

        assertEquals("valid SHA-1 RSA signature by CCM+TFTP record 2 (CN=pbx.sip.test)", signed.verify(list).detail());
    }

    @Test
    void aCcmOnlyTrustListCannotVerifySignedFiles() {
        TrustListFile ccmOnly = TrustListFile.builder().signedBy(SAST).add(TrustListRole.CCM, ASTERISK.certificate())
                .filename("ITLFile.tlv").timestamp(BUILT).build();

        SignatureVerification verification = signed.verify(ccmOnly);

        assertEquals(SignatureStatus.NO_SIGNER, verification.status());
        assertEquals("the trust list has no TFTP or CCM+TFTP record, so no signed file can verify against it", verification.detail());
    }

    @Test
    void aTrustListWhoseTftpIsAnotherCertificateHasNoSigner() {
        TrustListFile other = TrustListFile.builder().signedBy(SAST).add(TrustListRole.TFTP, OTHER_SAST.certificate())
                .filename("ITLFile.tlv").timestamp(BUILT).build();

        SignatureVerification verification = signed.verify(other);

        assertEquals(SignatureStatus.NO_SIGNER, verification.status());
        assertEquals("none of the trust list's 1 TFTP or CCM+TFTP record(s) has the header's serial "
                + signed.header().serialNumber().orElseThrow().hex() + " (signer CN=pbx.sip.test)", verification.detail());
    }

    @Test
    void everySingleBitFlipIsCaughtByTheParserOrTheSignature() {
        SignedFile small = SignedFile.builder().signedBy(ASTERISK).payload("<device><fullConfig>true</fullConfig></device>\n"
                .getBytes(StandardCharsets.UTF_8)).filename(NAME).timestamp(BUILT).build();
        byte[] bytes = small.toBytes();
        for (int offset = 0; offset < bytes.length; offset++) {
            SignedFile parsed;
            try {
                parsed = SignedFile.parse(NAME, flipped(bytes, offset, 0x01));
            } catch (TrustListFormatException expected) {
                continue;
            }
            if (parsed.verify(ASTERISK.certificate()).isValid()) {
                fail("a flip at offset " + offset + " still verifies");
            }
        }
    }

    @Test
    void aChangedPayloadFailsWithAClearMessage() throws Exception {
        byte[] bytes = signed.toBytes();

        SignedFile tampered = SignedFile.parse(NAME, flipped(bytes, bytes.length - 2, 0x20));

        assertEquals(SignatureStatus.INVALID, tampered.verify(itl().build()).status());
        assertEquals("the SHA-1 RSA signature does not verify with TFTP record 3 (CN=pbx.sip.test): "
                + "the file was changed after it was signed, or another key signed it", tampered.verify(itl().build()).detail());
    }

    @Test
    void aTruncatedPayloadParsesButNoLongerVerifies() throws Exception {
        byte[] bytes = signed.toBytes();

        SignedFile cut = SignedFile.parse(NAME, Arrays.copyOf(bytes, bytes.length - 100));

        assertEquals(config.length - 100, cut.strip().length);
        assertFalse(cut.verify(ASTERISK.certificate()).isValid());
    }

    @Test
    void aTruncatedHeaderIsAFormatError() {
        byte[] bytes = signed.toBytes();

        TrustListFormatException e = assertThrows(TrustListFormatException.class,
                () -> SignedFile.parse(NAME, Arrays.copyOf(bytes, 40)));

        assertEquals(NAME + ": offset 5, header HEADER_LENGTH (tag 0x02): says the header is " + signed.header().length()
                + " bytes but the file has only 40: truncated", e.getMessage());
    }

    @Test
    void sha512IsWhatSgnfileOffersBesidesSha1() throws Exception {
        SignedFile sha512 = signed.toBuilder().signedBy(ASTERISK).digest(DigestAlgorithm.SHA512).build();

        SignedFile parsed = SignedFile.parse(NAME, sha512.toBytes());

        assertEquals(DigestAlgorithm.SHA512, parsed.header().digest());
        assertTrue(parsed.verify(ASTERISK.certificate()).isValid());
    }

    @Test
    void anEcTftpCertificateCannotSign() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SignedFile.builder().signedBy(APACHE_EC));

        assertTrue(e.getMessage().startsWith("header signatures are RSA"), e.getMessage());
    }

    @Test
    void theBuilderNeedsASignerAPayloadAndAFileName() {
        assertEquals("no payload: call payload(...) with the file to sign",
                assertThrows(IllegalStateException.class, () -> SignedFile.builder().signedBy(ASTERISK).filename(NAME).build()).getMessage());
        assertEquals("no file name: call filename(...), e.g. \"SEP001122334455.cnf.xml.sgn\"",
                assertThrows(IllegalStateException.class, () -> SignedFile.builder().signedBy(ASTERISK).payload(config).build()).getMessage());
        assertEquals("no signer: call signedBy(...) with the TFTP certificate and its RSA key",
                assertThrows(IllegalStateException.class, () -> SignedFile.builder().payload(config).filename(NAME).build()).getMessage());
    }

    @Test
    void theDefaultFileNameIsTheInputsNamePlusSgn() {
        assertEquals("SEP58971ECC97C1.cnf.xml.sgn", SignedFile.defaultFilename(Path.of("/tftpboot/SEP58971ECC97C1.cnf.xml")));
    }

    @Test
    void aTrustListReadAsASignedFileIsNoted() throws Exception {
        SignedFile list = SignedFile.parse("ITLFile.tlv", resource("ITLFile.tlv"));

        assertEquals(List.of("the header version is 1.2; .sgn files have 1.0 (this looks like a trust list)",
                "the header has a SIGNER_VERSION (1.0), which only trust lists carry"), list.notes());
    }

    @Test
    void describeShowsTheHeaderAndPayloadSize() {
        String text = signed.describe();

        assertTrue(text.startsWith("signed file: header version 1.0, " + config.length + " bytes of payload after the header"), text);
        assertTrue(text.contains("  filename       " + NAME), text);
        assertTrue(text.contains("  signer         CN=pbx.sip.test"), text);
    }

    @Test
    void itWritesAndReadsFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(NAME);
        signed.write(file);

        assertArrayEquals(Files.readAllBytes(file), SignedFile.read(file).toBytes());
        assertArrayEquals(config, SignedFile.read(file).strip());
    }
}
