package io.sipshield.emulator.tls;

import io.sipshield.certs.cisco.TrustListRole;
import io.sipshield.emulator.profile.DeviceProfile;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificate validator a device profile implies: Cisco trust-list pinning for a pinning
 * profile, else the OpenSSL-style validator with the profile's security level, partial-chain
 * setting, wildcard setting and trust sources (the built-in public roots when it has them).
 */
public final class ProfileValidators {

    private ProfileValidators() {
    }

    /**
     * @param profile        the device
     * @param loadedCas      the CAs loaded on the phone (for a pinning profile without a trust list: the
     *                       certificates pinned as CCM records)
     * @param trustList      a Cisco phone's trust-list records (ignored by other profiles)
     * @param allowWildcards the phone's {@code tls_allow_wildcard_certs}; effective only where the firmware has it
     */
    public static CertificateValidator forProfile(DeviceProfile profile, List<X509Certificate> loadedCas,
                                                  List<TrustListEntry> trustList, boolean allowWildcards) {
        if (profile.pinsTrustList()) {
            List<TrustListEntry> entries = new ArrayList<>(trustList);
            if (entries.isEmpty()) {
                loadedCas.forEach(certificate -> entries.add(new TrustListEntry(certificate, TrustListRole.CCM)));
            }
            return CiscoTrustListValidator.builder().entries(entries).connection(CiscoConnection.SIP_TLS).build();
        }
        ServerCertificateValidator.Builder builder = ServerCertificateValidator.builder()
                .trust(loadedCas)
                .allowWildcards(profile.wildcardSetting() && allowWildcards)
                .securityLevel(profile.securityLevel())
                .partialChain(profile.partialChain());
        if (profile.trustsPublicRoots()) {
            builder.trust(PublicRoots.jdkCacerts());
        }
        return builder.build();
    }
}
