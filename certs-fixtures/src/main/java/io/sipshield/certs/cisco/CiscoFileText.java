package io.sipshield.certs.cisco;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;

/** Trust lists and signed files in human form, one labelled line per field, as {@code tlvfile --parse} prints them. */
final class CiscoFileText {

    private static final String FIELD = "  %-15s%s%n";

    private CiscoFileText() {
    }

    static String describe(TrustListFile list) {
        StringBuilder text = new StringBuilder();
        SignedHeader header = list.header();
        text.append(String.format("trust list: header version %s, signer version %s, %d record(s), %d bytes%n",
                header.version(), header.signerVersion().map(Object::toString).orElse("(none)"), list.records().size(),
                list.toBytes().length));
        header(text, header);
        List<TrustListRecord> records = list.records();
        for (int i = 0; i < records.size(); i++) {
            record(text, i + 1, records.get(i));
        }
        list.notes().forEach(note -> text.append("note: ").append(note).append(System.lineSeparator()));
        SignatureVerification verification = list.verify();
        text.append(String.format("signature: %s: %s%n", verification.status(), verification.detail()));
        return text.toString();
    }

    static String describe(SignedFile file) {
        StringBuilder text = new StringBuilder();
        SignedHeader header = file.header();
        text.append(String.format("signed file: header version %s, %d bytes of payload after the header%n",
                header.version(), file.payload().length()));
        header(text, header);
        file.notes().forEach(note -> text.append("note: ").append(note).append(System.lineSeparator()));
        return text.toString();
    }

    private static void header(StringBuilder text, SignedHeader header) {
        text.append(String.format(FIELD, "header length", header.length() + " bytes"
                + (header.paddingLength() > 0 ? " (" + header.paddingLength() + " padding)" : "")));
        header.signerName().ifPresent(name -> text.append(String.format(FIELD, "signer", name)));
        header.issuerName().ifPresent(name -> text.append(String.format(FIELD, "issuer", name)));
        header.serialNumber().ifPresent(serial -> text.append(String.format(FIELD, "serial", hexOrZero(serial))));
        text.append(String.format(FIELD, "signature", header.digest() + " with RSA, " + header.signature().length() + " bytes"
                + modulus(header.signatureModulus())));
        header.filename().ifPresent(name -> text.append(String.format(FIELD, "filename", name)));
        header.timestamp().ifPresent(time -> text.append(String.format(FIELD, "timestamp", time)));
    }

    private static void record(StringBuilder text, int index, TrustListRecord record) {
        text.append(String.format("record %d: %s%n", index, TrustListRole.describe(record.roleCode())));
        X509Certificate certificate = record.certificate();
        record.subjectName().ifPresent(name -> text.append(String.format(FIELD, "subject", name)));
        record.issuerName().ifPresent(name -> text.append(String.format(FIELD, "issuer", name)));
        record.serialNumber().ifPresent(serial -> text.append(String.format(FIELD, "serial", hexOrZero(serial))));
        record.dnsName().ifPresent(name -> text.append(String.format(FIELD, "dns name", name)));
        record.ipAddress().ifPresent(address -> text.append(String.format(FIELD, "ip address", address.getHostAddress())));
        text.append(String.format(FIELD, "public key", PublicKeys.describe(certificate.getPublicKey())
                + record.publicKey().map(key -> " (" + key.length() + " bytes stored)").orElse(" (not stored)")));
        text.append(String.format(FIELD, "certificate", record.field(RecordTag.CERTIFICATE).orElseThrow().length() + " bytes, valid "
                + certificate.getNotBefore().toInstant().truncatedTo(ChronoUnit.SECONDS) + " to "
                + certificate.getNotAfter().toInstant().truncatedTo(ChronoUnit.SECONDS)));
        text.append(String.format(FIELD, "sha-1", sha1(certificate)));
        record.certificateHash().ifPresent(hash -> text.append(String.format(FIELD, "stored hash", hash.hex())));
    }

    private static String modulus(OptionalInt index) {
        if (index.isEmpty()) {
            return "";
        }
        int i = index.getAsInt();
        return i < HeaderTag.MODULUS_SIZES.size() ? " (" + HeaderTag.MODULUS_SIZES.get(i) * 8 + "-bit modulus)"
                : " (modulus index " + i + ", not defined)";
    }

    private static String hexOrZero(Octets serial) {
        return serial.isEmpty() ? "0 (empty)" : serial.hex();
    }

    /** The SHA-1 fingerprint of the DER certificate, as tlvfile prints "Certificate Hash". */
    private static String sha1(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }
}
