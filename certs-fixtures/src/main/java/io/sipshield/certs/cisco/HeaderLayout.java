package io.sipshield.certs.cisco;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The header tlvfile and sgnfile build, element for element: VERSION, HEADER_LENGTH,
 * [SIGNER_VERSION], SIGNER_INFO { SIGNER_NAME, ISSUER_NAME, SERIAL_NUMBER }, SIGNATURE_INFO {
 * HASH_ALGORITHM, SIGNATURE_ALGORITHM_INFO { SIGNATURE_ALGORITHM, SIGNATURE_MODULUS } }, SIGNATURE,
 * FILENAME, TIMESTAMP, then PADDING bytes up to a multiple of 4. The signature is all zeros here;
 * {@link SignedHeader#withSignature} fills it in once the file is signed.
 */
final class HeaderLayout {

    private static final long MAX_TIMESTAMP = 0xFFFFFFFFL;

    private HeaderLayout() {
    }

    /**
     * @param version       1.2 for trust lists, 1.0 for .sgn files
     * @param signerVersion trust lists only
     * @param signer        the signing certificate (RSA): its names and serial go in SIGNER_INFO, its key size sets the signature's
     * @param filename      what the file claims to be (FILENAME)
     * @param timestamp     TIMESTAMP, to the second
     */
    static SignedHeader template(FormatVersion version, Optional<FormatVersion> signerVersion, X509Certificate signer,
                                 DigestAlgorithm digest, String filename, Instant timestamp, NameStyle names) {
        int signatureLength = signatureLength(signer);
        if (filename.isEmpty()) {
            throw new IllegalArgumentException("the file name to store in the header (FILENAME) is empty");
        }
        long seconds = timestamp.getEpochSecond();
        if (seconds < 0 || seconds > MAX_TIMESTAMP) {
            throw new IllegalArgumentException("TIMESTAMP is an unsigned 32-bit Unix time; " + timestamp + " does not fit");
        }
        List<HeaderElement> elements = new ArrayList<>();
        elements.add(HeaderElement.of(HeaderTag.VERSION, version.encode()));
        elements.add(headerLength(0));
        signerVersion.ifPresent(v -> elements.add(HeaderElement.of(HeaderTag.SIGNER_VERSION, v.encode())));

        List<HeaderElement> signerInfo = List.of(
                HeaderElement.text(HeaderTag.SIGNER_NAME, names.format(signer.getSubjectX500Principal())),
                HeaderElement.text(HeaderTag.ISSUER_NAME, names.format(signer.getIssuerX500Principal())),
                HeaderElement.of(HeaderTag.SERIAL_NUMBER, SerialNumbers.encode(signer)));
        elements.add(HeaderElement.container(HeaderTag.SIGNER_INFO, length(signerInfo)));
        elements.addAll(signerInfo);

        List<HeaderElement> algorithmInfo = List.of(
                HeaderElement.of(HeaderTag.SIGNATURE_ALGORITHM, Octets.of((byte) 0)),
                HeaderElement.of(HeaderTag.SIGNATURE_MODULUS, Octets.of((byte) modulusIndex(signatureLength))));
        HeaderElement hash = HeaderElement.of(HeaderTag.HASH_ALGORITHM, Octets.of((byte) digest.code()));
        HeaderElement algorithmContainer = HeaderElement.container(HeaderTag.SIGNATURE_ALGORITHM_INFO, length(algorithmInfo));
        elements.add(HeaderElement.container(HeaderTag.SIGNATURE_INFO,
                hash.encodedLength() + algorithmContainer.encodedLength() + length(algorithmInfo)));
        elements.add(hash);
        elements.add(algorithmContainer);
        elements.addAll(algorithmInfo);

        elements.add(HeaderElement.of(HeaderTag.SIGNATURE, new Octets(new byte[signatureLength])));
        elements.add(HeaderElement.text(HeaderTag.FILENAME, filename));
        elements.add(HeaderElement.of(HeaderTag.TIMESTAMP, Octets.of(
                (byte) (seconds >>> 24), (byte) (seconds >>> 16), (byte) (seconds >>> 8), (byte) seconds)));
        while (length(elements) % 4 != 0) {
            elements.add(HeaderElement.padding());
        }
        int total = length(elements);
        if (total > 0xFFFF) {
            throw new IllegalArgumentException("the header would be " + total + " bytes; HEADER_LENGTH holds at most 65535");
        }
        elements.set(1, headerLength(total));
        return new SignedHeader(elements);
    }

    /**
     * The length of the signatures this RSA certificate's key makes.
     *
     * @throws IllegalArgumentException for a non-RSA key or a size the header cannot describe
     */
    static int signatureLength(X509Certificate signer) {
        String subject = signer.getSubjectX500Principal().getName();
        if (!(signer.getPublicKey() instanceof RSAPublicKey key)) {
            throw new IllegalArgumentException("header signatures are RSA (tlvfile and sgnfile refuse other signers); "
                    + "the key of " + subject + " is " + signer.getPublicKey().getAlgorithm());
        }
        int bits = key.getModulus().bitLength();
        if (bits != 512 && bits != 1024 && bits != 2048 && bits != 4096) {
            throw new IllegalArgumentException("the header describes only 512, 1024, 2048 and 4096-bit RSA signatures; "
                    + subject + " has a " + bits + "-bit key");
        }
        return bits / 8;
    }

    /** SIGNATURE_MODULUS: the index of the signature length in 64, 128, 256, 512 bytes. */
    private static int modulusIndex(int signatureLength) {
        int index = HeaderTag.MODULUS_SIZES.indexOf(signatureLength);
        if (index < 0) {
            throw new IllegalArgumentException("no SIGNATURE_MODULUS index for a " + signatureLength + "-byte signature");
        }
        return index;
    }

    private static HeaderElement headerLength(int length) {
        return HeaderElement.of(HeaderTag.HEADER_LENGTH, Octets.of((byte) (length >>> 8), (byte) length));
    }

    private static int length(List<HeaderElement> elements) {
        return elements.stream().mapToInt(HeaderElement::encodedLength).sum();
    }
}
