package io.sipshield.certs.cisco;

import io.sipshield.certs.IssuedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A Cisco trust list: ITLFile.tlv, ITLSEP&lt;MAC&gt;.tlv, CTLFile.tlv or CTLSEP&lt;MAC&gt;.tlv. A
 * signed header followed by records, each a certificate with its role, signed by a SAST record's
 * RSA key (DEVICES.md §A.1). Byte-compatible with usecallmanager's {@code tlvfile}: a list built
 * here is laid out as tlvfile lays it out, and any list parsed here encodes back to the same bytes.
 *
 * <pre>{@code
 * TrustListFile itl = TrustListFile.builder()
 *         .signedBy(sast)                              // RSA; added as the first SAST record
 *         .add(TrustListRole.CCM, pbx.certificate())
 *         .add(TrustListRole.TFTP, httpsEc.certificate())
 *         .signerVersion(FormatVersion.SIGNER_1_1)     // EC records, HTTPS provisioning
 *         .filename("ITLFile.tlv")
 *         .build();
 * Files.write(dir.resolve("ITLSEP001122334455.tlv"), itl.toBytes());
 *
 * TrustListFile parsed = TrustListFile.read(path);
 * parsed.verify().isValid();
 * }</pre>
 *
 * @param header  the signed header
 * @param records the records in file order
 */
public record TrustListFile(SignedHeader header, List<TrustListRecord> records) {

    public TrustListFile {
        Objects.requireNonNull(header, "header");
        records = List.copyOf(records);
    }

    /**
     * Parses a trust list.
     *
     * @param source how errors name the bytes (the file name)
     * @throws TrustListFormatException for bytes that are not a well-formed trust list, naming the offset and field
     */
    public static TrustListFile parse(String source, byte[] bytes) throws TrustListFormatException {
        ByteReader in = new ByteReader(source, bytes);
        SignedHeader header = SignedHeaderParser.parse(in);
        return new TrustListFile(header, TrustListRecordParser.parse(in, header));
    }

