package io.sipshield.certs.format;

import io.sipshield.certs.IssuedCertificate;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The three files of an Asterisk PJSIP TLS transport: {@code cert_file} (the server certificate,
 * followed by any intermediates, leaf to root), {@code priv_key_file} (its private key) and
 * {@code ca_list_file} (the CAs trusted to verify peers).
 *
 * <pre>{@code
 * AsteriskTlsFiles files = AsteriskTlsFiles.in(keysDir);
 * files.write(catalog.get(FixtureName.PBX_SERVER), List.of(catalog.get(FixtureName.TEST_ROOT).certificate()));
 * String transport = files.pjsipOptions();   // cert_file = .../asterisk.crt ...
 * }</pre>
 *
 * @param certFile    {@code cert_file}
 * @param privKeyFile {@code priv_key_file}
 * @param caListFile  {@code ca_list_file}
 */
public record AsteriskTlsFiles(Path certFile, Path privKeyFile, Path caListFile) {

    /** The names the sipshield Asterisk fixtures use ({@code keys/asterisk.crt}, {@code asterisk.key}, {@code ca.pem}). */
    public static final String CERT_FILE_NAME = "asterisk.crt";
    public static final String PRIV_KEY_FILE_NAME = "asterisk.key";
    public static final String CA_LIST_FILE_NAME = "ca.pem";

    public AsteriskTlsFiles {
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(privKeyFile, "privKeyFile");
        Objects.requireNonNull(caListFile, "caListFile");
    }

    /** The three files under their usual names in {@code directory}. */
    public static AsteriskTlsFiles in(Path directory) {
        return new AsteriskTlsFiles(directory.resolve(CERT_FILE_NAME), directory.resolve(PRIV_KEY_FILE_NAME),
                directory.resolve(CA_LIST_FILE_NAME));
    }

    /**
     * Writes the server's certificate and intermediates (not the root, as a server sends them), its
     * PKCS#8 key, and the CA list.
     *
     * @throws IllegalArgumentException if the CA list is empty
     */
    public AsteriskTlsFiles write(IssuedCertificate server, List<X509Certificate> caList) throws IOException {
        if (caList.isEmpty()) {
            throw new IllegalArgumentException("ca_list_file needs at least one CA certificate");
        }
        PemFiles.write(certFile, PemFiles.certificates(server.chainWithoutRoot()));
        PemFiles.write(privKeyFile, PemFiles.privateKey(server.privateKey(), PrivateKeyEncoding.PKCS8));
        PemFiles.write(caListFile, PemFiles.certificates(caList));
        return this;
    }

    /** The lines of a pjsip.conf {@code type=transport} section that name these files. */
    public String pjsipOptions() {
        return "cert_file = " + certFile + "\n"
                + "priv_key_file = " + privKeyFile + "\n"
                + "ca_list_file = " + caListFile + "\n";
    }

    /** What the three files hold once read and checked. */
    public record Contents(CertificateAndKey server, List<X509Certificate> caList) {

        public Contents {
            Objects.requireNonNull(server, "server");
            caList = List.copyOf(caList);
        }
    }

    public Contents read() throws CertificateFileException {
        return read(null);
    }

    /**
     * Reads the three files and checks them as PJSIP would use them: {@code cert_file} holds only
     * certificates, leaf to root; {@code priv_key_file} holds the leaf's key; {@code ca_list_file}
     * holds at least one certificate. Each error names the file at fault.
     *
     * @param password for an encrypted {@code priv_key_file} (PJSIP's transport {@code password} option), or null
     */
    public Contents read(char[] password) throws CertificateFileException {
        CertificateFileContents certificates = CertificateFiles.read(certFile);
        LayoutCheck certificateCheck = new LayoutCheck(certificates, "cert_file");
        certificateCheck.requirePem();
        certificateCheck.requireOnlyCertificates(0);
        certificateCheck.requireCertificates();
        certificateCheck.requireLeafToRoot(ChainFile.ORDER_RULE);

        CertificateFileContents keyFile = CertificateFiles.read(privKeyFile, password);
        LayoutCheck keyCheck = new LayoutCheck(keyFile, "priv_key_file");
        PrivateKey key = keyFile.key().orElseThrow(() -> keyCheck.fail(null, "no private key found"));
        if (!keyFile.certificates().isEmpty() || !keyFile.crls().isEmpty()) {
            throw keyCheck.fail(null, "priv_key_file holds only the private key; found certificates or CRLs too");
        }
        X509Certificate leaf = certificates.certificates().get(0);
        if (!PrivateKeys.matches(key, leaf.getPublicKey())) {
            throw keyCheck.fail(keyCheck.keyBlock(), "the private key does not match the certificate in "
                    + certFile + ", " + leaf.getSubjectX500Principal().getName());
        }

        CertificateFileContents cas = CertificateFiles.read(caListFile);
        LayoutCheck caCheck = new LayoutCheck(cas, "ca_list_file");
        caCheck.requirePem();
        caCheck.requireOnlyCertificates(0);
        caCheck.requireCertificates();
        return new Contents(new CertificateAndKey(certificates.certificates(), key), cas.certificates());
    }
}
