package io.sipshield.emulator.tls;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * What a PJSIP-over-OpenSSL phone concludes about a server's certificate chain: OpenSSL's path
 * building (trusted issuers first, then the certificates the server sent) and checks, with a
 * callback that never stops at the first error, mapped to the D-Series bitmask, plus PJSIP's
 * identity rule. A plain class: usable on files without a network.
 *
 * <p>Covered here: issuer lookup, self-signed leaves and roots, signatures, validity at the
 * phone's clock, CA and purpose checks, identity. CRLs, name constraints and path lengths
 * belong to the full validator.
 */
public final class ServerCertificateValidator {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private final List<X509Certificate> trustAnchors;
    private final IdentityRule identityRule;

    private ServerCertificateValidator(Builder builder) {
        this.trustAnchors = List.copyOf(builder.trustAnchors);
        this.identityRule = builder.allowWildcards ? IdentityRule.allowingWildcards() : IdentityRule.strict();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates the chain a server presented.
     *
     * @param presented    the certificates as the server sent them, its own first
     * @param expectedHost the host name or IP address the phone dialled
     * @param clock        the phone's idea of now
     */
    public VerifyResult validate(List<X509Certificate> presented, String expectedHost, Instant clock) {
        if (presented.isEmpty()) {
            throw new IllegalArgumentException("the server presented no certificate");
        }
        List<VerifyFinding> findings = new ArrayList<>();
        List<X509Certificate> path = new ArrayList<>();
        path.add(presented.get(0));
        List<X509Certificate> untrusted = new ArrayList<>(presented.subList(1, presented.size()));
        boolean trusted = buildPath(path, untrusted, findings);
        checkExtensions(path, findings);
        verifySignaturesAndTimes(path, trusted, clock, findings);
        if (!identityRule.matches(presented.get(0), expectedHost)) {
            findings.add(new VerifyFinding(-1, subject(presented.get(0)), VerifyError.IDENTITY_NOT_MATCH,
                    "no subjectAltName and not the CN names " + expectedHost));
        }
        return VerifyResult.of(findings, path);
    }

    /** Extends {@code path} upward; returns whether it ends at a trust anchor. */
    private boolean buildPath(List<X509Certificate> path, List<X509Certificate> untrusted, List<VerifyFinding> findings) {
        while (true) {
            X509Certificate current = path.get(path.size() - 1);
            int depth = path.size() - 1;
            if (isTrustAnchor(current)) {
                return true;
            }
            if (selfSigned(current)) {
                VerifyError error = depth == 0 ? VerifyError.DEPTH_ZERO_SELF_SIGNED_CERT : VerifyError.SELF_SIGNED_CERT_IN_CHAIN;
                findings.add(new VerifyFinding(depth, subject(current), error, "not among the phone's trusted certificates"));
                return false;
            }
            X509Certificate anchor = findIssuer(current, trustAnchors);
            if (anchor != null) {
                path.add(anchor);
                if (!selfSigned(anchor)) {
                    findings.add(new VerifyFinding(path.size() - 1, subject(anchor), VerifyError.UNABLE_TO_GET_ISSUER_CERT,
                            "the trusted certificate's own issuer is not trusted"));
                }
                return true;
            }
            X509Certificate next = findIssuer(current, untrusted);
            if (next == null || path.contains(next)) {
                findings.add(new VerifyFinding(depth, subject(current), VerifyError.UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
                        "issuer " + current.getIssuerX500Principal().getName() + " is not trusted by the phone"));
                if (path.size() == 1) {
                    findings.add(new VerifyFinding(0, subject(current), VerifyError.UNABLE_TO_VERIFY_LEAF_SIGNATURE,
                            "no issuer to check the server certificate's signature with"));
                }
                return false;
            }
            untrusted.remove(next);
            path.add(next);
        }
    }

    private void checkExtensions(List<X509Certificate> path, List<VerifyFinding> findings) {
        X509Certificate leaf = path.get(0);
        if (!allowsServerAuth(leaf)) {
            findings.add(new VerifyFinding(0, subject(leaf), VerifyError.INVALID_PURPOSE,
                    "extendedKeyUsage does not include serverAuth"));
        }
        for (int depth = 1; depth < path.size(); depth++) {
            X509Certificate issuer = path.get(depth);
            if (issuer.getBasicConstraints() < 0) {
                findings.add(new VerifyFinding(depth, subject(issuer), VerifyError.INVALID_CA,
                        "issues certificates but is not a CA (basicConstraints CA:FALSE or absent)"));
            }
        }
    }

    private static void verifySignaturesAndTimes(List<X509Certificate> path, boolean trusted, Instant clock,
                                                 List<VerifyFinding> findings) {
        Date when = Date.from(clock);
        for (int depth = path.size() - 1; depth >= 0; depth--) {
            X509Certificate certificate = path.get(depth);
            boolean top = depth == path.size() - 1;
            PublicKey issuerKey = top ? (selfSigned(certificate) ? certificate.getPublicKey() : null)
                    : path.get(depth + 1).getPublicKey();
            if (issuerKey != null && !(top && trusted) && !verifies(certificate, issuerKey)) {
                findings.add(new VerifyFinding(depth, subject(certificate), VerifyError.CERT_SIGNATURE_FAILURE,
                        "the signature does not verify with the issuer's key"));
            }
            try {
                certificate.checkValidity(when);
            } catch (CertificateNotYetValidException e) {
                findings.add(new VerifyFinding(depth, subject(certificate), VerifyError.CERT_NOT_YET_VALID,
                        "valid from " + certificate.getNotBefore().toInstant() + ", the phone's clock says " + clock));
            } catch (CertificateExpiredException e) {
                findings.add(new VerifyFinding(depth, subject(certificate), VerifyError.CERT_HAS_EXPIRED,
                        "valid until " + certificate.getNotAfter().toInstant() + ", the phone's clock says " + clock));
            }
        }
    }

    private boolean isTrustAnchor(X509Certificate certificate) {
        return trustAnchors.contains(certificate);
    }

    /** OpenSSL's X509_check_issued: names chain, and the candidate may sign; signature is checked later. */
    private static X509Certificate findIssuer(X509Certificate subject, List<X509Certificate> candidates) {
        X509Certificate nameOnly = null;
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(subject.getIssuerX500Principal())) {
                if (verifies(subject, candidate.getPublicKey())) {
                    return candidate;
                }
                if (nameOnly == null) {
                    nameOnly = candidate;
                }
            }
        }
        return nameOnly;
    }

    private static boolean selfSigned(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                && verifies(certificate, certificate.getPublicKey());
    }

    private static boolean verifies(X509Certificate certificate, PublicKey key) {
        try {
            certificate.verify(key);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean allowsServerAuth(X509Certificate certificate) {
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            return usages == null || usages.contains(SERVER_AUTH) || usages.contains(ANY_EXTENDED_KEY_USAGE);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    /** Configuration of a validator: the phone's trust anchors and its wildcard setting. */
    public static final class Builder {
        private final List<X509Certificate> trustAnchors = new ArrayList<>();
        private boolean allowWildcards;

        public Builder trust(X509Certificate anchor) {
            trustAnchors.add(Objects.requireNonNull(anchor, "anchor"));
            return this;
        }

        public Builder trust(List<X509Certificate> anchors) {
            anchors.forEach(this::trust);
            return this;
        }

        public Builder allowWildcards(boolean allow) {
            this.allowWildcards = allow;
            return this;
        }

        public ServerCertificateValidator build() {
            return new ServerCertificateValidator(this);
        }
    }
}
