package io.sipshield.emulator.tls;

import java.util.List;

/**
 * The chain OpenSSL built: leaf first, the certificates from the peer first and then those from
 * the trust store.
 *
 * @param certificates   the chain, leaf first
 * @param untrustedCount how many of them came from the peer ({@code ctx->num_untrusted})
 * @param trusted        whether the chain ends at a trust anchor
 */
record BuiltChain(List<CertificateFacts> certificates, int untrustedCount, boolean trusted) {

    BuiltChain {
        certificates = List.copyOf(certificates);
    }

    int size() {
        return certificates.size();
    }

    CertificateFacts at(int depth) {
        return certificates.get(depth);
    }

    CertificateFacts top() {
        return certificates.get(certificates.size() - 1);
    }
}
