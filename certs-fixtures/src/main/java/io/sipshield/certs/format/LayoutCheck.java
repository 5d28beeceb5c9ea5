package io.sipshield.certs.format;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** The checks the layout readers share, with errors naming the PEM block at fault. */
final class LayoutCheck {

    private static final Set<String> CERTIFICATE_TYPES = Set.of("CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE");
    private static final Set<String> KEY_TYPES = Set.of("PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
            TraditionalKeys.RSA_TYPE, TraditionalKeys.EC_TYPE);

    private final CertificateFileContents contents;
    private final String layout;

    /** @param layout what the file is meant to be, for messages: "a chain file", "MX-ONE's eri_sn_cert.pem" */
    LayoutCheck(CertificateFileContents contents, String layout) {
        this.contents = contents;
        this.layout = layout;
    }

    static boolean isCertificateType(String pemType) {
        return CERTIFICATE_TYPES.contains(pemType);
    }

    static boolean isKeyType(String pemType) {
        return KEY_TYPES.contains(pemType);
    }

    static String describe(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + " (issued by "
                + certificate.getIssuerX500Principal().getName() + ")";
    }

    CertificateFileException fail(String block, String problem) {
        return new CertificateFileException(contents.source(), block, problem);
    }

    void requirePem() throws CertificateFileException {
        if (contents.format() != CertificateFileFormat.PEM) {
            throw fail(null, layout + " is PEM text; this file is a " + contents.format().description());
        }
    }

    /** Every block is a certificate: the first other block is named. */
    void requireOnlyCertificates(int fromBlock) throws CertificateFileException {
        List<String> types = contents.pemBlockTypes();
        for (int i = fromBlock; i < types.size(); i++) {
            if (!isCertificateType(types.get(i))) {
                throw fail(pemBlock(i), layout + " holds only certificates here; found a " + types.get(i) + " block");
            }
        }
    }

    void requireCertificates() throws CertificateFileException {
        if (contents.certificates().isEmpty()) {
            throw fail(null, "no certificate found; " + layout + " needs at least one");
        }
    }

    /** "PEM block 3 (CERTIFICATE)" for the certificate at {@code index} (0-based among certificates). */
    String certificateBlock(int index) {
        List<String> types = contents.pemBlockTypes();
        int seen = -1;
        for (int i = 0; i < types.size(); i++) {
            if (isCertificateType(types.get(i)) && ++seen == index) {
                return pemBlock(i);
            }
        }
        return "certificate " + (index + 1);
    }

    /** "PEM block 1 (PRIVATE KEY)" for the key block, or "private key" outside PEM. */
    String keyBlock() {
        List<String> types = contents.pemBlockTypes();
        for (int i = 0; i < types.size(); i++) {
            if (isKeyType(types.get(i))) {
                return pemBlock(i);
            }
        }
        return "private key";
    }

    String pemBlock(int zeroBasedIndex) {
        return "PEM block " + (zeroBasedIndex + 1) + " (" + contents.pemBlockTypes().get(zeroBasedIndex) + ")";
    }

    /**
     * Each certificate must be issued by the next. A chain that is valid read backwards is reported as
     * root-to-leaf.
     */
    void requireLeafToRoot(String orderRule) throws CertificateFileException {
        List<X509Certificate> chain = contents.certificates();
        List<X509Certificate> reversed = new ArrayList<>(chain);
        Collections.reverse(reversed);
        if (chain.size() > 1 && !ChainOrder.isLeafToRoot(chain) && ChainOrder.isLeafToRoot(reversed)) {
            throw fail(certificateBlock(0), "the certificates are in root-to-leaf order; " + orderRule);
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate subject = chain.get(i);
            X509Certificate next = chain.get(i + 1);
            if (!ChainOrder.issued(next, subject)) {
                String why = next.getSubjectX500Principal().equals(subject.getIssuerX500Principal())
                        ? "has the issuer's name but its key does not verify the signature of " + certificateBlock(i)
                        : "did not issue " + certificateBlock(i) + ", " + describe(subject);
                throw fail(certificateBlock(i + 1), next.getSubjectX500Principal().getName() + " " + why + "; " + orderRule);
            }
        }
    }
}
