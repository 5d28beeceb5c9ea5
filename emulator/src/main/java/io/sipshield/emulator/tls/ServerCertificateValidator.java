package io.sipshield.emulator.tls;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What a PJSIP-over-OpenSSL phone (Digium D-Series) concludes about a server's certificate chain:
 * a re-implementation of OpenSSL 3.0's {@code X509_verify_cert} as libssl runs it for a TLS
 * client (purpose {@code ssl_server}, trusted-first issuer lookup, verify depth 100, security
 * level 1) with a verify callback that never stops, so every error at every depth is collected;
 * each maps to a flag with PJSIP's table, and PJSIP's identity rule adds
 * {@link VerifyFlag#EIDENTITY_NOT_MATCH}. A plain class: usable on files without a network.
 *
 * <p>The steps, in OpenSSL's order: the leaf's key strength, chain building and trust
 * ({@link ChainBuilder}), extensions and purpose ({@link ExtensionCheck}), key and digest
 * strength ({@link SecurityLevelCheck}), CRLs when on ({@link RevocationCheck}), signatures and
 * validity ({@link SignatureAndTimeCheck}), name constraints ({@link NameConstraintCheck}).
 * Its agreement with OpenSSL itself is what the differential test measures.
 */
public final class ServerCertificateValidator implements CertificateValidator {

    /** OpenSSL's default verify depth. */
    public static final int DEFAULT_MAX_DEPTH = 100;
    /** OpenSSL's default security level. */
    public static final int DEFAULT_SECURITY_LEVEL = 1;

    private final ChainBuilder chainBuilder;
    private final IdentityRule identityRule;
    private final TlsPurpose purpose;
    private final int maxDepth;
    private final int securityLevel;
    private final boolean partialChain;
    private final CrlCheck crlCheck;
    private final List<CrlFacts> crls;
    private final CertificateFactsCache presentedFacts = new CertificateFactsCache(CertificateFactsCache.DEFAULT_CAPACITY);

    private ServerCertificateValidator(Builder builder) {
        List<CertificateFacts> anchors = new ArrayList<>();
        for (X509Certificate anchor : builder.trustAnchors) {
            CertificateFacts facts = CertificateFacts.of(anchor);
            if (anchors.stream().noneMatch(facts::sameCertificate)) {
                anchors.add(facts);
            }
        }
        this.chainBuilder = new ChainBuilder(anchors);
        this.identityRule = builder.allowWildcards ? IdentityRule.allowingWildcards() : IdentityRule.strict();
        this.purpose = builder.purpose;
        this.maxDepth = builder.maxDepth;
        this.securityLevel = builder.securityLevel;
        this.partialChain = builder.partialChain;
        this.crlCheck = builder.crlCheck;
        this.crls = builder.crls.stream().map(CrlFacts::of).toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates the chain a server presented.
     *
     * @param presented    the certificates as the server sent them, its own first (more may follow,
     *                     in any order: they are the untrusted certificates OpenSSL may use)
     * @param expectedHost the host name or IP address the phone dialled
     * @param clock        the phone's idea of now
     */
    @Override
    public VerifyResult validate(List<X509Certificate> presented, String expectedHost, Instant clock) {
        if (presented.isEmpty()) {
            throw new IllegalArgumentException("the server presented no certificate");
        }
        Objects.requireNonNull(expectedHost, "expectedHost");
        VerifyContext context = new VerifyContext(new VerifyParameters(clock, purpose, maxDepth, securityLevel,
                partialChain, crlCheck, crls));
        List<CertificateFacts> chain = presented.stream().map(presentedFacts::facts).toList();
        SecurityLevelCheck.leafKey(chain.get(0), context);
        BuiltChain built = chainBuilder.build(chain, context);
        ExtensionCheck.run(built, context);
        SecurityLevelCheck.chain(built, context);
        RevocationCheck.run(built, context);
        SignatureAndTimeCheck.run(built, context);
        NameConstraintCheck.run(built, context);
        X509Certificate leaf = presented.get(0);
        if (!identityRule.matches(leaf, expectedHost)) {
            context.report(-1, chain.get(0), VerifyError.IDENTITY_NOT_MATCH, "the phone dialled " + expectedHost
                    + " but the certificate names " + String.join(", ", identityRule.presentedIdentities(leaf))
                    + (identityRule.allowsWildcards() ? " (one-label wildcards allowed)" : " (no wildcards)"));
        }
        return VerifyResult.of(context.findings(), built.certificates().stream().map(facts -> facts.certificate).toList());
    }

    /** Configuration of a validator: the phone's trust anchors, identity rule and OpenSSL settings. */
    public static final class Builder {
        private final List<X509Certificate> trustAnchors = new ArrayList<>();
        private final List<X509CRL> crls = new ArrayList<>();
        private boolean allowWildcards;
        private TlsPurpose purpose = TlsPurpose.SERVER;
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private int securityLevel = DEFAULT_SECURITY_LEVEL;
        private boolean partialChain;
        private CrlCheck crlCheck = CrlCheck.OFF;

        public Builder trust(X509Certificate anchor) {
            trustAnchors.add(Objects.requireNonNull(anchor, "anchor"));
            return this;
        }

        public Builder trust(Collection<X509Certificate> anchors) {
            anchors.forEach(this::trust);
            return this;
        }

        /** PJSIP's identity rule with one-label wildcards (D-Series {@code tls_allow_wildcard_certs}). */
        public Builder allowWildcards(boolean allow) {
            this.allowWildcards = allow;
            return this;
        }

        /** What the peer's certificate must be for (default {@link TlsPurpose#SERVER}). */
        public Builder purpose(TlsPurpose purpose) {
            this.purpose = Objects.requireNonNull(purpose, "purpose");
            return this;
        }

        /** OpenSSL's verify depth: how many untrusted CAs may stand between leaf and trust anchor (default 100). */
        public Builder maxDepth(int depth) {
            if (depth < 0) {
                throw new IllegalArgumentException("the maximum depth must be 0 or more, was " + depth);
            }
            this.maxDepth = depth;
            return this;
        }

        /** OpenSSL's security level 0 to 5 (default 1: RSA keys of 1024 bits and up, no MD5 or SHA-1 signatures). */
        public Builder securityLevel(int level) {
            if (level < 0 || level > 5) {
                throw new IllegalArgumentException("the security level is 0 to 5, was " + level);
            }
            this.securityLevel = level;
            return this;
        }

        /**
         * OpenSSL's {@code X509_V_FLAG_PARTIAL_CHAIN}: a trusted certificate that is not self-signed
         * ends the chain (recent pjproject sets it on client stores; off by default).
         */
        public Builder partialChain(boolean partial) {
            this.partialChain = partial;
            return this;
        }

        /** Which certificates are checked against {@link #crl CRLs} (default {@link CrlCheck#OFF}). */
        public Builder crlCheck(CrlCheck check) {
            this.crlCheck = Objects.requireNonNull(check, "check");
            return this;
        }

        public Builder crl(X509CRL crl) {
            crls.add(Objects.requireNonNull(crl, "crl"));
            return this;
        }

        public Builder crls(Collection<X509CRL> list) {
            list.forEach(this::crl);
            return this;
        }

        public ServerCertificateValidator build() {
            return new ServerCertificateValidator(this);
        }
    }
}
