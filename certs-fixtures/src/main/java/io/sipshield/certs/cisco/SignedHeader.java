package io.sipshield.certs.cisco;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The signed header that starts every {@code .tlv} trust list and {@code .sgn} file: its elements
 * in file order, so that a parsed header encodes back to the same bytes, with typed accessors.
 * The first element is VERSION, the second HEADER_LENGTH, whose value is the header's own
 * encoded length (a multiple of 4 in files the tools build; padding bytes make it so).
 *
 * @param elements the elements in file order
 */
public record SignedHeader(List<HeaderElement> elements) {

    public SignedHeader {
        elements = List.copyOf(elements);
        if (elements.size() < 2 || elements.get(0).tag() != HeaderTag.VERSION || elements.get(1).tag() != HeaderTag.HEADER_LENGTH) {
            throw new IllegalArgumentException("a signed header starts with VERSION then HEADER_LENGTH");
        }
        Set<HeaderTag> seen = EnumSet.noneOf(HeaderTag.class);
        for (HeaderElement element : elements) {
            if (element.tag() != HeaderTag.PADDING && !seen.add(element.tag())) {
                throw new IllegalArgumentException("a signed header holds at most one " + element.tag());
            }
        }
        for (HeaderTag required : List.of(HeaderTag.HASH_ALGORITHM, HeaderTag.SIGNATURE)) {
            if (!seen.contains(required)) {
                throw new IllegalArgumentException("a signed header needs " + required.describe());
            }
        }
        int encoded = elements.stream().mapToInt(HeaderElement::encodedLength).sum();
        long declared = elements.get(1).unsigned();
        if (declared != encoded) {
            throw new IllegalArgumentException("HEADER_LENGTH says " + declared + " bytes but the elements take " + encoded);
        }
    }

    /** The header format version: 1.2 for trust lists, 1.0 for .sgn files. */
    public FormatVersion version() {
        Octets value = elements.get(0).value();
        return new FormatVersion(value.unsignedAt(0), value.unsignedAt(1));
    }

    /** HEADER_LENGTH: the header's length in bytes, padding and signature included; where records or the payload start. */
    public int length() {
        return (int) elements.get(1).unsigned();
    }

    /** SIGNER_VERSION, which trust lists carry and .sgn files do not. */
    public Optional<FormatVersion> signerVersion() {
        return element(HeaderTag.SIGNER_VERSION).map(e -> new FormatVersion(e.value().unsignedAt(0), e.value().unsignedAt(1)));
    }

    /** The signing certificate's subject as the file stores it (format: {@link NameStyle}). */
    public Optional<String> signerName() {
        return element(HeaderTag.SIGNER_NAME).map(HeaderElement::text);
    }

    /** The signing certificate's issuer as the file stores it. */
    public Optional<String> issuerName() {
        return element(HeaderTag.ISSUER_NAME).map(HeaderElement::text);
    }

    /** The signing certificate's serial number: minimal big-endian bytes, no sign byte. */
    public Optional<Octets> serialNumber() {
        return element(HeaderTag.SERIAL_NUMBER).map(HeaderElement::value);
    }

    public DigestAlgorithm digest() {
        int code = element(HeaderTag.HASH_ALGORITHM).orElseThrow().value().unsignedAt(0);
        return DigestAlgorithm.fromCode(code).orElseThrow();
    }

    /** SIGNATURE_ALGORITHM: 0 means RSA, the only value the tools write. */
    public OptionalInt signatureAlgorithm() {
        return element(HeaderTag.SIGNATURE_ALGORITHM).map(e -> OptionalInt.of(e.value().unsignedAt(0))).orElse(OptionalInt.empty());
    }

    /** SIGNATURE_MODULUS: an index into 512, 1024, 2048, 4096 bits. */
    public OptionalInt signatureModulus() {
        return element(HeaderTag.SIGNATURE_MODULUS).map(e -> OptionalInt.of(e.value().unsignedAt(0))).orElse(OptionalInt.empty());
    }

    /** The RSA PKCS#1 v1.5 signature bytes. */
    public Octets signature() {
        return element(HeaderTag.SIGNATURE).orElseThrow().value();
    }

    /** FILENAME: the name the file claims to be, e.g. ITLFile.tlv for an ITLSEP&lt;MAC&gt;.tlv. */
    public Optional<String> filename() {
        return element(HeaderTag.FILENAME).map(HeaderElement::text);
    }

    /** TIMESTAMP: when the file was built, to the second. */
    public Optional<Instant> timestamp() {
        return element(HeaderTag.TIMESTAMP).map(e -> Instant.ofEpochSecond(e.unsigned()));
    }

    /** The number of padding bytes. */
    public int paddingLength() {
        return (int) elements.stream().filter(e -> e.tag() == HeaderTag.PADDING).count();
    }

    /** The first element with this tag. */
    public Optional<HeaderElement> element(HeaderTag tag) {
        return elements.stream().filter(e -> e.tag() == tag).findFirst();
    }

    /** The offset of the SIGNATURE element's tag byte from the start of the file. */
    public int signatureOffset() {
        int offset = 0;
        for (HeaderElement element : elements) {
            if (element.tag() == HeaderTag.SIGNATURE) {
                return offset;
            }
            offset += element.encodedLength();
        }
        throw new IllegalStateException("no SIGNATURE element");
    }

    /** The SIGNATURE element's length in the file: its tag, length and value. */
    int signatureElementLength() {
        return element(HeaderTag.SIGNATURE).orElseThrow().encodedLength();
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length());
        encodeTo(out);
        return out.toByteArray();
    }

    void encodeTo(ByteArrayOutputStream out) {
        elements.forEach(element -> element.encodeTo(out));
    }

    /** This header with another signature of the same length. */
    SignedHeader withSignature(Octets signature) {
        List<HeaderElement> replaced = new ArrayList<>(elements.size());
        for (HeaderElement element : elements) {
            if (element.tag() == HeaderTag.SIGNATURE) {
                if (signature.length() != element.value().length()) {
                    throw new IllegalArgumentException("the signature is " + signature.length()
                            + " bytes; the header reserved " + element.value().length());
                }
                replaced.add(HeaderElement.of(HeaderTag.SIGNATURE, signature));
            } else {
                replaced.add(element);
            }
        }
        return new SignedHeader(replaced);
    }
}
