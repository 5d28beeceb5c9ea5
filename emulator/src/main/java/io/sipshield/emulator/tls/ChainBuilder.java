package io.sipshield.emulator.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * OpenSSL 3.0's chain building ({@code build_chain} with {@code check_trust}, x509_vfy.c) as a
 * phone runs it: trusted-first issuer lookup, then the certificates the server sent; a
 * certificate from the trust store is a trust anchor when it is self-signed (or, with partial
 * chains, whatever it is); the chain may grow one past the verify depth, which is then too long.
 * Issuers are matched by name, authority key identifier and key type, never by signature: that
 * is checked later, by {@link SignatureAndTimeCheck}.
 */
final class ChainBuilder {

    private final List<CertificateFacts> anchors;

    ChainBuilder(List<CertificateFacts> anchors) {
        this.anchors = List.copyOf(anchors);
    }

    BuiltChain build(List<CertificateFacts> presented, VerifyContext context) {
        VerifyParameters parameters = context.parameters();
        List<CertificateFacts> chain = new ArrayList<>();
        chain.add(presented.get(0));
        List<CertificateFacts> untrusted = new ArrayList<>(presented);
        int untrustedCount = 1;
        int maxChain = parameters.maxDepth() + 1;
        boolean searchUntrusted = true;
        Trust trust = Trust.UNTRUSTED;

        // Trusted first: each round looks in the trust store, then among the server's certificates.
        while (true) {
            int num = chain.size();
            CertificateFacts top = chain.get(num - 1);
            CertificateFacts anchor = num > maxChain ? null : trustedIssuer(top, parameters);
            if (anchor != null) {
                boolean selfSigned = top.selfSigned;
                boolean extended = true;
                if (!selfSigned) {
                    chain.add(anchor);
                    selfSigned = anchor.selfSigned;
                } else if (!top.sameCertificate(anchor)) {
                    extended = false; // a self-signed mimic of a trust anchor
                } else {
                    untrustedCount = --num;
                    chain.set(num, anchor);
                }
                if (extended) {
                    searchUntrusted = false;
                    Outcome outcome = checkTrust(chain, num, parameters);
                    trust = outcome.trust();
                    untrustedCount = Math.min(untrustedCount, outcome.untrustedCount());
                    if (trust != Trust.UNTRUSTED) {
                        break;
                    }
                    if (!selfSigned) {
                        continue;
                    }
                }
            }
            if (!searchUntrusted) {
                break;
            }
            CertificateFacts issuer = top.selfSigned || num > maxChain ? null
                    : bestIssuer(top, untrusted, chain, parameters);
            if (issuer == null) {
                searchUntrusted = false;
                continue;
            }
            untrusted.remove(issuer);
            chain.add(issuer);
            untrustedCount++;
        }

        int num = chain.size();
        if (num <= maxChain && trust == Trust.UNTRUSTED && num == untrustedCount) {
            Outcome outcome = checkTrust(chain, num, parameters);
            trust = outcome.trust();
            untrustedCount = outcome.untrustedCount();
        }
        if (trust == Trust.TRUSTED) {
            return new BuiltChain(chain, untrustedCount, true);
        }
        reportUntrusted(chain, untrustedCount, maxChain, context);
        return new BuiltChain(chain, untrustedCount, false);
    }

    /** The errors of a chain that reached no trust anchor, at its top. */
    private static void reportUntrusted(List<CertificateFacts> chain, int untrustedCount, int maxChain,
                                        VerifyContext context) {
        int top = chain.size() - 1;
        CertificateFacts last = chain.get(top);
        VerifyError preliminary = context.lastError();
        if (preliminary != null) {
            // OpenSSL turns an error already reported (the leaf's weak key) into the final one.
            context.report(top, last, preliminary, "reported again where the chain ends without a trust anchor: "
                    + preliminary.text());
            return;
        }
        if (chain.size() > maxChain) {
            context.report(top, last, VerifyError.CERT_CHAIN_TOO_LONG, "the chain has more than "
                    + (maxChain - 1) + " certificates between the server's and a trust anchor, the phone's limit");
        }
        if (last.selfSigned) {
            if (chain.size() == 1) {
                context.report(top, last, VerifyError.DEPTH_ZERO_SELF_SIGNED_CERT,
                        "the server's certificate is self-signed and not among the phone's trusted certificates");
            } else {
                context.report(top, last, VerifyError.SELF_SIGNED_CERT_IN_CHAIN,
                        "the chain ends at a self-signed root the phone does not trust");
            }
        } else if (untrustedCount < chain.size()) {
            context.report(top, last, VerifyError.UNABLE_TO_GET_ISSUER_CERT,
                    "this trusted certificate is not self-signed and its issuer " + last.issuer.getName()
                            + " is not among the phone's trusted certificates");
        } else {
            context.report(top, last, VerifyError.UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
                    "its issuer " + last.issuer.getName()
                            + " was neither sent by the server nor found among the phone's trusted certificates");
        }
    }

    private enum Trust { TRUSTED, UNTRUSTED }

    private record Outcome(Trust trust, int untrustedCount) {
    }

    /** OpenSSL's {@code check_trust}: certificates from the trust store (depth {@code from} up) decide. */
    private Outcome checkTrust(List<CertificateFacts> chain, int from, VerifyParameters parameters) {
        int num = chain.size();
        for (int i = from; i < num; i++) {
            if (chain.get(i).selfSigned && !chain.get(i).invalidExtension) {
                return new Outcome(Trust.TRUSTED, from);
            }
        }
        if (from < num) {
            return new Outcome(parameters.partialChain() ? Trust.TRUSTED : Trust.UNTRUSTED, from);
        }
        if (parameters.partialChain()) {
            CertificateFacts leaf = chain.get(0);
            for (CertificateFacts anchor : anchors) {
                if (anchor.sameCertificate(leaf)) {
                    chain.set(0, anchor);
                    return new Outcome(Trust.TRUSTED, 0);
                }
            }
        }
        return new Outcome(Trust.UNTRUSTED, from);
    }

    /** {@code X509_STORE_CTX_get1_issuer}: the first fitting anchor valid now, else the one expiring last. */
    private CertificateFacts trustedIssuer(CertificateFacts subject, VerifyParameters parameters) {
        CertificateFacts best = null;
        for (CertificateFacts candidate : anchors) {
            if (!candidate.subject.equals(subject.issuer) || CertificateFacts.likelyIssued(candidate, subject) != null) {
                continue;
            }
            if (parameters.timeError(candidate) == null) {
                return candidate;
            }
            if (best == null || candidate.certificate.getNotAfter().after(best.certificate.getNotAfter())) {
                best = candidate;
            }
        }
        return best;
    }

    /** {@code get0_best_issuer_sk} over the server's certificates, never one already in the chain. */
    private static CertificateFacts bestIssuer(CertificateFacts subject, List<CertificateFacts> candidates,
                                               List<CertificateFacts> chain, VerifyParameters parameters) {
        CertificateFacts best = null;
        for (CertificateFacts candidate : candidates) {
            boolean mayRepeat = subject.selfIssued && chain.size() == 1;
            if (!mayRepeat && chain.stream().anyMatch(candidate::sameCertificate)) {
                continue;
            }
            if (CertificateFacts.likelyIssued(candidate, subject) != null) {
                continue;
            }
            if (parameters.timeError(candidate) == null) {
                return candidate;
            }
            if (best == null || candidate.certificate.getNotAfter().after(best.certificate.getNotAfter())) {
                best = candidate;
            }
        }
        return best;
    }
}
