package io.sipshield.certs.cisco;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One certificate of a trust list with its role: the record's fields in file order (RECORD_LENGTH
 * is implied: {@link #encodedLength()}), so that a parsed record encodes back to the same bytes, with
 * typed accessors. A record holds exactly one ROLE and one CERTIFICATE and at most one of every other
 * field.
 *
 * <pre>{@code
 * TrustListRecord ccm = TrustListRecord.of(TrustListRole.CCM, pbx.certificate());
 * }</pre>
 *
 * @param fields the fields after RECORD_LENGTH, in file order
 */
public record TrustListRecord(List<RecordField> fields) {

    /** RECORD_LENGTH's own 5 bytes. */
    private static final int LENGTH_FIELD = 5;

    public TrustListRecord {
        fields = List.copyOf(fields);
        Set<RecordTag> seen = EnumSet.noneOf(RecordTag.class);
        for (RecordField field : fields) {
            if (!seen.add(field.tag())) {
                throw new IllegalArgumentException("a record holds at most one " + field.tag().describe());
            }
        }
        for (RecordTag required : List.of(RecordTag.ROLE, RecordTag.CERTIFICATE)) {
            if (!seen.contains(required)) {
                throw new IllegalArgumentException("a record needs " + required.describe());
            }
        }
        int length = LENGTH_FIELD + fields.stream().mapToInt(RecordField::encodedLength).sum();
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("a record is at most 65535 bytes; this one would be " + length);
        }
    }

    /** The record tlvfile writes for this certificate and role, names in tlvfile's style. */
    public static TrustListRecord of(TrustListRole role, X509Certificate certificate) {
        return of(role, certificate, NameStyle.TLVFILE);
    }

    /**
     * The record tlvfile writes for this certificate and role: SUBJECT_NAME, ISSUER_NAME,
     * SERIAL_NUMBER, ROLE, PUBLIC_KEY, SIGNATURE, CERTIFICATE, in that order.
     *
     * @throws IllegalArgumentException for a key that is neither RSA nor EC, or a negative serial number
     */
    public static TrustListRecord of(TrustListRole role, X509Certificate certificate, NameStyle names) {
        Objects.requireNonNull(role, "role");
        List<RecordField> fields = new ArrayList<>(7);
        fields.add(RecordField.text(RecordTag.SUBJECT_NAME, names.format(certificate.getSubjectX500Principal())));
        fields.add(RecordField.text(RecordTag.ISSUER_NAME, names.format(certificate.getIssuerX500Principal())));
        fields.add(new RecordField(RecordTag.SERIAL_NUMBER, SerialNumbers.encode(certificate)));
        fields.add(new RecordField(RecordTag.ROLE, Octets.of((byte) (role.code() >>> 8), (byte) role.code())));
        fields.add(new RecordField(RecordTag.PUBLIC_KEY, PublicKeys.encode(certificate.getPublicKey())));
        fields.add(new RecordField(RecordTag.SIGNATURE, new Octets(certificate.getSignature())));
        fields.add(new RecordField(RecordTag.CERTIFICATE, DerCertificates.encode(certificate)));
        return new TrustListRecord(fields);
    }

    /** The stored role code; see {@link #role()} for the known ones. */
    public int roleCode() {
        Octets value = field(RecordTag.ROLE).orElseThrow();
        return value.unsignedAt(0) << 8 | value.unsignedAt(1);
    }

    /** The role, when its code is one the format defines. */
    public Optional<TrustListRole> role() {
        return TrustListRole.fromCode(roleCode());
    }

    public boolean hasRole(TrustListRole role) {
        return roleCode() == role.code();
    }

    /** The certificate (CERTIFICATE). */
    public X509Certificate certificate() {
        return DerCertificates.decodeChecked(field(RecordTag.CERTIFICATE).orElseThrow());
    }

    /** SUBJECT_NAME as stored. */
    public Optional<String> subjectName() {
        return text(RecordTag.SUBJECT_NAME);
    }

    /** ISSUER_NAME as stored. */
    public Optional<String> issuerName() {
        return text(RecordTag.ISSUER_NAME);
    }

    /** SERIAL_NUMBER as stored: minimal big-endian bytes, no sign byte. */
    public Optional<Octets> serialNumber() {
        return field(RecordTag.SERIAL_NUMBER);
    }

    /** PUBLIC_KEY as stored. */
    public Optional<Octets> publicKey() {
        return field(RecordTag.PUBLIC_KEY);
    }

    /** SIGNATURE: the certificate's own signature bytes, as stored. */
    public Optional<Octets> certificateSignature() {
        return field(RecordTag.SIGNATURE);
    }

    /** DNS_NAME, which CUCM writes and tlvfile does not. */
    public Optional<String> dnsName() {
        return text(RecordTag.DNS_NAME);
    }

    /** IP_ADDRESS, which CUCM writes and tlvfile does not. */
    public Optional<InetAddress> ipAddress() {
        return field(RecordTag.IP_ADDRESS).map(value -> {
            try {
                return InetAddress.getByAddress(value.bytes());
            } catch (UnknownHostException e) {
                throw new IllegalStateException("an IP_ADDRESS that was checked no longer decodes", e);
            }
        });
    }

    /** CERTIFICATE_HASH, raw hash bytes, if stored. */
    public Optional<Octets> certificateHash() {
        return field(RecordTag.CERTIFICATE_HASH);
    }

    /** The value of a field, if the record has it. */
    public Optional<Octets> field(RecordTag tag) {
        return fields.stream().filter(field -> field.tag() == tag).map(RecordField::value).findFirst();
    }

    /** The record's length in the file, RECORD_LENGTH included. */
    public int encodedLength() {
        return LENGTH_FIELD + fields.stream().mapToInt(RecordField::encodedLength).sum();
    }

    /**
     * Where the stored fields disagree with the certificate: a serial number, public key or
     * signature that is not the certificate's. Empty for records tlvfile builds. Names are not
     * compared, as tools format them differently.
     */
    public List<String> inconsistencies() {
        X509Certificate certificate = certificate();
        List<String> problems = new ArrayList<>();
        serialNumber().filter(serial -> !SerialNumbers.matches(serial, certificate))
                .ifPresent(serial -> problems.add("SERIAL_NUMBER " + serial.hex() + " is not the certificate's serial "
                        + certificate.getSerialNumber().toString(16)));
        publicKey().ifPresent(stored -> {
            Optional<Octets> expected = encodableKey(certificate);
            if (expected.isPresent() && !expected.get().equals(stored)) {
                problems.add("PUBLIC_KEY is not the certificate's public key");
            }
        });
        certificateSignature().filter(signature -> !signature.equals(new Octets(certificate.getSignature())))
                .ifPresent(signature -> problems.add("SIGNATURE is not the certificate's signature"));
        return List.copyOf(problems);
    }

    private static Optional<Octets> encodableKey(X509Certificate certificate) {
        try {
            return Optional.of(PublicKeys.encode(certificate.getPublicKey()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<String> text(RecordTag tag) {
        return fields.stream().filter(field -> field.tag() == tag).map(RecordField::text).findFirst();
    }

    void encodeTo(ByteArrayOutputStream out) {
        int length = encodedLength();
        out.write(RecordTag.RECORD_LENGTH.code());
        out.write(0);
        out.write(2);
        out.write(length >>> 8);
        out.write(length & 0xFF);
        for (RecordField field : fields) {
            out.write(field.tag().code());
            out.write(field.value().length() >>> 8);
            out.write(field.value().length() & 0xFF);
            out.writeBytes(field.value().bytes());
        }
    }

    @Override
    public String toString() {
        return "TrustListRecord[" + TrustListRole.describe(roleCode()) + ", "
                + subjectName().orElseGet(() -> certificate().getSubjectX500Principal().getName()) + "]";
    }
}
