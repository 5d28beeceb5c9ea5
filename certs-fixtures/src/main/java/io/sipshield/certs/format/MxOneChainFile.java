package io.sipshield.certs.format;

import io.sipshield.certs.IssuedCertificate;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

/**
 * MX-ONE's {@code /etc/opt/eri_sn/certs/eri_sn_cert.pem}, "PEM with certificate chain", in the
 * exact order MX-ONE's certificate management documents (seed 004): the server's private key,
 * the signed server certificate, the intermediate CAs with the secondary (the one that signed the
 * server certificate) before the primary, then the root CA.
 */
public final class MxOneChainFile {

    /** The file name MX-ONE's TLS programs read. */
    public static final String FILE_NAME = "eri_sn_cert.pem";

    static final String ORDER_RULE = "eri_sn_cert.pem goes private key, server certificate, intermediates "
            + "secondary before primary, root CA";
    private static final String LAYOUT = "MX-ONE's eri_sn_cert.pem";

    private MxOneChainFile() {
    }

    /** The certificate's key (PKCS#8) and its whole chain, leaf to root. */
    public static String encode(IssuedCertificate certificate) {
        return encode(certificate.privateKey(), certificate.chain());
    }

    /**
     * As MX-ONE's "Import Signed Certificate" builds the file: the certificates may come in any order
     * (a .p7b bundle, a CA file); the server certificate is the key's and the rest are ordered by issuer.
     *
     * @throws IllegalArgumentException if no certificate is the key's, or one is not in its chain
     */
    public static String encode(PrivateKey key, Collection<X509Certificate> certificates) {
        X509Certificate server = certificates.stream()
                .filter(certificate -> PrivateKeys.matches(key, certificate.getPublicKey()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no certificate belongs to the private key"));
        List<X509Certificate> chain = ChainOrder.leafToRoot(server, certificates);
        return PemFiles.privateKey(key, PrivateKeyEncoding.PKCS8) + PemFiles.certificates(chain);
    }

    public static void write(Path file, IssuedCertificate certificate) throws IOException {
        PemFiles.write(file, encode(certificate));
    }

    public static CertificateAndKey read(Path file) throws CertificateFileException {
        return read(file, null);
    }

    /** Reads the file and checks MX-ONE's order, naming the first block out of place. */
    public static CertificateAndKey read(Path file, char[] password) throws CertificateFileException {
        CertificateFileContents contents = CertificateFiles.read(file, password);
        LayoutCheck check = new LayoutCheck(contents, LAYOUT);
        check.requirePem();
        List<String> types = contents.pemBlockTypes();
        if (!LayoutCheck.isKeyType(types.get(0))) {
            throw check.fail(check.pemBlock(0), "the file must start with the server's private key; " + ORDER_RULE);
        }
        check.requireOnlyCertificates(1);
        if (contents.certificates().isEmpty()) {
            throw check.fail(null, "no certificate found: the server certificate must follow the private key");
        }
        PrivateKey key = contents.privateKey().orElseThrow().key();
        X509Certificate server = contents.certificates().get(0);
        if (!PrivateKeys.matches(key, server.getPublicKey())) {
            throw check.fail(check.certificateBlock(0), "the private key in " + check.pemBlock(0)
                    + " does not match this server certificate, " + server.getSubjectX500Principal().getName());
        }
        check.requireLeafToRoot(ORDER_RULE);
        List<X509Certificate> chain = contents.certificates();
        X509Certificate last = chain.get(chain.size() - 1);
        if (!ChainOrder.selfSigned(last)) {
            throw check.fail(check.certificateBlock(chain.size() - 1), "the chain ends with "
                    + LayoutCheck.describe(last) + ", not with the self-signed root CA; " + ORDER_RULE);
        }
        return new CertificateAndKey(chain, key);
    }
}
