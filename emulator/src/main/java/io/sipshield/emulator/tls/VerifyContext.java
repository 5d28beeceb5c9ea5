package io.sipshield.emulator.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * One verification in progress: its parameters and every error reported so far, in order, as a
 * verify callback that never stops sees them. Also keeps OpenSSL's "sticky" last error, which
 * later steps consult ({@code ctx->error}).
 */
final class VerifyContext {

    private final VerifyParameters parameters;
    private final List<VerifyFinding> findings = new ArrayList<>();
    private VerifyError lastError;

    VerifyContext(VerifyParameters parameters) {
        this.parameters = parameters;
    }

    VerifyParameters parameters() {
        return parameters;
    }

    /** Reports an error at {@code depth} about {@code certificate}, with a sentence for people. */
    void report(int depth, CertificateFacts certificate, VerifyError error, String detail) {
        findings.add(new VerifyFinding(depth, certificate.subjectText(), error, detail));
        lastError = error;
    }

    /** The last error reported, or null (OpenSSL's {@code ctx->error}). */
    VerifyError lastError() {
        return lastError;
    }

    List<VerifyFinding> findings() {
        return findings;
    }
}
