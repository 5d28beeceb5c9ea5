package io.sipshield.certs.format;

import io.sipshield.certs.IssuedCertificate;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A PEM chain file: certificates only, leaf first, each followed by its issuer, the root last or
 * left out (as a server sends its chain). What {@code ca_list_file}-style "bundle" files and
 * {@code SSL_CTX_use_certificate_chain_file} expect.
 */
public final class ChainFile {

    static final String ORDER_RULE = "a chain file goes leaf to root, each certificate followed by its issuer";

    private ChainFile() {
    }

    /** The certificate and its issuers, leaf to root. */
    public static String encode(IssuedCertificate certificate) {
        return PemFiles.certificates(certificate.chain());
    }

    /** @throws IllegalArgumentException if a certificate is not issued by the one after it */
    public static String encode(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a chain file needs at least one certificate");
        }
        if (!ChainOrder.isLeafToRoot(chain)) {
            throw new IllegalArgumentException("not in leaf-to-root order; " + ORDER_RULE);
        }
        return PemFiles.certificates(chain);
    }

    public static void write(Path file, IssuedCertificate certificate) throws IOException {
        PemFiles.write(file, encode(certificate));
    }

    public static void write(Path file, List<X509Certificate> chain) throws IOException {
        PemFiles.write(file, encode(chain));
    }

    /** Reads and checks a chain file: PEM, certificates only, leaf to root. */
    public static List<X509Certificate> read(Path file) throws CertificateFileException {
        CertificateFileContents contents = CertificateFiles.read(file);
        LayoutCheck check = new LayoutCheck(contents, "a chain file");
        check.requirePem();
        check.requireOnlyCertificates(0);
        check.requireCertificates();
        check.requireLeafToRoot(ORDER_RULE);
        return contents.certificates();
    }
}
