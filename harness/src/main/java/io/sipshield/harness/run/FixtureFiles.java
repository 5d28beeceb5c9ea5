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
    private Path directory;

    FixtureFiles(FixtureCatalog catalog) {
        this.catalog = catalog;
    }

    /** The directory holding every fixture's files, written on the first call. */
    synchronized Path directory() throws IOException {
        if (directory == null) {
            Path dir = Files.createTempDirectory("sipshield-fixtures");
            for (FixtureName name : FixtureName.values()) {
                IssuedCertificate fixture = catalog.get(name);
                List<java.security.cert.X509Certificate> chain = fixture.chain();
                Files.writeString(dir.resolve(name.id() + ".crt"), Pem.certificates(fixture.chainWithoutRoot()));
                Files.writeString(dir.resolve(name.id() + ".key"), fixture.privateKeyPem());
                Files.writeString(dir.resolve(name.id() + "-root.crt"),
                        Pem.certificates(List.of(chain.get(chain.size() - 1))));
            }
            directory = dir;
        }
        return directory;
    }

    /** {@code text} with every {@code ${fixtures}} replaced by the directory (written when first needed). */
    String substitute(String text) throws IOException {
        return text.contains(PLACEHOLDER) ? text.replace(PLACEHOLDER, directory().toString()) : text;
    }

    @Override
    public synchronized void close() {
        if (directory == null) {
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
