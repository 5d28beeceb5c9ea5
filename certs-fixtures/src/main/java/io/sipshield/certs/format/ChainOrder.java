package io.sipshield.certs.format;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Who issued whom: the checks behind leaf-to-root files, and ordering a loose set of certificates into a chain. */
public final class ChainOrder {

    private ChainOrder() {
    }

    /** True when {@code issuer}'s subject is {@code subject}'s issuer and its key verifies {@code subject}'s signature. */
    public static boolean issued(X509Certificate issuer, X509Certificate subject) {
        if (!issuer.getSubjectX500Principal().equals(subject.getIssuerX500Principal())) {
            return false;
        }
        try {
            subject.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** True when the certificate is its own issuer (a root, or a self-signed leaf). */
    public static boolean selfSigned(X509Certificate certificate) {
        return issued(certificate, certificate);
    }

    /**
     * True when each certificate is issued by the next one: the order of a chain file (leaf to root,
     * the root optional) and of MX-ONE's intermediates (secondary before primary).
     */
    public static boolean isLeafToRoot(List<X509Certificate> chain) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!issued(chain.get(i + 1), chain.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Orders {@code certificates} as the chain of {@code leaf}: leaf, its issuer, that one's issuer, up
     * to a self-signed root or the last issuer present.
     *
     * @throws IllegalArgumentException if a certificate is not part of the leaf's chain
     */
    public static List<X509Certificate> leafToRoot(X509Certificate leaf, Collection<X509Certificate> certificates) {
        List<X509Certificate> remaining = new ArrayList<>(certificates);
        remaining.removeIf(certificate -> certificate.equals(leaf));
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        X509Certificate current = leaf;
        while (!selfSigned(current)) {
            X509Certificate subject = current;
            X509Certificate issuer = remaining.stream().filter(candidate -> issued(candidate, subject)).findFirst().orElse(null);
            if (issuer == null) {
                break;
            }
            remaining.remove(issuer);
            chain.add(issuer);
            current = issuer;
        }
        if (!remaining.isEmpty()) {
            throw new IllegalArgumentException(remaining.get(0).getSubjectX500Principal().getName()
                    + " is not in the chain of " + leaf.getSubjectX500Principal().getName());
        }
        return List.copyOf(chain);
    }
}
