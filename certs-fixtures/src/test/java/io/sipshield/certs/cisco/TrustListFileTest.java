package io.sipshield.certs.cisco;

import static io.sipshield.certs.cisco.CiscoFixtures.APACHE_EC;
import static io.sipshield.certs.cisco.CiscoFixtures.ASTERISK;
import static io.sipshield.certs.cisco.CiscoFixtures.BUILT;
import static io.sipshield.certs.cisco.CiscoFixtures.OTHER_SAST;
import static io.sipshield.certs.cisco.CiscoFixtures.SAST;
import static io.sipshield.certs.cisco.CiscoFixtures.flipped;
import static io.sipshield.certs.cisco.CiscoFixtures.itl;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.CertificateSpec;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.KeyAlgorithm;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrustListFileTest {

    private final TrustListFile built = itl().build();

    @Test
    void aListWeBuildParsesAndEncodesToTheSameBytes() throws Exception {
        byte[] bytes = built.toBytes();

        TrustListFile parsed = TrustListFile.parse("ITLFile.tlv", bytes);

        assertEquals(built, parsed);
        assertArrayEquals(bytes, parsed.toBytes());
    }

    @Test
    void rebuildingAParsedListWithTheSameKeyGivesTheSameBytes() throws Exception {
        TrustListFile parsed = TrustListFile.parse("ITLFile.tlv", built.toBytes());

        TrustListFile rebuilt = parsed.toBuilder().signedBy(SAST).build();

        assertArrayEquals(built.toBytes(), rebuilt.toBytes());
        assertEquals(4, rebuilt.records().size(), "the signer's SAST record is not added twice");
    }

    @Test
    void theSignerComesFirstAsSastAndRecordsFollowInTheOrderGiven() {
        assertEquals(List.of(TrustListRole.SAST, TrustListRole.CCM, TrustListRole.TFTP, TrustListRole.TFTP),
                built.records().stream().map(record -> record.role().orElseThrow()).toList());
        assertEquals(SAST.certificate(), built.records().get(0).certificate());
        assertEquals(APACHE_EC.certificate(), built.records(TrustListRole.TFTP).get(1).certificate());
    }

    @Test
    void theHeaderIsLaidOutAsTlvfileLaysItOut() {
        SignedHeader header = built.header();
        List<HeaderTag> tags = header.elements().stream().map(HeaderElement::tag).filter(tag -> tag != HeaderTag.PADDING).toList();

        assertEquals(List.of(HeaderTag.VERSION, HeaderTag.HEADER_LENGTH, HeaderTag.SIGNER_VERSION, HeaderTag.SIGNER_INFO,
                HeaderTag.SIGNER_NAME, HeaderTag.ISSUER_NAME, HeaderTag.SERIAL_NUMBER, HeaderTag.SIGNATURE_INFO,
                HeaderTag.HASH_ALGORITHM, HeaderTag.SIGNATURE_ALGORITHM_INFO, HeaderTag.SIGNATURE_ALGORITHM,
                HeaderTag.SIGNATURE_MODULUS, HeaderTag.SIGNATURE, HeaderTag.FILENAME, HeaderTag.TIMESTAMP), tags);
        assertEquals(0, header.length() % 4, "padded to a multiple of 4");
        assertEquals(header.length(), header.encode().length);
        assertEquals(15, header.element(HeaderTag.SIGNATURE_INFO).orElseThrow().declaredLength());
        assertEquals(8, header.element(HeaderTag.SIGNATURE_ALGORITHM_INFO).orElseThrow().declaredLength());
        int signerInfo = header.elements().stream()
                .filter(e -> e.tag() == HeaderTag.SIGNER_NAME || e.tag() == HeaderTag.ISSUER_NAME || e.tag() == HeaderTag.SERIAL_NUMBER)
                .mapToInt(HeaderElement::encodedLength).sum();
        assertEquals(signerInfo, header.element(HeaderTag.SIGNER_INFO).orElseThrow().declaredLength());
        assertEquals(Optional.of("CN=SAST"), header.signerName());
        assertEquals(Optional.of(FormatVersion.SIGNER_1_1), header.signerVersion());
        assertEquals(Optional.of(BUILT), header.timestamp());
        assertEquals(2, header.signatureModulus().orElseThrow());
        byte[] bytes = built.toBytes();
        assertArrayEquals(new byte[] {0x01, 0x00, 0x02, 0x01, 0x02, 0x02, 0x00, 0x02,
                (byte) (header.length() >>> 8), (byte) header.length(), 0x1C, 0x00, 0x02, 0x01, 0x01}, Arrays.copyOf(bytes, 15));
    }

    @Test
    void recordsHoldTlvfilesFieldsInTlvfilesOrder() {
        TrustListRecord ccm = built.records().get(1);

        assertEquals(List.of(RecordTag.SUBJECT_NAME, RecordTag.ISSUER_NAME, RecordTag.SERIAL_NUMBER, RecordTag.ROLE,
                RecordTag.PUBLIC_KEY, RecordTag.SIGNATURE, RecordTag.CERTIFICATE), ccm.fields().stream().map(RecordField::tag).toList());
        assertEquals(Optional.of("CN=pbx.sip.test"), ccm.subjectName());
        assertEquals(Optional.of("CN=SAST"), ccm.issuerName());
        assertEquals(ASTERISK.certificate().getSerialNumber(), new BigInteger(1, ccm.serialNumber().orElseThrow().bytes()));
        assertEquals(new Octets(ASTERISK.certificate().getSignature()), ccm.certificateSignature().orElseThrow());
        assertEquals(List.of(), ccm.inconsistencies());
    }

    @Test
    void rsaKeysAreStoredAsPkcs1AndEcKeysAsTheUncompressedPoint() {
        RSAPublicKey stored = RSAPublicKey.getInstance(built.records().get(1).publicKey().orElseThrow().bytes());
        assertEquals(((java.security.interfaces.RSAPublicKey) ASTERISK.certificate().getPublicKey()).getModulus(), stored.getModulus());
        assertEquals(270, built.records().get(1).publicKey().orElseThrow().length());

        Octets point = built.records().get(3).publicKey().orElseThrow();
        ECPublicKey ec = (ECPublicKey) APACHE_EC.certificate().getPublicKey();
        assertEquals(65, point.length());
        assertEquals(0x04, point.unsignedAt(0));
        assertEquals(ec.getW().getAffineX(), new BigInteger(1, Arrays.copyOfRange(point.bytes(), 1, 33)));
        assertEquals(ec.getW().getAffineY(), new BigInteger(1, Arrays.copyOfRange(point.bytes(), 33, 65)));
    }

    @Test
    void itsSignatureVerifiesWithItsSastRecord() {
        SignatureVerification verification = built.verify();

        assertEquals(SignatureStatus.VALID, verification.status(), verification.detail());
        assertEquals("valid SHA-1 RSA signature by SAST record 1 (CN=SAST)", verification.detail());
        assertEquals(SAST.certificate(), verification.signer().orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void everyDigestTheFormatDefinesSignsAndVerifies(DigestAlgorithm digest) throws Exception {
        TrustListFile list = itl().digest(digest).build();
        TrustListFile parsed = TrustListFile.parse("ITLFile.tlv", list.toBytes());

        assertEquals(digest, parsed.header().digest());
        assertEquals(digest.code(), parsed.header().element(HeaderTag.HASH_ALGORITHM).orElseThrow().value().unsignedAt(0));
        assertTrue(parsed.verify().isValid(), parsed.verify().detail());
        assertEquals(digest == DigestAlgorithm.SHA256,
                parsed.notes().contains("the SHA-256 digest is defined by the format, but usecallmanager's tlvfile refuses it"));
    }

    @Test
    void oneChangedByteFailsVerificationWithAClearMessage() throws Exception {
        byte[] bytes = built.toBytes();
        int inAsteriskCertificateSignature = CiscoFixtures.fieldOffset(built, 1, RecordTag.SIGNATURE) + 20;

        SignatureVerification verification = TrustListFile.parse("ITLFile.tlv", flipped(bytes, inAsteriskCertificateSignature, 0x80)).verify();

        assertEquals(SignatureStatus.INVALID, verification.status());
        assertTrue(verification.detail().startsWith("the SHA-1 RSA signature does not verify with SAST record 1 (CN=SAST): "
                + "the file was changed after it was signed"), verification.detail());
    }

    @Test
    void aChangedTimestampOrFileNameIsCaughtToo() throws Exception {
        byte[] bytes = built.toBytes();
        int timestamp = CiscoFixtures.headerOffset(built.header(), HeaderTag.TIMESTAMP) + 6;
        int filename = CiscoFixtures.headerOffset(built.header(), HeaderTag.FILENAME) + 3;

        assertFalse(TrustListFile.parse("t", flipped(bytes, timestamp, 0x01)).verify().isValid());
        TrustListFile renamed = TrustListFile.parse("t", CiscoFixtures.replaced(bytes, filename, 'J'));
        assertEquals(Optional.of("JTLFile.tlv"), renamed.header().filename());
        assertEquals(SignatureStatus.INVALID, renamed.verify().status());
    }

    @Test
    void aListWithoutItsSignersRecordHasNoSignerToVerifyWith() {
        TrustListFile list = itl().withoutSignerRecord().build();
        String serial = list.header().serialNumber().orElseThrow().hex();

        SignatureVerification verification = list.verify();

        assertEquals(3, list.records().size());
        assertEquals(SignatureStatus.NO_SIGNER, verification.status());
        assertEquals("no SAST record carries the header's serial " + serial + " (signer CN=SAST): "
                + "the list was signed by a certificate it does not include", verification.detail());
    }

    @Test
    void aPhoneThatKnowsTheSastAcceptsTheListAndOneThatKnowsAnotherDoesNot() {
        assertTrue(built.verify(List.of(OTHER_SAST.certificate(), SAST.certificate())).isValid());

        SignatureVerification unknown = built.verify(List.of(OTHER_SAST.certificate()));

        assertEquals(SignatureStatus.NO_SIGNER, unknown.status());
        assertTrue(unknown.detail().startsWith("none of the 1 known SAST certificate(s) has the header's serial "), unknown.detail());
    }

    @Test
    void aListSignedByAnotherSastDoesNotVerifyWithTheOneItCarries() {
        TrustListFile list = TrustListFile.builder().signedBy(OTHER_SAST)
                .add(TrustListRole.SAST, SAST.certificate())
                .add(TrustListRole.CCM, ASTERISK.certificate())
                .filename("ITLFile.tlv").timestamp(BUILT).build();

        assertEquals(2, list.records(TrustListRole.SAST).size());
        assertTrue(list.verify().isValid());
        assertEquals(SignatureStatus.NO_SIGNER, list.verify(List.of(SAST.certificate())).status());
    }

    @Test
    void anEcRecordInASignerVersionOnePointZeroListIsNoted() {
        TrustListFile list = itl().signerVersion(FormatVersion.SIGNER_1_0).build();

        assertEquals(List.of("record 4 (TFTP) holds an EC key, but phones take EC certificates only from signer version 1.1 lists"
                + " (http-provisioning.html); this list's is 1.0"), list.notes());
        assertEquals(List.of(), built.notes());
    }

    @Test
    void cucmStyleNamesUseSemicolons() throws Exception {
        TrustListFile list = itl().nameStyle(NameStyle.CUCM).build();

        assertEquals(Optional.of("CN=SAST"), list.header().signerName());
        assertTrue(TrustListFile.parse("t", list.toBytes()).verify().isValid());
    }

    @Test
    void theBuilderRefusesAnEcSigner() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustListFile.builder().signedBy(APACHE_EC));

        assertEquals("header signatures are RSA (tlvfile and sgnfile refuse other signers); the key of CN=prov.sip.test is EC", e.getMessage());
    }

    @Test
    void theBuilderRefusesAKeyThatIsNotTheCertificates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustListFile.builder().signedBy(SAST.certificate(), ASTERISK.privateKey()));

        assertEquals("the private key does not belong to the signing certificate CN=SAST", e.getMessage());
    }

    @Test
    void theBuilderRefusesAThirdSastRecord() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> itl()
                .add(TrustListRole.SAST, OTHER_SAST.certificate())
                .add(TrustListRole.SAST, ASTERISK.certificate()).build());

        assertEquals("a trust list holds at most 2 SAST records (device-security.html); this one would hold 3", e.getMessage());
    }

    @Test
    void withoutTheSastLimitTheBuilderMakesAThirdSastRecordThatParsesAndIsNoted() throws Exception {
        TrustListFile list = itl().add(TrustListRole.SAST, OTHER_SAST.certificate())
                .add(TrustListRole.SAST, ASTERISK.certificate()).withoutSastLimit().build();
        TrustListFile parsed = TrustListFile.parse("ITLFile.tlv", list.toBytes());

        assertEquals(3, parsed.records(TrustListRole.SAST).size());
        assertTrue(parsed.verify().isValid(), parsed.verify().toString());
        assertTrue(parsed.notes().contains("3 SAST records; phones accept at most 2 (device-security.html)"),
                parsed.notes().toString());
    }

    @Test
    void theBuilderNeedsASignerAndAFileName() {
        assertEquals("no signer: call signedBy(...) with the SAST certificate and its RSA key",
                assertThrows(IllegalStateException.class, () -> TrustListFile.builder().filename("ITLFile.tlv").build()).getMessage());
        assertEquals("no file name: call filename(...), e.g. \"ITLFile.tlv\"",
                assertThrows(IllegalStateException.class, () -> TrustListFile.builder().signedBy(SAST).build()).getMessage());
    }

    @Test
    void aPerPhoneListCarriesTheGenericName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ITLSEP58971ECC97C1.tlv");
        itl().filename("ITLFile.tlv").build().write(file);

        TrustListFile read = TrustListFile.read(file);

        assertEquals(Optional.of("ITLFile.tlv"), read.header().filename());
        assertArrayEquals(Files.readAllBytes(file), read.toBytes());
    }

    @Test
    void aSmallRsaSastGivesASmallerSignatureAndModulusIndex() {
        IssuedCertificate small = CertificateSpec.root("Small SAST").keyPair(rsa(1024)).build();

        TrustListFile list = TrustListFile.builder().signedBy(small).filename("CTLFile.tlv").timestamp(BUILT).build();

        assertEquals(128, list.header().signature().length());
        assertEquals(1, list.header().signatureModulus().orElseThrow());
        assertTrue(list.verify().isValid());
        assertTrue(list.describe().contains("(1024-bit modulus)"), list.describe());
    }

    @Test
    void anEcSastRecordCannotVerifyTheList() {
        TrustListRecord ecSast = TrustListRecord.of(TrustListRole.SAST, APACHE_EC.certificate());
        TrustListFile signed = itl().build();
        List<HeaderElement> elements = new ArrayList<>(signed.header().elements().stream()
                .map(e -> e.tag() == HeaderTag.SERIAL_NUMBER ? HeaderElement.of(HeaderTag.SERIAL_NUMBER, ecSast.serialNumber().orElseThrow()) : e)
                .toList());
        // the fixtures' serial numbers are random, so their DER length varies by a byte: HEADER_LENGTH follows
        elements.set(1, headerLength(elements));
        TrustListFile pointingAtEc = new TrustListFile(new SignedHeader(elements), List.of(ecSast));

        SignatureVerification verification = pointingAtEc.verify();

        assertEquals(SignatureStatus.UNSUPPORTED, verification.status());
        assertEquals("SAST record 1 (CN=prov.sip.test) has a key of type EC, and header signatures are RSA", verification.detail());
    }

    /** A HEADER_LENGTH element as wide as the one in {@code elements}, holding the length they encode to. */
    private static HeaderElement headerLength(List<HeaderElement> elements) {
        int encoded = elements.stream().mapToInt(HeaderElement::encodedLength).sum();
        byte[] value = new byte[elements.get(1).value().length()];
        for (int i = 0; i < value.length; i++) {
            value[value.length - 1 - i] = (byte) (encoded >>> (8 * i));
        }
        return HeaderElement.of(HeaderTag.HEADER_LENGTH, Octets.of(value));
    }

    @Test
    void ecKeysOfTheLargerCurvesAreStoredUncompressedToo() {
        IssuedCertificate p384 = CertificateSpec.leaf("p384.sip.test").keyAlgorithm(KeyAlgorithm.EC_P384).issuedBy(SAST).build();

        Octets point = TrustListRecord.of(TrustListRole.TFTP, p384.certificate()).publicKey().orElseThrow();

        assertEquals(97, point.length());
        assertEquals(((ECPublicKey) p384.certificate().getPublicKey()).getW().getAffineX(),
                new BigInteger(1, Arrays.copyOfRange(point.bytes(), 1, 49)));
    }

    private static java.security.KeyPair rsa(int bits) {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
