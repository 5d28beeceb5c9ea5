package io.sipshield.certs.cisco;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signing and verifying a header signature: RSA PKCS#1 v1.5 with the header's digest over the whole
 * file (header and records, or header and payload) with the SIGNATURE element (tag, length and
 * value) cut out.
 */
final class HeaderSignatures {

    /**
     * A certificate the signature may verify with.
     *
     * @param certificate the certificate
     * @param description how messages name it: "SAST record 1 (CN=SAST,O=SAST,OU=SAST)"
     */
    record Candidate(X509Certificate certificate, String description) {
    }

    private HeaderSignatures() {
    }

    /** The signed bytes: the file without the SIGNATURE element. */
    static byte[] signedContent(byte[] file, SignedHeader header) {
        int at = header.signatureOffset();
        int length = header.signatureElementLength();
        byte[] content = new byte[file.length - length];
        System.arraycopy(file, 0, content, 0, at);
        System.arraycopy(file, at + length, content, at, file.length - at - length);
        return content;
    }

    static Octets sign(byte[] content, Signer signer, DigestAlgorithm digest) {
        try {
            Signature signature = Signature.getInstance(digest.jcaSignature());
            signature.initSign(signer.key());
            signature.update(content);
            return new Octets(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + digest.jcaSignature() + " as " + signer, e);
        }
    }

    /**
     * Checks the signature of {@code file} against each candidate in turn.
     *
     * @param noCandidate the detail when there is no candidate at all
     */
    static SignatureVerification verify(byte[] file, SignedHeader header, List<Candidate> candidates, String noCandidate) {
        int algorithm = header.signatureAlgorithm().orElse(0);
        if (algorithm != 0) {
            return SignatureVerification.failed(SignatureStatus.UNSUPPORTED,
                    "SIGNATURE_ALGORITHM is " + algorithm + "; only 0 (RSA) is defined");
        }
        if (candidates.isEmpty()) {
            return SignatureVerification.failed(SignatureStatus.NO_SIGNER, noCandidate);
        }
        DigestAlgorithm digest = header.digest();
        byte[] content = signedContent(file, header);
        byte[] signature = header.signature().bytes();
        List<String> tried = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (!(candidate.certificate().getPublicKey() instanceof RSAPublicKey key)) {
                unusable.add(candidate.description() + " has a key of type " + candidate.certificate().getPublicKey().getAlgorithm()
                        + ", and header signatures are RSA");
                continue;
            }
            if (matches(digest, candidate.certificate(), content, signature)) {
                return SignatureVerification.valid("valid " + digest + " RSA signature by " + candidate.description(),
                        candidate.certificate());
            }
            tried.add(candidate.description() + sizeHint(key, signature) + serialHint(header, candidate.certificate()));
        }
        if (tried.isEmpty()) {
            return SignatureVerification.failed(SignatureStatus.UNSUPPORTED, String.join("; ", unusable));
        }
        return SignatureVerification.failed(SignatureStatus.INVALID, "the " + digest + " RSA signature does not verify with "
                + String.join(" or ", tried) + ": the file was changed after it was signed, or another key signed it");
    }

    private static boolean matches(DigestAlgorithm digest, X509Certificate certificate, byte[] content, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(digest.jcaSignature());
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(content);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("cannot verify " + digest.jcaSignature() + " with " + certificate.getSubjectX500Principal(), e);
        }
    }

    private static String sizeHint(RSAPublicKey key, byte[] signature) {
        int expected = PublicKeys.rsaSignatureLength(key);
        return expected == signature.length ? ""
                : " (the signature is " + signature.length + " bytes, a signature by this " + key.getModulus().bitLength()
                        + "-bit key is " + expected + ")";
    }

    private static String serialHint(SignedHeader header, X509Certificate certificate) {
        Optional<Octets> serial = header.serialNumber();
        if (serial.isEmpty() || SerialNumbers.matches(serial.get(), certificate)) {
            return "";
        }
        return " (the header names serial " + serial.get().hex() + ", this certificate has "
                + certificate.getSerialNumber().toString(16) + ")";
    }
}
