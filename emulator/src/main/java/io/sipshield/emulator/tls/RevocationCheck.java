package io.sipshield.emulator.tls;

import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.ReasonFlags;

/**
 * OpenSSL 3.0's CRL checking ({@code check_revocation}, {@code check_cert}, {@code get_crl_score},
 * {@code check_crl}, {@code cert_crl}; no delta CRLs, no extended CRL support): for each
 * certificate checked, the best CRL from its issuer is chosen by score (in scope, valid now, no
 * unhandled critical extension, issued by a certificate of the chain), then its scope, dates and
 * signature are checked and the certificate's serial looked up.
 */
final class RevocationCheck {

    private static final int SCORE_NO_CRITICAL = 0x100;
    private static final int SCORE_SCOPE = 0x080;
    private static final int SCORE_TIME = 0x040;
    private static final int SCORE_ISSUER_NAME = 0x020;
    private static final int SCORE_VALID = SCORE_NO_CRITICAL | SCORE_TIME | SCORE_SCOPE;
    private static final int SCORE_ISSUER_CERT = 0x018;
    private static final int SCORE_SAME_PATH = 0x008;
    private static final int SCORE_AKID = 0x004;

    private RevocationCheck() {
    }

    static void run(BuiltChain chain, VerifyContext context) {
        CrlCheck mode = context.parameters().crlCheck();
        if (mode == CrlCheck.OFF) {
            return;
        }
        int last = mode == CrlCheck.CHAIN ? chain.size() - 1 : 0;
        for (int depth = 0; depth <= last; depth++) {
            checkCertificate(chain, depth, context);
        }
    }

    private record Selection(CrlFacts crl, CertificateFacts issuer, int score, int reasons) {
    }

    private static void checkCertificate(BuiltChain chain, int depth, VerifyContext context) {
        CertificateFacts certificate = chain.at(depth);
        if (certificate.proxy) {
            return;
        }
        int reasons = 0;
        // Each round either stops or adds reasons, so this ends after at most 16 rounds.
        while (reasons != CrlFacts.ALL_REASONS) {
            int lastReasons = reasons;
            Selection selection = select(chain, depth, reasons, context.parameters());
            if (selection == null) {
                context.report(depth, certificate, VerifyError.UNABLE_TO_GET_CRL,
                        "CRL checking is on and the phone has no usable CRL from " + certificate.issuer.getName());
                return;
            }
            reasons = selection.reasons();
            checkCrl(chain, depth, selection, context);
            checkSerial(certificate, selection.crl(), depth, context);
            if (lastReasons == reasons) {
                context.report(depth, certificate, VerifyError.UNABLE_TO_GET_CRL,
                        "no CRL from " + certificate.issuer.getName() + " covers this certificate");
                return;
            }
        }
    }

    /** {@code get_crl_sk}: the best-scoring CRL, newer on a tie; any non-zero score is used. */
    private static Selection select(BuiltChain chain, int depth, int reasons, VerifyParameters parameters) {
        CertificateFacts certificate = chain.at(depth);
        Selection best = null;
        for (CrlFacts crl : parameters.crls()) {
            if (!crl.issuer.equals(certificate.issuer)) {
                continue;
            }
            Selection candidate = score(chain, depth, crl, reasons, parameters);
            if (candidate == null || (best != null && candidate.score() < best.score())) {
                continue;
            }
            if (best != null && candidate.score() == best.score() && !crl.thisUpdate.isAfter(best.crl().thisUpdate)) {
                continue;
            }
            best = candidate;
        }
        return best;
    }

