package io.sipshield.harness.run;

import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A phone's vendor configuration (a Digium XML, a DPMA .conf, an Algo device tree, a Cisco
 * SEP&lt;MAC&gt;.cnf.xml) made ready for one run: the test PKI is generated at run time, so a committed
 * file cannot hold its certificates. The file or tree is copied into a temporary directory where
 * <ul>
 *   <li>{@code ${fixtures}} in any text file becomes the run's fixture directory ({@link FixtureFiles}:
 *       {@code <id>.crt}, {@code <id>.key}, {@code <id>-root.crt});</li>
 *   <li>a file {@code NAME.fixture} holding a fixture id becomes {@code NAME}: that fixture's certificate
 *       chain without the root in PEM (a root fixture: the root itself), followed by its private key when NAME
 *       is {@code sipclient.pem} (Algo's client certificate file holds both).</li>
 * </ul>
 * Everything else is copied as it is.
 */
final class VendorConfigFiles implements AutoCloseable {

    /** The suffix of a file that stands for a fixture's PEM. */
    static final String FIXTURE_SUFFIX = ".fixture";
    /** Algo's client certificate file: certificate and key in one PEM (DEVICES.md §C). */
    private static final String CERTIFICATE_AND_KEY = "sipclient.pem";

    private final FixtureCatalog catalog;
    private final FixtureFiles fixtureFiles;
    private Path directory;

    VendorConfigFiles(FixtureCatalog catalog, FixtureFiles fixtureFiles) {
        this.catalog = catalog;
        this.fixtureFiles = fixtureFiles;
    }

    /**
     * The materialised copy of {@code source}: a directory (an Algo tree) is copied whole; a file is copied
     * with the directory it lies in, since it names its neighbours (a Digium XML's {@code <cert file>}).
     */
    synchronized Path materialise(Path source) throws IOException {
        if (directory == null) {
            directory = Files.createTempDirectory("sipshield-phone-config");
        }
        Path absolute = source.toAbsolutePath().normalize();
        Path tree = Files.isDirectory(absolute) ? absolute : absolute.getParent();
        Path copy = directory.resolve(Integer.toString(tree.hashCode() & 0x7fffffff)).resolve(tree.getFileName().toString());
        if (!Files.exists(copy)) {
            try (Stream<Path> walk = Files.walk(tree)) {
                for (Path file : walk.sorted().toList()) {
                    copy(file, copy.resolve(tree.relativize(file).toString()));
                }
            }
        }
        return absolute.equals(tree) ? copy : copy.resolve(absolute.getFileName().toString());
    }

    private void copy(Path from, Path to) throws IOException {
        if (Files.isDirectory(from)) {
            Files.createDirectories(to);
            return;
        }
        Files.createDirectories(to.getParent());
        String name = to.getFileName().toString();
        if (name.endsWith(FIXTURE_SUFFIX)) {
            String id = Files.readString(from, StandardCharsets.UTF_8).strip();
            FixtureName fixture = FixtureName.byId(id).orElseThrow(() -> new IllegalArgumentException(
                    from + ": unknown certificate fixture '" + id + "'; expected one of: " + FixtureName.allIds()));
            String target = name.substring(0, name.length() - FIXTURE_SUFFIX.length());
            IssuedCertificate certificate = catalog.get(fixture);
            List<java.security.cert.X509Certificate> chain = certificate.chainWithoutRoot().isEmpty()
                    ? certificate.chain() : certificate.chainWithoutRoot();
            String pem = Pem.certificates(chain)
                    + (target.equals(CERTIFICATE_AND_KEY) ? certificate.privateKeyPem() : "");
            Files.writeString(to.resolveSibling(target), pem, StandardCharsets.US_ASCII);
            return;
        }
        try {
            String text = Files.readString(from, StandardCharsets.UTF_8);
            Files.writeString(to, fixtureFiles.substitute(text), StandardCharsets.UTF_8);
        } catch (MalformedInputException binary) {
            Files.copy(from, to);
        }
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
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is no reason to fail a run
        }
        directory = null;
    }
}
