package io.sipshield.emulator.tls;

import io.sipshield.certs.cisco.TrustListRole;
import java.util.Set;

/**
 * The TLS connections a Cisco phone makes and which trust-list role pins each server
 * (DEVICES.md §A: usecallmanager's sip-peers.html, http-provisioning.html, device-security.html).
 */
public enum CiscoConnection {
    /** SIP over TLS to the call manager (Asterisk): a CCM or CCM+TFTP record. */
    SIP_TLS("SIP-TLS", Set.of(TrustListRole.CCM, TrustListRole.CCM_TFTP), false),
    /** HTTPS provisioning on port 6971: a TFTP record whose certificate has an EC key. */
    HTTPS_PROVISIONING("HTTPS provisioning", Set.of(TrustListRole.TFTP), true),
    /** HTTPS XML services: an APP-SERVER record. */
    HTTPS_SERVICES("HTTPS services", Set.of(TrustListRole.APP_SERVER), false);

    private final String label;
    private final Set<TrustListRole> roles;
    private final boolean needsEcKey;

    CiscoConnection(String label, Set<TrustListRole> roles, boolean needsEcKey) {
        this.label = label;
        this.roles = roles;
        this.needsEcKey = needsEcKey;
    }

    public String label() {
        return label;
    }

    /** The roles that pin a server for this connection. */
    public Set<TrustListRole> roles() {
        return roles;
    }

    /** Whether the pinned certificate must have an EC key (HTTPS provisioning). */
    public boolean needsEcKey() {
        return needsEcKey;
    }
}