    /** {@code get_crl_score}: null when the CRL cannot be used at all. */
    private static Selection score(BuiltChain chain, int depth, CrlFacts crl, int reasons, VerifyParameters parameters) {
        if (crl.invalidDistributionPoint || crl.indirect || crl.onlySomeReasons) {
            return null;
        }
        int score = SCORE_ISSUER_NAME;
        if (!crl.unhandledCritical) {
            score |= SCORE_NO_CRITICAL;
        }
        if (timely(crl, parameters)) {
            score |= SCORE_TIME;
        }
        CertificateFacts issuer = null;
        int index = depth == chain.size() - 1 ? depth : depth + 1;
        CertificateFacts candidate = chain.at(index);
        if (CertificateFacts.checkAuthorityKeyId(candidate, crl.authorityKeyId) == null) {
            score |= SCORE_AKID | SCORE_ISSUER_CERT;
            issuer = candidate;
        } else {
            for (index++; index < chain.size(); index++) {
                candidate = chain.at(index);
                if (candidate.subject.equals(crl.issuer)
                        && CertificateFacts.checkAuthorityKeyId(candidate, crl.authorityKeyId) == null) {
                    score |= SCORE_AKID | SCORE_SAME_PATH;
                    issuer = candidate;
                    break;
                }
            }
        }
        if (issuer == null) {
            return null;
        }
        int updated = reasons;
        Integer covered = scope(chain.at(depth), crl, score);
        if (covered != null) {
            if ((covered & ~reasons) == 0) {
                return null;
            }
            updated |= covered;
            score |= SCORE_SCOPE;
        }
        return new Selection(crl, issuer, score, updated);
    }

    private static boolean timely(CrlFacts crl, VerifyParameters parameters) {
        long now = parameters.epochSecond();
        if (crl.thisUpdate.getEpochSecond() > now) {
            return false;
        }
        return crl.nextUpdate == null || crl.nextUpdate.getEpochSecond() > now;
    }

    /** {@code crl_crldp_check}: the reasons the CRL covers for this certificate, or null when out of scope. */
    private static Integer scope(CertificateFacts certificate, CrlFacts crl, int score) {
        if (crl.distributionPoint != null) {
            if (crl.distributionPoint.onlyContainsAttributeCerts()) {
                return null;
            }
            if (certificate.ca ? crl.distributionPoint.onlyContainsUserCerts() : crl.distributionPoint.onlyContainsCACerts()) {
                return null;
            }
        }
        int reasons = crl.reasons;
        DistributionPointName crlPoint = crl.distributionPoint == null ? null : crl.distributionPoint.getDistributionPoint();
        if (certificate.crlDistributionPoints != null) {
            for (DistributionPoint point : certificate.crlDistributionPoints.getDistributionPoints()) {
                if (issuerFits(point, crl, score) && (crl.distributionPoint == null
                        || pointsMatch(point.getDistributionPoint(), certificate.issuer, crlPoint, crl.issuer))) {
                    return reasons & pointReasons(point);
                }
            }
        }
        return (crl.distributionPoint == null || crlPoint == null) && (score & SCORE_ISSUER_NAME) != 0 ? reasons : null;
    }

    private static boolean issuerFits(DistributionPoint point, CrlFacts crl, int score) {
        if (point.getCRLIssuer() == null) {
            return (score & SCORE_ISSUER_NAME) != 0;
        }
        for (GeneralName name : point.getCRLIssuer().getNames()) {
            if (name.getTagNo() == GeneralName.directoryName
                    && CertificateFacts.principal(X500Name.getInstance(name.getName())).equals(crl.issuer)) {
                return true;
            }
        }
        return false;
    }

    private static int pointReasons(DistributionPoint point) {
        ReasonFlags reasons = point.getReasons();
        if (reasons == null) {
            return CrlFacts.ALL_REASONS;
        }
        byte[] bytes = reasons.getBytes();
        int bits = bytes.length > 0 ? bytes[0] & 0xff : 0;
        if (bytes.length > 1) {
            bits |= (bytes[1] & 0xff) << 8;
        }
        return bits & CrlFacts.ALL_REASONS;
    }

