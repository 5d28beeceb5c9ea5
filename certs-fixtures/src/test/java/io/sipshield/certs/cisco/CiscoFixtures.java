package io.sipshield.certs.cisco;

import io.sipshield.certs.CertificateSpec;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.KeyAlgorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The certificates the Cisco tests share, made once per run like usecallmanager's setup
 * (seed 000): a self-signed SAST, an RSA Asterisk certificate for CCM and TFTP, an EC Apache
 * certificate for HTTPS provisioning, and an unrelated second SAST.
 */
final class CiscoFixtures {

    static final IssuedCertificate SAST = CertificateSpec.root("SAST").build();
    static final IssuedCertificate OTHER_SAST = CertificateSpec.root("Other SAST").build();
    static final IssuedCertificate ASTERISK = CertificateSpec.leaf("pbx.sip.test")
            .sanDns("pbx.sip.test").serverAuth().issuedBy(SAST).build();
    static final IssuedCertificate APACHE_EC = CertificateSpec.leaf("prov.sip.test")
            .sanDns("prov.sip.test").serverAuth().keyAlgorithm(KeyAlgorithm.EC_P256).issuedBy(SAST).build();
    static final Instant BUILT = Instant.parse("2026-01-02T03:04:05Z");

    private CiscoFixtures() {
    }

    /** The ITLFile.tlv of seed 000 step 4: Asterisk for SIP-TLS and signing, Apache (EC) for HTTPS provisioning. */
    static TrustListFile.Builder itl() {
        return TrustListFile.builder()
                .signedBy(SAST)
                .add(TrustListRole.CCM, ASTERISK.certificate())
                .add(TrustListRole.TFTP, ASTERISK.certificate())
                .add(TrustListRole.TFTP, APACHE_EC.certificate())
                .signerVersion(FormatVersion.SIGNER_1_1)
                .filename("ITLFile.tlv")
                .timestamp(BUILT);
    }

    /** The project's shared interop fixtures, beside the checkout: ../shared/fixtures/cisco (DEVICES.md §A.4). */
    static final Path SHARED = Path.of("..", "..", "shared", "fixtures", "cisco");

    /**
     * A file of {@link #SHARED}. The real ITLFile.tlv comes from a GPL-3.0 repository, so it is read
     * where the project keeps it rather than copied into this one.
     */
    static byte[] resource(String name) {
        Path file = SHARED.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("missing shared fixture " + file.toAbsolutePath().normalize()
                    + ": the tests expect the project's shared/ folder beside the checkout");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TrustListFile realItl() {
        try {
            return TrustListFile.parse("ITLFile.tlv", resource("ITLFile.tlv"));
        } catch (TrustListFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of {@code bytes} with one byte XORed with {@code mask}. */
    static byte[] flipped(byte[] bytes, int offset, int mask) {
        byte[] copy = bytes.clone();
        copy[offset] ^= (byte) mask;
        return copy;
    }

    /** A copy of {@code bytes} with one byte replaced. */
    static byte[] replaced(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        copy[offset] = (byte) value;
        return copy;
    }

    /** The offset of a record's start in a trust list. */
    static int recordOffset(TrustListFile list, int index) {
        int offset = list.header().length();
        for (int i = 0; i < index; i++) {
            offset += list.records().get(i).encodedLength();
        }
        return offset;
    }

    /** The offset of a field's tag byte in a trust list. */
    static int fieldOffset(TrustListFile list, int recordIndex, RecordTag tag) {
        int offset = recordOffset(list, recordIndex) + 5;
        for (RecordField field : list.records().get(recordIndex).fields()) {
            if (field.tag() == tag) {
                return offset;
            }
            offset += field.encodedLength();
        }
        throw new IllegalArgumentException("record " + recordIndex + " has no " + tag);
    }

    /** The offset of a header element's tag byte. */
    static int headerOffset(SignedHeader header, HeaderTag tag) {
        int offset = 0;
        for (HeaderElement element : header.elements()) {
            if (element.tag() == tag) {
                return offset;
            }
            offset += element.encodedLength();
        }
        throw new IllegalArgumentException("no " + tag + " in the header");
    }
}