    /** Reads and parses a trust list file. */
    public static TrustListFile read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllBytes(file));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this list's records, file name, timestamp, digest and signer version; call
     * {@link Builder#signedBy} again (the key is not part of the file). Signed by the same key, it
     * builds this very list, byte for byte.
     */
    public Builder toBuilder() {
        Builder builder = new Builder()
                .digest(header.digest())
                .signerVersion(header.signerVersion().orElse(FormatVersion.SIGNER_1_0));
        header.filename().ifPresent(builder::filename);
        header.timestamp().ifPresent(builder::timestamp);
        records.forEach(builder::add);
        return builder;
    }

    /** The file's bytes. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length() + records.stream().mapToInt(TrustListRecord::encodedLength).sum());
        header.encodeTo(out);
        records.forEach(record -> record.encodeTo(out));
        return out.toByteArray();
    }

    public void write(Path file) throws IOException {
        Files.write(file, toBytes());
    }

    /** The records with this role, in file order. */
    public List<TrustListRecord> records(TrustListRole role) {
        return records.stream().filter(record -> record.hasRole(role)).toList();
    }

    /**
     * Checks the signature the way tlvfile does: with the SAST record whose serial number equals
     * the header's (trying each if several do).
     */
    public SignatureVerification verify() {
        Optional<Octets> serial = header.serialNumber();
        if (serial.isEmpty()) {
            return SignatureVerification.failed(SignatureStatus.NO_SIGNER,
                    "the header has no SERIAL_NUMBER, so no SAST record can be chosen to verify it");
        }
        List<HeaderSignatures.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            TrustListRecord record = records.get(i);
            if (record.hasRole(TrustListRole.SAST) && record.serialNumber().equals(serial)) {
                candidates.add(new HeaderSignatures.Candidate(record.certificate(), "SAST record " + (i + 1) + " (" + name(record) + ")"));
            }
        }
        return HeaderSignatures.verify(toBytes(), header, candidates, "no SAST record carries the header's serial "
                + serial.get().hex() + signerText() + ": the list was signed by a certificate it does not include");
    }

    /**
     * Checks the signature against certificates a phone already trusts: a phone with a stored list
     * accepts a new version only when a previously known SAST certificate signed it
     * (device-security.html). Candidates are the known certificates with the header's serial number.
     */
    public SignatureVerification verify(Collection<X509Certificate> knownSast) {
        Optional<Octets> serial = header.serialNumber();
        List<HeaderSignatures.Candidate> candidates = knownSast.stream()
                .filter(certificate -> serial.isPresent() && SerialNumbers.matches(serial.get(), certificate))
                .map(certificate -> new HeaderSignatures.Candidate(certificate,
                        "known SAST certificate (" + certificate.getSubjectX500Principal().getName() + ")"))
                .toList();
        return HeaderSignatures.verify(toBytes(), header, candidates, "none of the " + knownSast.size()
                + " known SAST certificate(s) has the header's serial " + serial.map(Octets::hex).orElse("(none)") + signerText()
                + ": a phone that trusts only them rejects this list");
    }

    /**
     * What a person checking this list should know beyond its content: departures from what
     * tlvfile builds and from the phones' rules (at most two SAST records, EC records need signer
     * version 1.1), and records whose fields disagree with their certificate.
     */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (!header.version().equals(FormatVersion.TRUST_LIST)) {
            notes.add("the header version is " + header.version() + "; trust lists have " + FormatVersion.TRUST_LIST);
        }
        if (header.signerVersion().isEmpty()) {
            notes.add("the header has no SIGNER_VERSION, which tlvfile always writes");
        }
        if (!header.digest().acceptedByCertutils()) {
            notes.add("the " + header.digest() + " digest is defined by the format, but usecallmanager's tlvfile refuses it");
        }
        int sast = records(TrustListRole.SAST).size();
        if (sast > 2) {
            notes.add(sast + " SAST records; phones accept at most 2 (device-security.html)");
        }
        boolean ecAllowed = header.signerVersion().filter(v -> v.equals(FormatVersion.SIGNER_1_1)).isPresent();
        for (int i = 0; i < records.size(); i++) {
            TrustListRecord record = records.get(i);
            String which = "record " + (i + 1) + " (" + TrustListRole.describe(record.roleCode()) + ")";
            if (record.role().isEmpty()) {
                notes.add(which + ": role code " + record.roleCode() + " is not defined by any public source");
            }
            if (!ecAllowed && record.certificate().getPublicKey() instanceof ECPublicKey) {
                notes.add(which + " holds an EC key, but phones take EC certificates only from signer version 1.1 lists"
                        + " (http-provisioning.html); this list's is " + header.signerVersion().map(Object::toString).orElse("absent"));
            }
            record.inconsistencies().forEach(problem -> notes.add(which + ": " + problem));
        }
        return List.copyOf(notes);
    }

    /** The list in human form: header, records, notes and signature status. */
    public String describe() {
        return CiscoFileText.describe(this);
    }

    private String signerText() {
        return header.signerName().map(name -> " (signer " + name + ")").orElse("");
    }

    private static String name(TrustListRecord record) {
        return record.subjectName().orElseGet(() -> record.certificate().getSubjectX500Principal().getName());
    }

    /**
     * Builds and signs a trust list. The signing certificate is added as the first record, with
     * the SAST role, unless a SAST record already holds it (tlvfile's behaviour) or
     * {@link #withoutSignerRecord()} asks for a list its own records cannot verify.
     */
    public static final class Builder {

        private Signer signer;
        private final List<Function<NameStyle, TrustListRecord>> entries = new ArrayList<>();
        private FormatVersion signerVersion = FormatVersion.SIGNER_1_0;
        private DigestAlgorithm digest = DigestAlgorithm.SHA1;
        private String filename;
        private Instant timestamp;
        private NameStyle names = NameStyle.TLVFILE;
        private boolean signerRecord = true;
        private boolean sastLimit = true;

        private Builder() {
        }

        /** Signs with this SAST certificate's RSA key. */
        public Builder signedBy(IssuedCertificate sast) {
            return signedBy(sast.certificate(), sast.privateKey());
        }

        /**
         * Signs with this SAST certificate and its private key.
         *
         * @throws IllegalArgumentException for a key that is not RSA 512/1024/2048/4096, or not the certificate's
         */
        public Builder signedBy(X509Certificate certificate, PrivateKey key) {
            this.signer = new Signer(certificate, key);
            return this;
        }

        /** Adds the record tlvfile writes for this certificate and role (names in this builder's {@link NameStyle}). */
        public Builder add(TrustListRole role, X509Certificate certificate) {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(certificate, "certificate");
            entries.add(style -> TrustListRecord.of(role, certificate, style));
            return this;
        }

        /** Adds a record as it is, e.g. one taken from a parsed list. */
        public Builder add(TrustListRecord record) {
            Objects.requireNonNull(record, "record");
            entries.add(style -> record);
            return this;
        }

        /** SIGNER_VERSION: 1.0 (default) or 1.1, which phones need for EC records and HTTPS provisioning. */
        public Builder signerVersion(FormatVersion version) {
            this.signerVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /** The signature's digest; SHA-1 by default, as tlvfile's. */
        public Builder digest(DigestAlgorithm digest) {
            this.digest = Objects.requireNonNull(digest, "digest");
            return this;
        }

        /**
         * FILENAME: the name the list claims to be. tlvfile uses the output file's name; per-phone
         * lists carry the generic name (ITLSEP&lt;MAC&gt;.tlv says ITLFile.tlv, CTLSEP&lt;MAC&gt;.tlv says CTLFile.tlv).
         */
        public Builder filename(String filename) {
            this.filename = Objects.requireNonNull(filename, "filename");
            return this;
        }

        /** TIMESTAMP, to the second; the time of {@link #build()} by default. */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
            return this;
        }

        /** How names are written: tlvfile's ',' (default) or CUCM's ';'. */
        public Builder nameStyle(NameStyle names) {
            this.names = Objects.requireNonNull(names, "names");
            return this;
        }

        /** Defect: do not add the signer as a SAST record, so the list's own records cannot verify it. */
        public Builder withoutSignerRecord() {
            this.signerRecord = false;
            return this;
        }

        /**
         * Defect: allow more than two SAST records, which tlvfile refuses to build and a phone refuses to install
         * (device-security.html), to test that refusal.
         */
        public Builder withoutSastLimit() {
            this.sastLimit = false;
            return this;
        }

        /**
         * @throws IllegalStateException without a signer or a file name, or with more than two SAST records (unless
         *                               {@link #withoutSastLimit()})
         */
        public TrustListFile build() {
            if (signer == null) {
                throw new IllegalStateException("no signer: call signedBy(...) with the SAST certificate and its RSA key");
            }
            if (filename == null) {
                throw new IllegalStateException("no file name: call filename(...), e.g. \"ITLFile.tlv\"");
            }
            List<TrustListRecord> records = new ArrayList<>(entries.size() + 1);
            entries.forEach(entry -> records.add(entry.apply(names)));
            boolean signerPresent = records.stream()
                    .anyMatch(record -> record.hasRole(TrustListRole.SAST) && record.certificate().equals(signer.certificate()));
            if (signerRecord && !signerPresent) {
                records.add(0, TrustListRecord.of(TrustListRole.SAST, signer.certificate(), names));
            }
            long sast = records.stream().filter(record -> record.hasRole(TrustListRole.SAST)).count();
            if (sastLimit && sast > 2) {
                throw new IllegalStateException("a trust list holds at most 2 SAST records (device-security.html); this one would hold " + sast);
            }
            SignedHeader template = HeaderLayout.template(FormatVersion.TRUST_LIST, Optional.of(signerVersion), signer.certificate(), digest,
                    filename, timestamp != null ? timestamp : Instant.now(), names);
            byte[] unsigned = new TrustListFile(template, records).toBytes();
            Octets signature = HeaderSignatures.sign(HeaderSignatures.signedContent(unsigned, template), signer, digest);
            return new TrustListFile(template.withSignature(signature), records);
        }
    }
}
