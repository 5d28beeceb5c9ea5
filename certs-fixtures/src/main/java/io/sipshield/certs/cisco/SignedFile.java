package io.sipshield.certs.cisco;

import io.sipshield.certs.IssuedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Cisco {@code .sgn} signed file: a signed header (version 1.0, no signer version) followed by
 * the original file's bytes, unchanged; signed by a TFTP-role certificate's RSA key (DEVICES.md
 * §A.2). Byte-compatible with usecallmanager's {@code sgnfile}: a file built here is laid out as
 * sgnfile lays it out, and any file parsed here encodes back to the same bytes.
 *
 * <pre>{@code
 * SignedFile sgn = SignedFile.builder()
 *         .signedBy(tftp)
 *         .payload(Files.readAllBytes(cnf))
 *         .filename("SEP001122334455.cnf.xml.sgn")
 *         .build();
 * sgn.verify(itl).isValid();          // by a TFTP or CCM+TFTP record of the phone's trust list
 * byte[] original = sgn.strip();
 * }</pre>
 *
 * @param header  the signed header
 * @param payload the original file's bytes
 */
public record SignedFile(SignedHeader header, Octets payload) {

    private static final String EXTENSION = ".sgn";

    public SignedFile {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * Parses a signed file. The payload is everything after HEADER_LENGTH bytes.
     *
     * @param source how errors name the bytes (the file name)
     * @throws TrustListFormatException for a header that is not well formed, naming the offset and field
     */
    public static SignedFile parse(String source, byte[] bytes) throws TrustListFormatException {
        ByteReader in = new ByteReader(source, bytes);
        SignedHeader header = SignedHeaderParser.parse(in);
        return new SignedFile(header, in.rest(header.length()));
    }

    public static SignedFile read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllBytes(file));
    }

    /** sgnfile's FILENAME when none is given: the input's base name plus ".sgn". */
    public static String defaultFilename(Path input) {
        Path name = input.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("no file name in " + input);
        }
        return name + EXTENSION;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this file's payload, file name, timestamp and digest; call {@link Builder#signedBy} again. */
    public Builder toBuilder() {
        Builder builder = new Builder().payload(payload.bytes()).digest(header.digest());
        header.filename().ifPresent(builder::filename);
        header.timestamp().ifPresent(builder::timestamp);
        return builder;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length() + payload.length());
        header.encodeTo(out);
        out.writeBytes(payload.bytes());
        return out.toByteArray();
    }

    public void write(Path file) throws IOException {
        Files.write(file, toBytes());
    }

    /** FILENAME: the name the file claims to be, which a phone compares with the one it asked for. */
    public Optional<String> filename() {
        return header.filename();
    }

    /** The original file: the bytes after the header ({@code sgnfile --remove}). */
    public byte[] strip() {
        return payload.bytes();
    }

    /** Checks the signature with this certificate's public key ({@code sgnfile --parse --tftp CERT}). */
    public SignatureVerification verify(X509Certificate signer) {
        return HeaderSignatures.verify(toBytes(), header, List.of(new HeaderSignatures.Candidate(signer,
                "the certificate " + signer.getSubjectX500Principal().getName())), "no certificate given");
    }

    /**
     * Checks the signature as a phone holding this trust list does: with a TFTP or CCM+TFTP record
     * whose serial number equals the header's. The trust list's own signature is not checked here;
     * see {@link TrustListFile#verify()}.
     */
    public SignatureVerification verify(TrustListFile trustList) {
        List<HeaderSignatures.Candidate> candidates = new ArrayList<>();
        int signing = 0;
        List<TrustListRecord> records = trustList.records();
        for (int i = 0; i < records.size(); i++) {
            TrustListRecord record = records.get(i);
            if (record.role().filter(TrustListRole::signsProvisioningFiles).isEmpty()) {
                continue;
            }
            signing++;
            if (header.serialNumber().isPresent() && SerialNumbers.matches(header.serialNumber().get(), record.certificate())) {
                candidates.add(new HeaderSignatures.Candidate(record.certificate(), TrustListRole.describe(record.roleCode())
                        + " record " + (i + 1) + " (" + record.subjectName().orElseGet(() -> record.certificate().getSubjectX500Principal().getName()) + ")"));
            }
        }
        String signer = header.signerName().map(name -> " (signer " + name + ")").orElse("");
        String noCandidate = signing == 0
                ? "the trust list has no TFTP or CCM+TFTP record, so no signed file can verify against it"
                : "none of the trust list's " + signing + " TFTP or CCM+TFTP record(s) has the header's serial "
                        + header.serialNumber().map(Octets::hex).orElse("(none)") + signer;
        return HeaderSignatures.verify(toBytes(), header, candidates, noCandidate);
    }

    /** Departures from what sgnfile builds. */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (!header.version().equals(FormatVersion.SIGNED_FILE)) {
            notes.add("the header version is " + header.version() + "; .sgn files have " + FormatVersion.SIGNED_FILE
                    + (header.version().equals(FormatVersion.TRUST_LIST) ? " (this looks like a trust list)" : ""));
        }
        header.signerVersion().ifPresent(v -> notes.add("the header has a SIGNER_VERSION (" + v + "), which only trust lists carry"));
        if (!header.digest().acceptedByCertutils()) {
            notes.add("the " + header.digest() + " digest is defined by the format, but usecallmanager's sgnfile refuses it");
        }
        return List.copyOf(notes);
    }

    /** The file in human form: header, payload size and notes. The signature needs a certificate: see {@link #verify}. */
    public String describe() {
        return CiscoFileText.describe(this);
    }

    /** Builds and signs a .sgn file with a TFTP-role certificate's RSA key. */
    public static final class Builder {

        private Signer signer;
        private Octets payload;
        private DigestAlgorithm digest = DigestAlgorithm.SHA1;
        private String filename;
        private Instant timestamp;
        private NameStyle names = NameStyle.TLVFILE;

        private Builder() {
        }

        public Builder signedBy(IssuedCertificate tftp) {
            return signedBy(tftp.certificate(), tftp.privateKey());
        }

        /** @throws IllegalArgumentException for a key that is not RSA 512/1024/2048/4096, or not the certificate's */
        public Builder signedBy(X509Certificate certificate, PrivateKey key) {
            this.signer = new Signer(certificate, key);
            return this;
        }

        /** The file to sign, e.g. SEP&lt;MAC&gt;.cnf.xml; stored unchanged. */
        public Builder payload(byte[] payload) {
            this.payload = new Octets(payload);
            return this;
        }

        public Builder digest(DigestAlgorithm digest) {
            this.digest = Objects.requireNonNull(digest, "digest");
            return this;
        }

        /**
         * FILENAME: the name the phone asks for, with ".sgn" and any subdirectory, e.g.
         * {@code SEP001122334455.cnf.xml.sgn} or {@code New_Zealand/g3-tones.xml.sgn}; see {@link #defaultFilename}.
         */
        public Builder filename(String filename) {
            this.filename = Objects.requireNonNull(filename, "filename");
            return this;
        }

        public Builder timestamp(Instant timestamp) {
            this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
            return this;
        }

        public Builder nameStyle(NameStyle names) {
            this.names = Objects.requireNonNull(names, "names");
            return this;
        }

        /** @throws IllegalStateException without a signer, a payload or a file name */
        public SignedFile build() {
            if (signer == null) {
                throw new IllegalStateException("no signer: call signedBy(...) with the TFTP certificate and its RSA key");
            }
            if (payload == null) {
                throw new IllegalStateException("no payload: call payload(...) with the file to sign");
            }
            if (filename == null) {
                throw new IllegalStateException("no file name: call filename(...), e.g. \"SEP001122334455.cnf.xml.sgn\"");
            }
            SignedHeader template = HeaderLayout.template(FormatVersion.SIGNED_FILE, Optional.empty(), signer.certificate(), digest, filename,
                    timestamp != null ? timestamp : Instant.now(), names);
            byte[] unsigned = new SignedFile(template, payload).toBytes();
            Octets signature = HeaderSignatures.sign(HeaderSignatures.signedContent(unsigned, template), signer, digest);
            return new SignedFile(template.withSignature(signature), payload);
        }
    }
}
