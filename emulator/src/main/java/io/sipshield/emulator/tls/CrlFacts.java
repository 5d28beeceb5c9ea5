package io.sipshield.emulator.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.bouncycastle.asn1.x509.TBSCertList;

/**
 * What OpenSSL derives from a CRL ({@code crl_cb}, crypto/x509/x_crl.c): issuer, dates, authority
 * key identifier, issuing distribution point flags, unhandled critical extensions (of the CRL or
 * of an entry) and the revoked serial numbers with their reasons.
 */
final class CrlFacts {

    /** Every reason a CRL distribution point can cover ({@code CRLDP_ALL_REASONS}). */
    static final int ALL_REASONS = 0x807f;

    private static final Set<String> HANDLED_CRITICAL = Set.of(
            Extension.issuingDistributionPoint.getId(), Extension.authorityKeyIdentifier.getId(),
            Extension.deltaCRLIndicator.getId());

    final X509CRL crl;
    final X500Principal issuer;
    final Instant thisUpdate;
    final Instant nextUpdate;
    final AuthorityKeyIdentifier authorityKeyId;
    final IssuingDistributionPoint distributionPoint;
    final boolean invalidDistributionPoint;
    final boolean indirect;
    final boolean onlySomeReasons;
    final int reasons;
    final boolean unhandledCritical;
    private final Map<BigInteger, Integer> revoked = new HashMap<>();

    private CrlFacts(X509CRL crl, CertificateList parsed) {
        this.crl = crl;
        this.issuer = crl.getIssuerX500Principal();
        this.thisUpdate = crl.getThisUpdate().toInstant();
        this.nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
        TBSCertList tbs = parsed.getTBSCertList();
        Extensions extensions = tbs.getExtensions();
        this.authorityKeyId = extensions == null ? null : AuthorityKeyIdentifier.fromExtensions(extensions);
        this.distributionPoint = extensions == null ? null
                : IssuingDistributionPoint.getInstance(extensions.getExtensionParsedValue(Extension.issuingDistributionPoint));
        boolean critical = false;
        if (extensions != null) {
            for (ASN1ObjectIdentifier oid : extensions.getCriticalExtensionOIDs()) {
                critical |= !HANDLED_CRITICAL.contains(oid.getId());
            }
        }
        for (TBSCertList.CRLEntry entry : tbs.getRevokedCertificates()) {
            Extensions entryExtensions = entry.getExtensions();
            int reason = CRLReason.unspecified;
            if (entryExtensions != null) {
                for (ASN1ObjectIdentifier oid : entryExtensions.getCriticalExtensionOIDs()) {
                    critical |= !oid.equals(Extension.certificateIssuer);
                }
                if (entryExtensions.getExtension(Extension.reasonCode) != null) {
                    reason = ASN1Enumerated.getInstance(entryExtensions.getExtensionParsedValue(Extension.reasonCode))
                            .intValueExact();
                }
            }
            revoked.put(entry.getUserCertificate().getValue(), reason);
        }
        this.unhandledCritical = critical;
        if (distributionPoint != null) {
            int only = (distributionPoint.onlyContainsUserCerts() ? 1 : 0) + (distributionPoint.onlyContainsCACerts() ? 1 : 0)
                    + (distributionPoint.onlyContainsAttributeCerts() ? 1 : 0);
            this.invalidDistributionPoint = only > 1;
            this.indirect = distributionPoint.isIndirectCRL();
            ReasonFlags some = distributionPoint.getOnlySomeReasons();
            this.onlySomeReasons = some != null;
            this.reasons = some == null ? ALL_REASONS : reasonBits(some);
        } else {
            this.invalidDistributionPoint = false;
            this.indirect = false;
            this.onlySomeReasons = false;
            this.reasons = ALL_REASONS;
        }
    }

    /** Reads what OpenSSL derives from the CRL. */
    static CrlFacts of(X509CRL crl) {
        try {
            return new CrlFacts(crl, CertificateList.getInstance(crl.getEncoded()));
        } catch (CRLException | IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("cannot read the CRL of " + crl.getIssuerX500Principal().getName()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The reason code the serial was revoked with, or null when it is not on this CRL. */
    Integer revocationReason(BigInteger serial) {
        return revoked.get(serial);
    }

    boolean signatureVerifiesWith(PublicKey key) {
        try {
            crl.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static int reasonBits(ReasonFlags flags) {
        byte[] bytes = flags.getBytes();
        int bits = bytes.length > 0 ? bytes[0] & 0xff : 0;
        if (bytes.length > 1) {
            bits |= (bytes[1] & 0xff) << 8;
        }
        return bits & ALL_REASONS;
    }
}
