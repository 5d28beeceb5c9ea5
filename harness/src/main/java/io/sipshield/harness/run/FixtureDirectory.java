package io.sipshield.harness.run;

import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A test PKI kept in a directory across runs ({@code sipshield run --fixtures-dir}, {@code sipshield
 * asterisk-config --fixtures-dir}): on first use the whole catalog is generated and written there as
 * {@link FixtureFiles#writeAll} names the files ({@code <id>.crt}, {@code <id>.key} owner-only,
 * {@code <id>-root.crt}) plus {@value #MADE} (the instant the certificates' dates are relative to);
 * afterwards the same certificates and keys are read back ({@link FixtureCatalog#restore}), so a phone that
 * stored a trust list in an earlier run (a Cisco ITL signed by a SAST key) sees the same signer again.
 *
 * <p>A directory with some files but not a whole PKI (a missing or unreadable file, a key that does not
 * belong to its certificate, no {@value #MADE}) is refused with a {@link FixtureDirectoryException} naming
 * the file and what was expected: the directory is never silently completed or overwritten.
 */
public final class FixtureDirectory {

    /** The file holding the instant the PKI was made (ISO-8601, one line). */
    public static final String MADE = "made-at.txt";

    private static final byte[] PROBE = "sipshield fixture key check".getBytes(StandardCharsets.US_ASCII);

    private final Path directory;

    public FixtureDirectory(Path directory) {
        this.directory = directory;
    }

    public Path path() {
        return directory;
    }

    /**
     * The catalog kept in the directory: read when the directory holds files, otherwise generated now, written
     * there and returned.
     *
     * @throws FixtureDirectoryException when the directory holds a broken or partial PKI, naming the file, or
     *                                   cannot be written
     */
    public FixtureCatalog loadOrCreate() throws FixtureDirectoryException {
        try {
            if (!Files.isDirectory(directory) || isEmpty(directory)) {
                return create();
            }
        } catch (IOException e) {
            throw new FixtureDirectoryException(directory + ": cannot read the directory: " + e.getMessage(), e);
        }
        return load();
    }

    /** Whether the directory already holds files (then {@link #loadOrCreate} reads rather than writes). */
    public boolean exists() throws IOException {
        return Files.isDirectory(directory) && !isEmpty(directory);
    }

    private FixtureCatalog create() throws FixtureDirectoryException {
        FixtureCatalog catalog = FixtureCatalog.create();
        try {
            save(catalog);
        } catch (IOException e) {
            throw new FixtureDirectoryException(directory + ": cannot write the test PKI: " + e.getMessage(), e);
        }
        return catalog;
    }

    /** Writes every fixture of {@code catalog} (generating what it has not made yet) and {@value #MADE}. */
    public void save(FixtureCatalog catalog) throws IOException {
        catalog.all();
        FixtureFiles.writeAll(catalog, directory);
        Files.writeString(directory.resolve(MADE), catalog.now() + "\n");
    }

    private FixtureCatalog load() throws FixtureDirectoryException {
        Instant made = made();
        Map<FixtureName, IssuedCertificate> certificates = new EnumMap<>(FixtureName.class);
        for (FixtureName name : FixtureName.values()) {
            certificates.put(name, fixture(name));
        }
        try {
            return FixtureCatalog.restore(made, Instant.now(), certificates, directory.toString());
        } catch (IllegalArgumentException e) {
            throw new FixtureDirectoryException(e.getMessage(), e);
        }
    }

    private Instant made() throws FixtureDirectoryException {
        Path file = directory.resolve(MADE);
        String text = read(file, "the instant the PKI was made, like 2026-01-31T12:00:00Z (the directory was not"
                + " written by sipshield, or by an older one: delete it to make a new PKI)").strip();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new FixtureDirectoryException(file + ": '" + text + "' is no instant; expected ISO-8601 like "
                    + "2026-01-31T12:00:00Z");
        }
    }

    /** One fixture from its three files: the chain without its root, the key, the root. */
    private IssuedCertificate fixture(FixtureName name) throws FixtureDirectoryException {
        Path crt = directory.resolve(name.id() + ".crt");
        Path key = directory.resolve(name.id() + ".key");
        Path root = directory.resolve(name.id() + "-root.crt");
        List<X509Certificate> chain = certificates(crt);
        X509Certificate top = certificates(root).get(0);
        PrivateKey privateKey;
        try {
            privateKey = Pem.readPrivateKey(read(key, "the fixture's private key (PKCS#8 PEM)"));
        } catch (IllegalArgumentException e) {
            throw new FixtureDirectoryException(key + ": " + e.getMessage() + "; expected the private key of "
                    + crt.getFileName() + " as PKCS#8 PEM");
        }
        X509Certificate certificate = chain.get(0);
        KeyPair pair = new KeyPair(certificate.getPublicKey(), privateKey);
        if (!belongs(pair)) {
            throw new FixtureDirectoryException(key + ": the key does not belong to the certificate of " + crt.getFileName()
                    + "; expected the key written with it (delete the directory to make a new PKI)");
        }
        List<X509Certificate> issuers = new ArrayList<>(chain.subList(1, chain.size()));
        if (!(chain.size() == 1 && top.equals(certificate))) {
            issuers.add(top); // chain.crt leaves the root out, as a server sends it; a self-signed one is its own root
        }
        return new IssuedCertificate(certificate, pair, issuers);
    }

    private List<X509Certificate> certificates(Path file) throws FixtureDirectoryException {
        try {
            return Pem.readCertificates(read(file, "PEM certificates"));
        } catch (IllegalArgumentException e) {
            throw new FixtureDirectoryException(file + ": " + e.getMessage() + "; expected PEM certificates as "
                    + "sipshield wrote them");
        }
    }

    private String read(Path file, String expected) throws FixtureDirectoryException {
        if (!Files.isRegularFile(file)) {
            throw new FixtureDirectoryException(file + ": missing; expected " + expected + " (" + directory
                    + " holds a partial PKI: delete it to make a new one)");
        }
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new FixtureDirectoryException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Whether the private key signs what the certificate's public key verifies. */
    private static boolean belongs(KeyPair pair) {
        try {
            String algorithm = switch (pair.getPublic().getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC" -> "SHA256withECDSA";
                case "DSA" -> "SHA256withDSA";
                default -> pair.getPublic().getAlgorithm(); // Ed25519, Ed448 sign as themselves
            };
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(pair.getPrivate());
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(pair.getPublic());
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }
}
