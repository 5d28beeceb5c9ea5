package io.sipshield.emulator.tls;

import java.time.Instant;
import java.util.List;

/**
 * The settings one verification runs with (OpenSSL's {@code X509_VERIFY_PARAM} as a phone sets it).
 *
 * @param clock         the phone's idea of now (OpenSSL compares whole seconds)
 * @param purpose       what the leaf is checked for
 * @param maxDepth      OpenSSL's verify depth: untrusted CAs allowed between leaf and trust anchor
 * @param securityLevel OpenSSL's security level for key sizes and digests (0 checks nothing)
 * @param partialChain  whether a trusted certificate that is not self-signed ends the chain
 * @param crlCheck      which certificates are checked against CRLs
 * @param crls          the CRLs the phone has
 */
record VerifyParameters(Instant clock, TlsPurpose purpose, int maxDepth, int securityLevel, boolean partialChain,
                        CrlCheck crlCheck, List<CrlFacts> crls) {

    VerifyParameters {
        crls = List.copyOf(crls);
    }

    long epochSecond() {
        return clock.getEpochSecond();
    }

    /** OpenSSL's time check: null when valid at the clock, else the first error. */
    VerifyError timeError(CertificateFacts facts) {
        if (notYetValid(facts)) {
            return VerifyError.CERT_NOT_YET_VALID;
        }
        return expired(facts) ? VerifyError.CERT_HAS_EXPIRED : null;
    }

    /** notBefore after the clock (whole seconds, as OpenSSL compares). */
    boolean notYetValid(CertificateFacts facts) {
        return facts.certificate.getNotBefore().toInstant().getEpochSecond() > epochSecond();
    }

    /** notAfter at or before the clock: OpenSSL 3.0 counts the last second as expired. */
    boolean expired(CertificateFacts facts) {
        return facts.certificate.getNotAfter().toInstant().getEpochSecond() <= epochSecond();
    }
}
