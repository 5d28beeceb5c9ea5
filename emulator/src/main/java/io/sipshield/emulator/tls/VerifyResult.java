package io.sipshield.emulator.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * What the phone concluded about a server's certificate chain.
 *
 * @param bitmask  every finding's flag ORed together, as a D-Series phone shows it
 * @param findings every error found, in the order found, at every depth
 * @param path     the chain that was built, leaf first (ends at a trust anchor when trusted)
 */
public record VerifyResult(long bitmask, List<VerifyFinding> findings, List<X509Certificate> path) {

    public VerifyResult {
        findings = List.copyOf(findings);
        path = List.copyOf(path);
    }

    static VerifyResult of(List<VerifyFinding> findings, List<X509Certificate> path) {
        long mask = 0;
        for (VerifyFinding finding : findings) {
            mask |= finding.error().flag().bit();
        }
        return new VerifyResult(mask, findings, path);
    }

    public boolean ok() {
        return bitmask == 0;
    }

    public Set<VerifyFlag> flags() {
        return VerifyFlag.decode(bitmask);
    }

    @Override
    public String toString() {
        return VerifyFlag.format(bitmask) + " " + flags() + " " + findings;
    }
}
