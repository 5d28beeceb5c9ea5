package io.sipshield.emulator.tls;

import java.security.PublicKey;

/**
 * OpenSSL's {@code internal_verify}: from the top of the chain down, each issuer's key usage must
 * allow certificate signing and its key must verify the signature below it (a self-signed top is
 * not checked against itself), and every certificate, trust anchor included, must be valid at
 * the phone's clock. A top that is not self-issued cannot be checked: when it is the server's own
 * certificate, that is {@code UNABLE_TO_VERIFY_LEAF_SIGNATURE}.
 */
final class SignatureAndTimeCheck {

    private SignatureAndTimeCheck() {
    }

    static void run(BuiltChain chain, VerifyContext context) {
        int depth = chain.size() - 1;
        CertificateFacts issuer = chain.at(depth);
        CertificateFacts subject = issuer;
        boolean topSelfIssued = CertificateFacts.likelyIssued(issuer, issuer) == null;
        if (!topSelfIssued && !context.parameters().partialChain()) {
            if (depth > 0) {
                depth--;
                subject = chain.at(depth);
            } else {
                context.report(0, issuer, VerifyError.UNABLE_TO_VERIFY_LEAF_SIGNATURE,
                        "the server's certificate alone: no issuer certificate to check its signature with");
            }
        }
        while (depth >= 0) {
            if (subject != issuer) {
                checkSignature(issuer, subject, depth, context);
            }
            checkTime(subject, depth, context);
            if (--depth >= 0) {
                issuer = subject;
                subject = chain.at(depth);
            }
        }
    }

    private static void checkSignature(CertificateFacts issuer, CertificateFacts subject, int depth,
                                       VerifyContext context) {
        VerifyError usage = CertificateFacts.signingAllowed(issuer, subject);
        if (usage != null) {
            context.report(depth + 1, issuer, usage, usage == VerifyError.KEYUSAGE_NO_CERTSIGN
                    ? "its key usage does not include keyCertSign, yet it signed the certificate below it"
                    : "its key usage does not include digitalSignature, yet it signed a proxy certificate");
        }
        PublicKey key;
        try {
            key = issuer.certificate.getPublicKey();
        } catch (RuntimeException e) {
            key = null;
        }
        if (key == null) {
            context.report(depth + 1, issuer, VerifyError.UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY,
                    "its public key cannot be decoded");
        } else if (!subject.signatureVerifiesWith(key)) {
            context.report(depth, subject, VerifyError.CERT_SIGNATURE_FAILURE,
                    "its signature does not verify with the key of " + issuer.subjectText());
        }
    }

    private static void checkTime(CertificateFacts certificate, int depth, VerifyContext context) {
        VerifyParameters parameters = context.parameters();
        if (parameters.notYetValid(certificate)) {
            context.report(depth, certificate, VerifyError.CERT_NOT_YET_VALID, "valid from "
                    + certificate.certificate.getNotBefore().toInstant() + ", the phone's clock says " + parameters.clock());
        }
        if (parameters.expired(certificate)) {
            context.report(depth, certificate, VerifyError.CERT_HAS_EXPIRED, "valid until "
                    + certificate.certificate.getNotAfter().toInstant() + ", the phone's clock says " + parameters.clock());
        }
    }
}
