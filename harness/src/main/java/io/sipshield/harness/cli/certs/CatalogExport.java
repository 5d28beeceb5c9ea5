package io.sipshield.harness.cli.certs;

import io.sipshield.certs.CertificateSpec;
import io.sipshield.certs.CrlName;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.IssuedCrl;
import io.sipshield.certs.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a whole {@link FixtureCatalog} to a directory: per certificate a directory
 * {@code <id>/} with {@code certificate.pem}, {@code private-key.pem} (PKCS#8, owner-only where
 * the file system allows), {@code chain.pem} (leaf to root) and {@code presented-chain.pem} (no
 * root); the CRLs in {@code crl/} as DER {@code <id>.crl} and PEM {@code <id>.crl.pem}. Returns the
 * index of what it wrote. Nothing is written outside the directory.
 */
final class CatalogExport {

    static final String CRL_DIRECTORY = "crl";

    private final FixtureCatalog catalog;

    CatalogExport(FixtureCatalog catalog) {
        this.catalog = catalog;
    }

    /** Writes every fixture and CRL under {@code directory}, creating it if needed. */
    CatalogIndex writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<CatalogIndex.FixtureEntry> fixtures = new ArrayList<>();
        for (Map.Entry<FixtureName, IssuedCertificate> fixture : catalog.all().entrySet()) {
            fixtures.add(writeFixture(directory, fixture.getKey(), fixture.getValue()));
        }
        List<CatalogIndex.CrlEntry> crls = new ArrayList<>();
        Path crlDirectory = Files.createDirectories(directory.resolve(CRL_DIRECTORY));
        for (Map.Entry<CrlName, IssuedCrl> crl : catalog.allCrls().entrySet()) {
            crls.add(writeCrl(crlDirectory, crl.getKey(), crl.getValue()));
        }
        return new CatalogIndex(catalog.now().toString(),
                new CatalogIndex.NameConstraintsEntry(CertificateSpec.TEST_PERMITTED_DNS, CertificateSpec.TEST_PERMITTED_IP),
                fixtures, crls);
    }

    private static CatalogIndex.FixtureEntry writeFixture(Path directory, FixtureName name, IssuedCertificate issued)
            throws IOException {
        Path folder = Files.createDirectories(directory.resolve(name.id()));
        CatalogIndex.FixtureFiles files = new CatalogIndex.FixtureFiles(
                name.id() + "/certificate.pem", name.id() + "/private-key.pem",
                name.id() + "/chain.pem", name.id() + "/presented-chain.pem");
        Files.writeString(folder.resolve("certificate.pem"), issued.certificatePem(), StandardCharsets.US_ASCII);
        writePrivate(folder.resolve("private-key.pem"), issued.privateKeyPem());
        Files.writeString(folder.resolve("chain.pem"), Pem.certificates(issued.chain()), StandardCharsets.US_ASCII);
        Files.writeString(folder.resolve("presented-chain.pem"), Pem.certificates(issued.chainWithoutRoot()),
                StandardCharsets.US_ASCII);
        X509Certificate certificate = issued.certificate();
        return new CatalogIndex.FixtureEntry(name.id(), name.kind().name().toLowerCase(Locale.ROOT),
                name.description(), name.defect().orElse(null),
                certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
                hex(certificate.getSerialNumber()), certificate.getNotBefore().toInstant().toString(),
                certificate.getNotAfter().toInstant().toString(), describe(certificate.getPublicKey()),
                certificate.getSigAlgName(), fingerprint(certificate), files);
    }

    private static CatalogIndex.CrlEntry writeCrl(Path crlDirectory, CrlName name, IssuedCrl issued) throws IOException {
        Files.write(crlDirectory.resolve(name.fileName()), issued.der());
        Files.writeString(crlDirectory.resolve(name.fileName() + ".pem"), issued.pem(), StandardCharsets.US_ASCII);
        X509CRL crl = issued.crl();
        Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
        List<String> revoked = entries == null ? List.of()
                : entries.stream().map(entry -> hex(entry.getSerialNumber())).sorted().toList();
        return new CatalogIndex.CrlEntry(name.id(), name.issuer().id(), name.description(),
                crl.getThisUpdate().toInstant().toString(), crl.getNextUpdate().toInstant().toString(), revoked,
                name.distributionPoint(),
                new CatalogIndex.CrlFiles(CRL_DIRECTORY + "/" + name.fileName(), CRL_DIRECTORY + "/" + name.fileName() + ".pem"));
    }

    /** Writes a private key, readable by the owner only on POSIX file systems. */
    private static void writePrivate(Path file, String pem) throws IOException {
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    static String hex(BigInteger serial) {
        return serial.toString(16);
    }

    private static String describe(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return "EC P-" + ec.getParams().getCurve().getField().getFieldSize();
        }
        return key.getAlgorithm();
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal().getName(), e);
        }
    }
}
