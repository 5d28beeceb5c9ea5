package io.sipshield.emulator.tls;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One certificate setup judged by both the Java validator and OpenSSL: the phone's trust store,
 * the chain the server presents, the host dialled, the clock and OpenSSL's settings.
 */
record VerificationCase(String name, List<X509Certificate> trust, List<X509Certificate> presented, String host,
                        Instant clock, boolean allowWildcards, int maxDepth, int securityLevel, boolean partialChain,
                        TlsPurpose purpose, CrlCheck crlCheck, List<X509CRL> crls, Long expectedBitmask) {

    VerificationCase {
        trust = List.copyOf(trust);
        presented = List.copyOf(presented);
        crls = List.copyOf(crls);
    }

    static Builder named(String name) {
        return new Builder(name);
    }

    ServerCertificateValidator validator() {
        return ServerCertificateValidator.builder().trust(trust).allowWildcards(allowWildcards).maxDepth(maxDepth)
                .securityLevel(securityLevel).partialChain(partialChain).purpose(purpose).crlCheck(crlCheck)
                .crls(crls).build();
    }

    VerifyResult validate() {
        return validator().validate(presented, host, clock);
    }

    @Override
    public String toString() {
        return name;
    }

    static final class Builder {
        private String name;
        private final List<X509Certificate> trust = new ArrayList<>();
        private final List<X509Certificate> presented = new ArrayList<>();
        private final List<X509CRL> crls = new ArrayList<>();
        private String host = "pbx.sip.test";
        private Instant clock = Instant.now();
        private boolean allowWildcards;
        private int maxDepth = ServerCertificateValidator.DEFAULT_MAX_DEPTH;
        private int securityLevel = ServerCertificateValidator.DEFAULT_SECURITY_LEVEL;
        private boolean partialChain;
        private TlsPurpose purpose = TlsPurpose.SERVER;
        private CrlCheck crlCheck = CrlCheck.OFF;
        private Long expected;

        private Builder(String name) {
            this.name = name;
        }

        Builder name(String value) {
            this.name = value;
            return this;
        }

        Builder trust(X509Certificate... anchors) {
            trust.addAll(List.of(anchors));
            return this;
        }

        Builder present(List<X509Certificate> chain) {
            presented.addAll(chain);
            return this;
        }

        Builder present(X509Certificate... chain) {
            return present(List.of(chain));
        }

        Builder host(String name) {
            this.host = name;
            return this;
        }

        Builder at(Instant instant) {
            this.clock = instant;
            return this;
        }

        Builder wildcards() {
            this.allowWildcards = true;
            return this;
        }

        Builder maxDepth(int depth) {
            this.maxDepth = depth;
            return this;
        }

        Builder securityLevel(int level) {
            this.securityLevel = level;
            return this;
        }

        Builder partialChain() {
            this.partialChain = true;
            return this;
        }

        Builder purpose(TlsPurpose value) {
            this.purpose = value;
            return this;
        }

        Builder crlCheck(CrlCheck check, X509CRL... list) {
            this.crlCheck = check;
            crls.addAll(List.of(list));
            return this;
        }

        Builder expect(long bitmask) {
            this.expected = bitmask;
            return this;
        }

        VerificationCase build() {
            return new VerificationCase(name, trust, presented, host, clock, allowWildcards, maxDepth, securityLevel,
                    partialChain, purpose, crlCheck, crls, expected);
        }
    }
}
