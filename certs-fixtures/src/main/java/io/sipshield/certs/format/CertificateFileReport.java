package io.sipshield.certs.format;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a certificate file holds, in human form ({@code sipshield certs show}): the format, then per
 * certificate subject, issuer, serial, validity, key, SANs, EKU, basic constraints, key usage, name
 * constraints, CRL distribution points and SHA-256 fingerprint; per key its type and which
 * certificate it belongs to (never the key itself); per CRL issuer, dates and revoked serials.
 */
public final class CertificateFileReport {

    private static final int LABEL_WIDTH = 25;

    private CertificateFileReport() {
    }

    /** @param now the instant validity is judged at ("valid now", "EXPIRED") */
    public static String render(CertificateFileContents contents, Instant now) {
        StringBuilder out = new StringBuilder();
        line(out, "", "file", contents.source());
        line(out, "", "format", contents.format().description()
                + (contents.pemBlockTypes().isEmpty() ? "" : " (blocks: " + String.join(", ", contents.pemBlockTypes()) + ")"));
        line(out, "", "holds", count(contents.certificates().size(), "certificate") + ", "
                + (contents.privateKey().isPresent() ? "1 private key" : "no private key") + ", "
                + count(contents.crls().size(), "CRL"));
        List<X509Certificate> certificates = contents.certificates();
        for (int i = 0; i < certificates.size(); i++) {
            out.append('\n').append("certificate ").append(i + 1).append(" of ").append(certificates.size()).append('\n');
            for (Map.Entry<String, String> field : CertificateText.fields(certificates.get(i), now).entrySet()) {
                line(out, "  ", field.getKey(), field.getValue());
            }
        }
        contents.privateKey().ifPresent(key -> privateKey(out, key, certificates));
        List<X509CRL> crls = contents.crls();
        for (int i = 0; i < crls.size(); i++) {
            out.append('\n').append("CRL ").append(i + 1).append(" of ").append(crls.size()).append('\n');
            crl(out, crls.get(i), now);
        }
        return out.toString();
    }

    private static void privateKey(StringBuilder out, DecodedPrivateKey decoded, List<X509Certificate> certificates) {
        out.append('\n').append("private key").append('\n');
        PrivateKey key = decoded.key();
        line(out, "  ", "type", PrivateKeys.describe(key) + ", " + decoded.encoding().description());
        String match = "no certificate in this file";
        for (int i = 0; i < certificates.size(); i++) {
            if (PrivateKeys.matches(key, certificates.get(i).getPublicKey())) {
                match = "certificate " + (i + 1) + " (" + certificates.get(i).getSubjectX500Principal().getName() + ")";
                break;
            }
        }
        line(out, "  ", "matches", match);
    }

    private static void crl(StringBuilder out, X509CRL crl, Instant now) {
        line(out, "  ", "issuer", crl.getIssuerX500Principal().getName());
        line(out, "  ", "this update", crl.getThisUpdate().toInstant().toString());
        line(out, "  ", "next update", crl.getNextUpdate() == null ? "none"
                : crl.getNextUpdate().toInstant() + (now.isAfter(crl.getNextUpdate().toInstant()) ? "  (EXPIRED)" : ""));
        line(out, "  ", "signature", crl.getSigAlgName());
        Set<? extends X509CRLEntry> revoked = crl.getRevokedCertificates();
        if (revoked == null || revoked.isEmpty()) {
            line(out, "  ", "revoked", "none");
            return;
        }
        line(out, "  ", "revoked", count(revoked.size(), "serial"));
        revoked.stream().sorted(Comparator.comparing(X509CRLEntry::getSerialNumber, BigInteger::compareTo))
                .forEach(entry -> out.append("    ").append(CertificateText.serial(entry.getSerialNumber()))
                        .append("  revoked ").append(entry.getRevocationDate().toInstant())
                        .append(entry.getRevocationReason() == null ? "" : "  reason " + entry.getRevocationReason())
                        .append('\n'));
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static void line(StringBuilder out, String indent, String label, String value) {
        String padded = String.format("%-" + LABEL_WIDTH + "s", label + ":");
        out.append(indent).append(padded).append(value).append('\n');
    }
}
