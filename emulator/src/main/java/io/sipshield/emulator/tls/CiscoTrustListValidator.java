package io.sipshield.emulator.tls;

import io.sipshield.certs.cisco.TrustListRole;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How a Cisco phone judges a server (DEVICES.md §A): no CA store and no chain building, the
 * presented certificate itself must be pinned in the installed trust list with the role the
 * connection needs. Pinned under another role only: {@link VerifyFlag#EINVALID_PURPOSE}
 * (reported as OpenSSL's {@code INVALID_PURPOSE}); not pinned at all: {@link VerifyFlag#EUNTRUSTED}
 * (reported as {@code CERT_UNTRUSTED}). The host name is not checked unless asked for, since no
 * source documents that Cisco phones check it.
 */
public final class CiscoTrustListValidator implements CertificateValidator {

    private final List<TrustListEntry> entries;
    private final CiscoConnection connection;
    private final boolean checkHostname;

    private CiscoTrustListValidator(Builder builder) {
        this.entries = List.copyOf(builder.entries);
        this.connection = builder.connection;
        this.checkHostname = builder.checkHostname;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public VerifyResult validate(List<X509Certificate> presented, String expectedHost, Instant clock) {
        if (presented.isEmpty()) {
            throw new IllegalArgumentException("the server presented no certificate");
        }
        X509Certificate leaf = presented.get(0);
        String subject = leaf.getSubjectX500Principal().getName();
        List<TrustListRole> pinnedAs = entries.stream().filter(entry -> sameCertificate(entry.certificate(), leaf))
                .map(TrustListEntry::role).toList();
        List<VerifyFinding> findings = new ArrayList<>();
        boolean roleFits = pinnedAs.stream().anyMatch(connection.roles()::contains);
        boolean keyFits = !connection.needsEcKey() || "EC".equals(leaf.getPublicKey().getAlgorithm());
        if (pinnedAs.isEmpty()) {
            findings.add(new VerifyFinding(0, subject, VerifyError.CERT_UNTRUSTED, "the certificate is not in the phone's "
                    + "trust list; " + connection.label() + " needs it pinned as " + roleNames(connection)));
        } else if (!roleFits) {
            findings.add(new VerifyFinding(0, subject, VerifyError.INVALID_PURPOSE, "the trust list pins it as "
                    + pinnedAs.stream().map(TrustListRole::label).distinct().collect(Collectors.joining(", "))
                    + "; " + connection.label() + " needs " + roleNames(connection)));
        } else if (!keyFits) {
            findings.add(new VerifyFinding(0, subject, VerifyError.INVALID_PURPOSE, "pinned as TFTP but with a "
                    + leaf.getPublicKey().getAlgorithm() + " key: only a TFTP record with an EC key verifies the "
                    + "HTTPS provisioning server"));
        }
        IdentityRule identity = IdentityRule.strict();
        if (checkHostname && !identity.matches(leaf, expectedHost)) {
            findings.add(new VerifyFinding(-1, subject, VerifyError.IDENTITY_NOT_MATCH, "the phone dialled "
                    + expectedHost + " but the certificate names " + String.join(", ", identity.presentedIdentities(leaf))));
        }
        return VerifyResult.of(findings, List.of(leaf));
    }

    private static String roleNames(CiscoConnection connection) {
        String roles = connection.roles().stream().map(TrustListRole::label).sorted().collect(Collectors.joining(" or "));
        return connection.needsEcKey() ? roles + " with an EC key" : roles;
    }

    private static boolean sameCertificate(X509Certificate a, X509Certificate b) {
        try {
            return Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    /** Configuration: the installed trust list and the connection being judged. */
    public static final class Builder {
        private final List<TrustListEntry> entries = new ArrayList<>();
        private CiscoConnection connection = CiscoConnection.SIP_TLS;
        private boolean checkHostname;

        public Builder entry(X509Certificate certificate, TrustListRole role) {
            entries.add(new TrustListEntry(certificate, role));
            return this;
        }

        public Builder entries(List<TrustListEntry> list) {
            list.forEach(entry -> entries.add(Objects.requireNonNull(entry, "entry")));
            return this;
        }

        /** The connection the server is judged for (default {@link CiscoConnection#SIP_TLS}). */
        public Builder connection(CiscoConnection connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
            return this;
        }

        /** Also apply PJSIP-style host matching (undocumented for Cisco phones; off by default). */
        public Builder checkHostname(boolean check) {
            this.checkHostname = check;
            return this;
        }

        public CiscoTrustListValidator build() {
            return new CiscoTrustListValidator(this);
        }
    }
}
