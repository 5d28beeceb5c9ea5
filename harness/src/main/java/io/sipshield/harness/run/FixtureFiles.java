package io.sipshield.harness.run;

import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every fixture of a run as files, for Asterisk configuration that names them through
 * {@code ${fixtures}}: {@code <id>.crt} the certificate chain without its root (as a server sends it),
 * {@code <id>.key} the private key (PKCS#8 PEM), {@code <id>-root.crt} the chain's root. Written once, on
 * first use, into a temporary directory that {@link #close()} deletes. The keys are test keys: they
 * are written to files, never logged.
 */
final class FixtureFiles implements AutoCloseable {

    /** The placeholder scenario configuration uses for the directory. */
    static final String PLACEHOLDER = "${fixtures}";

    private final FixtureCatalog catalog;
    private final boolean owned;
    private Path directory;

    FixtureFiles(FixtureCatalog catalog) {
        this.catalog = catalog;
        this.owned = true;
    }

    /** The files already in {@code kept} (a {@link FixtureDirectory}): used as they are, never deleted. */
    FixtureFiles(FixtureCatalog catalog, Path kept) {
        this.catalog = catalog;
        this.owned = false;
        this.directory = kept;
    }

    /** The directory holding every fixture's files, written on the first call. */
    synchronized Path directory() throws IOException {
        if (directory == null) {
            directory = writeAll(catalog, Files.createTempDirectory("sipshield-fixtures"));
        }
        return directory;
    }

    /**
     * Writes every fixture of {@code catalog} into {@code dir} as {@code ${fixtures}} names them; keys are
     * owner-only (0600) where the file system has POSIX permissions.
     *
     * @return {@code dir}
     */
    static Path writeAll(FixtureCatalog catalog, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (FixtureName name : FixtureName.values()) {
            IssuedCertificate fixture = catalog.get(name);
            List<java.security.cert.X509Certificate> chain = fixture.chain();
            Files.writeString(dir.resolve(name.id() + ".crt"), Pem.certificates(fixture.chainWithoutRoot()));
            writePrivate(dir.resolve(name.id() + ".key"), fixture.privateKeyPem());
            Files.writeString(dir.resolve(name.id() + "-root.crt"),
                    Pem.certificates(List.of(chain.get(chain.size() - 1))));
        }
        return dir;
    }

    /**
     * The content of one file of {@link #writeAll} without writing the others: {@code <id>.crt},
     * {@code <id>.key} or {@code <id>-root.crt}; when two fixtures' names give the same file name, the one
     * {@link #writeAll} writes last. Empty for a name that is no fixture file.
     */
    static java.util.Optional<String> content(FixtureCatalog catalog, String fileName) {
        FixtureName[] names = FixtureName.values();
        for (int i = names.length - 1; i >= 0; i--) {
            String id = names[i].id();
            if (fileName.equals(id + "-root.crt")) {
                List<java.security.cert.X509Certificate> chain = catalog.get(names[i]).chain();
                return java.util.Optional.of(Pem.certificates(List.of(chain.get(chain.size() - 1))));
            } else if (fileName.equals(id + ".key")) {
                return java.util.Optional.of(catalog.get(names[i]).privateKeyPem());
            } else if (fileName.equals(id + ".crt")) {
                return java.util.Optional.of(Pem.certificates(catalog.get(names[i]).chainWithoutRoot()));
            }
        }
        return java.util.Optional.empty();
    }

    /** A private key file, created owner-only (0600) where POSIX permissions exist, never world-readable first. */
    static void writePrivate(Path file, String pem) throws IOException {
        Files.deleteIfExists(file);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, pem);
    }

    /** {@code text} with every {@code ${fixtures}} replaced by the directory (written when first needed). */
    String substitute(String text) throws IOException {
        return text.contains(PLACEHOLDER) ? text.replace(PLACEHOLDER, directory().toString()) : text;
    }

    @Override
    public synchronized void close() {
        if (directory == null || !owned) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
        directory = null;
    }
}
