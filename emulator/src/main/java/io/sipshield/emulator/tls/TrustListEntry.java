package io.sipshield.emulator.tls;

import io.sipshield.certs.cisco.TrustListRole;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * One record of a Cisco phone's installed trust list (ITL/CTL): a certificate and its role.
 *
 * @param certificate the pinned certificate
 * @param role        what it is trusted for
 */
public record TrustListEntry(X509Certificate certificate, TrustListRole role) {

    public TrustListEntry {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(role, "role");
    }
}
