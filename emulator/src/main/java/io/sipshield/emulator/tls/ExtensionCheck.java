package io.sipshield.emulator.tls;

/**
 * OpenSSL 3.0's {@code check_extensions} (x509_vfy.c) with {@code X509_check_purpose}
 * (v3_purp.c), not in strict mode: unhandled critical extensions, proxy certificates, every
 * issuer a CA ({@code check_ca}; below the top only basicConstraints CA:TRUE will do), EC keys
 * with explicit parameters, the purpose of every certificate including the CAs' extended key
 * usage, and path length constraints.
 */
final class ExtensionCheck {

    private ExtensionCheck() {
    }

    static void run(BuiltChain chain, VerifyContext context) {
        TlsPurpose purpose = context.parameters().purpose();
        int mustBeCa = -1;
        int pathLength = 0;
        int num = chain.size();
        for (int depth = 0; depth < num; depth++) {
            CertificateFacts certificate = chain.at(depth);
            if (certificate.unhandledCriticalExtension) {
                context.report(depth, certificate, VerifyError.UNHANDLED_CRITICAL_EXTENSION,
                        "it has a critical extension the phone does not understand, so it must be rejected");
            }
            if (certificate.proxy) {
                context.report(depth, certificate, VerifyError.PROXY_CERTIFICATES_NOT_ALLOWED,
                        "it is a proxy certificate (RFC 3820), which a phone does not accept");
            }
            checkCa(chain, depth, mustBeCa, context);
            if (num > 1 && certificate.explicitEcParameters) {
                context.report(depth, certificate, VerifyError.EC_KEY_EXPLICIT_PARAMS,
                        "its EC key spells out the curve parameters instead of naming a standard curve");
            }
            if (!purposeAllows(certificate, purpose, mustBeCa > 0)) {
                context.report(depth, certificate, VerifyError.INVALID_PURPOSE, purposeSentence(depth, purpose));
            }
            if (depth > 1 && certificate.pathLength >= 0 && pathLength > certificate.pathLength) {
                context.report(depth, certificate, VerifyError.PATH_LENGTH_EXCEEDED, "its pathLenConstraint allows "
                        + certificate.pathLength + " CA certificate(s) below it, the chain has " + pathLength);
            }
            if (depth > 0 && !certificate.selfIssued) {
                pathLength++;
            }
            mustBeCa = certificate.proxy ? 0 : 1;
        }
    }

    private static void checkCa(BuiltChain chain, int depth, int mustBeCa, VerifyContext context) {
        CertificateFacts certificate = chain.at(depth);
        int kind = certificate.caKind();
        if (mustBeCa == 0 && kind != 0) {
            context.report(depth, certificate, VerifyError.INVALID_NON_CA,
                    "a proxy certificate may only be followed by another proxy or end-entity certificate");
        } else if (mustBeCa > 0 && (kind == 0 || (depth + 1 < chain.size() && kind != 1))) {
            context.report(depth, certificate, VerifyError.INVALID_CA, caSentence(certificate));
        }
    }

    private static String caSentence(CertificateFacts certificate) {
        if (certificate.keyUsageRejects(CertificateFacts.KU_KEY_CERT_SIGN)) {
            return "it issued a certificate but its key usage does not allow keyCertSign";
        }
        if (certificate.basicConstraints && !certificate.ca) {
            return "it issued a certificate but its basicConstraints say CA:FALSE";
        }
        if (!certificate.basicConstraints) {
            return "it issued a certificate below another CA but has no basicConstraints CA:TRUE";
        }
        return "it is not a CA certificate";
    }

    /** {@code X509_check_purpose} for the TLS purposes (v3_purp.c). */
    static boolean purposeAllows(CertificateFacts certificate, TlsPurpose purpose, boolean requireCa) {
        if (purpose == TlsPurpose.SERVER) {
            if (certificate.extendedKeyUsageRejects(CertificateFacts.XKU_SSL_SERVER | CertificateFacts.XKU_SGC)) {
                return false;
            }
            if (requireCa) {
                return sslCa(certificate);
            }
            return !certificate.netscapeTypeRejects(CertificateFacts.NS_SSL_SERVER)
                    && !certificate.keyUsageRejects(CertificateFacts.KU_DIGITAL_SIGNATURE
                    | CertificateFacts.KU_KEY_ENCIPHERMENT | CertificateFacts.KU_KEY_AGREEMENT);
        }
        if (certificate.extendedKeyUsageRejects(CertificateFacts.XKU_SSL_CLIENT)) {
            return false;
        }
        if (requireCa) {
            return sslCa(certificate);
        }
        return !certificate.keyUsageRejects(CertificateFacts.KU_DIGITAL_SIGNATURE | CertificateFacts.KU_KEY_AGREEMENT)
                && !certificate.netscapeTypeRejects(CertificateFacts.NS_SSL_CLIENT);
    }

    private static boolean sslCa(CertificateFacts certificate) {
        int kind = certificate.caKind();
        return kind != 0 && (kind != 5 || (certificate.netscapeCertType & CertificateFacts.NS_SSL_CA) != 0);
    }

    private static String purposeSentence(int depth, TlsPurpose purpose) {
        String use = purpose == TlsPurpose.SERVER ? "TLS server authentication (serverAuth)"
                : "TLS client authentication (clientAuth)";
        if (depth == 0) {
            return "its extended key usage, key usage or Netscape type does not allow " + use;
        }
        return "as an issuer it must allow " + use + " in its extended key usage (if present) and be a CA";
    }
}
