package io.sipshield.certs.cisco;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * What checking a header signature found.
 *
 * @param status what happened
 * @param detail one sentence for a person: which digest, which signer, and for a failure what to suspect
 * @param signer the certificate the signature verified with, when {@link SignatureStatus#VALID}
 */
public record SignatureVerification(SignatureStatus status, String detail, Optional<X509Certificate> signer) {

    public SignatureVerification {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(signer, "signer");
        if (signer.isPresent() != (status == SignatureStatus.VALID)) {
            throw new IllegalArgumentException("a signer goes with a VALID status, and only with it");
        }
    }

    static SignatureVerification valid(String detail, X509Certificate signer) {
        return new SignatureVerification(SignatureStatus.VALID, detail, Optional.of(signer));
    }

    static SignatureVerification failed(SignatureStatus status, String detail) {
        return new SignatureVerification(status, detail, Optional.empty());
    }

    public boolean isValid() {
        return status == SignatureStatus.VALID;
    }

    @Override
    public String toString() {
        return status + ": " + detail;
    }
}