    /** {@code idp_check_dp}: full names share an entry, or relative names resolve to the same directory name. */
    private static boolean pointsMatch(DistributionPointName a, X500Principal aBase, DistributionPointName b,
                                       X500Principal bBase) {
        if (a == null || b == null) {
            return true;
        }
        X500Principal relativeA = relative(a, aBase);
        X500Principal relativeB = relative(b, bBase);
        if (relativeA != null && relativeB != null) {
            return relativeA.equals(relativeB);
        }
        if (relativeA != null || relativeB != null) {
            X500Principal name = relativeA != null ? relativeA : relativeB;
            DistributionPointName full = relativeA != null ? b : a;
            for (GeneralName entry : GeneralNames.getInstance(full.getName()).getNames()) {
                if (entry.getTagNo() == GeneralName.directoryName
                        && CertificateFacts.principal(X500Name.getInstance(entry.getName())).equals(name)) {
                    return true;
                }
            }
            return false;
        }
        for (GeneralName left : GeneralNames.getInstance(a.getName()).getNames()) {
            for (GeneralName right : GeneralNames.getInstance(b.getName()).getNames()) {
                if (left.equals(right)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static X500Principal relative(DistributionPointName point, X500Principal base) {
        if (point.getType() != DistributionPointName.NAME_RELATIVE_TO_CRL_ISSUER) {
            return null;
        }
        List<RDN> rdns = new ArrayList<>(List.of(X500Name.getInstance(base.getEncoded()).getRDNs()));
        rdns.add(RDN.getInstance(point.getName()));
        return CertificateFacts.principal(new X500Name(rdns.toArray(RDN[]::new)));
    }

    /** {@code check_crl}: the CRL issuer may sign CRLs, the CRL is in scope, current and properly signed. */
    private static void checkCrl(BuiltChain chain, int depth, Selection selection, VerifyContext context) {
        CertificateFacts certificate = chain.at(depth);
        CertificateFacts issuer = selection.issuer();
        CrlFacts crl = selection.crl();
        if (issuer.keyUsageRejects(CertificateFacts.KU_CRL_SIGN)) {
            context.report(depth, certificate, VerifyError.KEYUSAGE_NO_CRL_SIGN,
                    "the CRL's issuer " + issuer.subjectText() + " has a key usage without cRLSign");
        }
        if ((selection.score() & SCORE_SCOPE) == 0) {
            context.report(depth, certificate, VerifyError.DIFFERENT_CRL_SCOPE,
                    "the CRL's distribution point does not cover this certificate");
        }
        if ((selection.score() & SCORE_TIME) == 0) {
            long now = context.parameters().epochSecond();
            if (crl.thisUpdate.getEpochSecond() > now) {
                context.report(depth, certificate, VerifyError.CRL_NOT_YET_VALID, "the CRL is issued for "
                        + crl.thisUpdate + ", the phone's clock says " + context.parameters().clock());
            }
            if (crl.nextUpdate != null && crl.nextUpdate.getEpochSecond() <= now) {
                context.report(depth, certificate, VerifyError.CRL_HAS_EXPIRED, "the CRL's next update was due "
                        + crl.nextUpdate + ", the phone's clock says " + context.parameters().clock());
            }
        }
        if (!crl.signatureVerifiesWith(issuer.certificate.getPublicKey())) {
            context.report(depth, certificate, VerifyError.CRL_SIGNATURE_FAILURE,
                    "the CRL's signature does not verify with the key of " + issuer.subjectText());
        }
    }

    /** {@code cert_crl}: a CRL with unhandled critical extensions is refused; a listed serial is revoked. */
    private static void checkSerial(CertificateFacts certificate, CrlFacts crl, int depth, VerifyContext context) {
        if (crl.unhandledCritical) {
            context.report(depth, certificate, VerifyError.UNHANDLED_CRITICAL_CRL_EXTENSION,
                    "the CRL has a critical extension the phone does not understand");
        }
        Integer reason = crl.revocationReason(certificate.certificate.getSerialNumber());
        if (reason != null && reason != CRLReason.removeFromCRL) {
            context.report(depth, certificate, VerifyError.CERT_REVOKED, "serial "
                    + certificate.certificate.getSerialNumber().toString(16) + " is on the CRL of " + crl.issuer.getName()
                    + " (reason " + reasonName(reason) + ")");
        }
    }

    private static String reasonName(int reason) {
        return CRLReason.lookup(reason).toString();
    }
}
