package io.sipshield.harness.run;

import io.sipshield.certs.FixtureCatalog;
import io.sipshield.harness.mock.ServerPersonality;
import io.sipshield.harness.mock.config.AsteriskConfig;
import io.sipshield.harness.mock.config.Bind;
import io.sipshield.harness.mock.config.ConfigFileException;
import io.sipshield.harness.mock.config.ConfigLine;
import io.sipshield.harness.mock.config.ConfigSection;
import io.sipshield.harness.mock.config.ConfigWarning;
import io.sipshield.harness.mock.config.MockAsteriskConfiguration;
import io.sipshield.harness.scenario.MockServer;
import io.sipshield.harness.scenario.Scenario;
import io.sipshield.harness.scenario.TargetServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes what a real Asterisk needs to play a scenario's server ({@code sipshield asterisk-config}):
 * {@code pjsip.conf} and {@code extensions.conf}, exactly the {@link AsteriskServerConfig} text the mock
 * runs, with {@code ${fixtures}} pointing at the {@code keys/} it writes beside them (or at
 * {@link Builder#asteriskDirectory} where they will live on the Asterisk host), the TLS transport's
 * {@code bind} set to {@link Builder#bind} (the mock ignores {@code bind}; a real Asterisk listens
 * there), the certificate and key files named (keys owner-only, 0600) and the CA roots of those
 * fixtures for the phones to trust, and a {@code README.txt} saying what to copy where and how to run
 * the scenario against it. Before anything is written the text is loaded by the mock's own reader
 * ({@link MockAsteriskConfiguration}): what the mock refuses is not written, what it warns about is
 * listed in the README.
 *
 * <p>The fixture files come from the run's catalog ({@link FixtureFiles}, the same names and bytes the
 * runner uses) or from {@link Builder#fixturesDirectory}: a directory filled with the whole catalog on
 * first use and reused afterwards, so that configurations generated for several scenarios share one CA.
 */
public final class AsteriskConfigExport implements AutoCloseable {

    /** The directory under the output that holds certificates and keys. */
    public static final String KEYS = "keys";
    /** The default {@code bind} of the written transport: every address, SIP over TLS's port. */
    public static final String DEFAULT_BIND = "0.0.0.0:5061";

    private static final Pattern FIXTURE_FILE = Pattern.compile(Pattern.quote(FixtureFiles.PLACEHOLDER) + "/([^\\s;,]+)");

    /**
     * What was written.
     *
     * @param directory      the output directory
     * @param pjsipConf      its pjsip.conf
     * @param extensionsConf its extensions.conf
     * @param keyFiles       the certificate and key files under {@code keys/}, in the order first named
     * @param trustFiles     of those, the CA roots a phone must trust
     * @param port           the TLS port the written transport listens on
     * @param warnings       what the mock's reader warns about the configuration, one line each
     */
    public record Exported(Path directory, Path pjsipConf, Path extensionsConf, List<Path> keyFiles, List<Path> trustFiles,
                           int port, List<String> warnings) {
        public Exported {
            keyFiles = List.copyOf(keyFiles);
            trustFiles = List.copyOf(trustFiles);
            warnings = List.copyOf(warnings);
        }
    }

    private FixtureCatalog catalog;
    private final Path fixturesDirectory;
    private final String asteriskDirectory;
    private final Bind bind;
    private final String bindText;
    private Path temporaryFixtures;

    private AsteriskConfigExport(Builder builder) {
        this.catalog = builder.catalog;
        this.fixturesDirectory = builder.fixturesDirectory;
        this.asteriskDirectory = builder.asteriskDirectory;
        this.bind = builder.bind;
        this.bindText = builder.bindText;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the configuration of {@code scenario}'s server into {@code out} (created if needed; files of
     * the same names replaced).
     *
     * @throws AsteriskConfigException when there is nothing to write for this scenario, or the mock's reader
     *                                 refuses the configuration; nothing is written then
     */
    public Exported write(Scenario scenario, Path out) throws IOException, AsteriskConfigException {
        AsteriskServerConfig config = configOf(scenario);
        Path keys = out.toAbsolutePath().resolve(KEYS);
        String prefix = asteriskDirectory != null ? asteriskDirectory : keys.toString();
        List<String> names = fixtureFileNames(config);
        List<String> needed = new ArrayList<>(names);
        roots(names).stream().filter(root -> !needed.contains(root)).forEach(needed::add);
        Path source = fixtures(scenario, config, needed);
        List<String> warnings = check(scenario, config, source);

        Files.createDirectories(keys);
        List<Path> keyFiles = new ArrayList<>();
        for (String name : names) {
            Path target = keys.resolve(name);
            if (name.endsWith(".key")) {
                FixtureFiles.writePrivate(target, Files.readString(source.resolve(name)));
            } else {
                Files.copy(source.resolve(name), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            keyFiles.add(target);
        }
        List<Path> trustFiles = new ArrayList<>();
        for (String root : roots(names)) {
            Path target = keys.resolve(root);
            if (!keyFiles.contains(target)) {
                Files.copy(source.resolve(root), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                keyFiles.add(target);
            }
            trustFiles.add(target);
        }

        Path pjsip = out.resolve("pjsip.conf");
        Files.writeString(pjsip, config.pjsipConf().replace(FixtureFiles.PLACEHOLDER, prefix));
        rebind(pjsip);
        Files.writeString(pjsip, header(scenario, config, "pjsip.conf", prefix) + Files.readString(pjsip));
        Path extensions = out.resolve("extensions.conf");
        Files.writeString(extensions, header(scenario, config, "extensions.conf", prefix)
                + config.extensionsConf().replace(FixtureFiles.PLACEHOLDER, prefix));
        Exported exported = new Exported(out, pjsip, extensions, keyFiles, trustFiles, bind.portOr(
                io.sipshield.harness.mock.config.TransportProtocol.TLS), warnings);
        Files.writeString(out.resolve("README.txt"), new AsteriskConfigReadme(scenario, exported, prefix).text());
        return exported;
    }

    /** The text to write, or why there is none. */
    private static AsteriskServerConfig configOf(Scenario scenario) throws IOException, AsteriskConfigException {
        String id = scenario.id();
        if (scenario.setup().server() instanceof TargetServer target) {
            throw new AsteriskConfigException(id + ": the server is target: " + target
                    + ", a real server, not the mock: there is no server configuration to generate");
        }
        MockServer mock = (MockServer) scenario.setup().server();
        if (mock.personality() != ServerPersonality.ASTERISK) {
            throw new AsteriskConfigException(id + ": the mock plays " + mock.personality().keyword()
                    + " (personality: " + mock.personality().keyword() + "), which is not configured by pjsip.conf and "
                    + "extensions.conf: there is no Asterisk configuration to generate");
        }
        AsteriskServerConfig config;
        try {
            config = AsteriskServerConfig.of(scenario, mock);
        } catch (IllegalArgumentException e) {
            throw new AsteriskConfigException(id + ": " + e.getMessage());
        }
        if (config.overridden()) {
            throw new AsteriskConfigException(id + ": setup.server.mock has pjsip.conf/extensions.conf and also "
                    + "certificate, endpoints or extensions keys, which the runner applies on top of the files; "
                    + "write them into the pjsip.conf/extensions.conf so that one configuration says it all");
        }
        return config;
    }

    /** Loads the text as the runner does, from the local fixture files, and returns the mock's warnings. */
    private static List<String> check(Scenario scenario, AsteriskServerConfig config, Path fixtures)
            throws IOException, AsteriskConfigException {
        Path dir = Files.createTempDirectory("sipshield-asterisk-check");
        try {
            Files.writeString(dir.resolve("pjsip.conf"), config.pjsipConf().replace(FixtureFiles.PLACEHOLDER, fixtures.toString()));
            Files.writeString(dir.resolve("extensions.conf"),
                    config.extensionsConf().replace(FixtureFiles.PLACEHOLDER, fixtures.toString()));
            MockAsteriskConfiguration.Loaded loaded = MockAsteriskConfiguration.load(dir);
            List<String> warnings = new ArrayList<>();
            for (ConfigWarning warning : loaded.warnings()) {
                warnings.add(warning.toString().replace(dir.toString(), config.origin()));
            }
            return warnings;
        } catch (ConfigFileException e) {
            throw new AsteriskConfigException(scenario.id() + ": server configuration " + config.origin() + ": "
                    + e.getMessage().replace(dir.toString(), config.origin()).replace(fixtures.toString(),
                    FixtureFiles.PLACEHOLDER));
        } finally {
            delete(dir);
        }
    }

    /** Every {@code ${fixtures}/NAME} of the text, each once, with the roots phones trust after them. */
    private static List<String> fixtureFileNames(AsteriskServerConfig config) {
        Set<String> names = new LinkedHashSet<>();
        for (String text : List.of(config.pjsipConf(), config.extensionsConf())) {
            Matcher m = FIXTURE_FILE.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return List.copyOf(names);
    }

    /** The {@code <id>-root.crt} of every fixture whose chain or key is named: the CAs phones must trust. */
    private static List<String> roots(List<String> names) {
        Set<String> roots = new LinkedHashSet<>();
        for (String name : names) {
            if (name.endsWith("-root.crt")) {
                continue;
            }
            String id = name.replaceFirst("\\.(crt|key)$", "");
            if (!id.equals(name) && name.endsWith(".crt")) {
                roots.add(id + "-root.crt");
            }
        }
        return List.copyOf(roots);
    }

    /**
     * Sets the TLS transport's {@code bind} in the file: replaces its {@code bind} line, or adds one after
     * the section header. A transport in an included file, or a template's bind, is left alone.
     */
    private void rebind(Path pjsip) throws IOException {
        List<ConfigSection> sections;
        try {
            sections = AsteriskConfig.read(pjsip).objects();
        } catch (ConfigFileException e) {
            return; // check() read the same text; nothing can fail here that did not fail there
        }
        for (ConfigSection section : sections) {
            ConfigLine type = section.last("type");
            ConfigLine protocol = section.last("protocol");
            if (type == null || !type.value().equalsIgnoreCase("transport") || protocol == null
                    || !protocol.value().toLowerCase(Locale.ROOT).equals("tls")) {
                continue;
            }
            List<String> lines = new ArrayList<>(Files.readAllLines(pjsip));
            ConfigLine bindLine = section.last("bind");
            if (bindLine != null && samePath(bindLine.file(), pjsip)) {
                lines.set(bindLine.line() - 1, "bind = " + bindText + " ; set by sipshield asterisk-config --bind "
                        + "(the mock itself always listens on 127.0.0.1 and a free port)");
            } else if (bindLine == null && samePath(section.file(), pjsip)) {
                lines.add(section.line(), "bind = " + bindText + " ; set by sipshield asterisk-config --bind");
            }
            Files.write(pjsip, lines);
            return;
        }
    }

    private static boolean samePath(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static String header(Scenario scenario, AsteriskServerConfig config, String file, String prefix) {
        StringBuilder b = new StringBuilder();
        b.append("; ").append(file).append(" for a real Asterisk, written by sipshield asterisk-config for ")
                .append(scenario.id()).append('\n')
                .append("; from ").append(config.origin()).append(": the configuration the mock runs for this scenario,\n")
                .append("; with ").append(FixtureFiles.PLACEHOLDER).append(" = ").append(prefix).append('\n');
        if (file.equals("pjsip.conf") && !config.pjsipConf().contains(AsteriskConfigRenderer.METHOD_FACTS)) {
            b.append(AsteriskConfigRenderer.METHOD_FACTS);
        }
        return b.append('\n').toString();
    }

    /**
     * The directory the named fixture files are copied from, holding at least {@code names}: the
     * {@link Builder#fixturesDirectory} (the whole catalog written on first use), or a temporary directory
     * holding just those files of the catalog (generating every fixture would take seconds).
     *
     * @throws AsteriskConfigException naming the first name that is no fixture file
     */
    private synchronized Path fixtures(Scenario scenario, AsteriskServerConfig config, List<String> names)
            throws IOException, AsteriskConfigException {
        Path dir;
        if (fixturesDirectory != null) {
            if (!Files.isDirectory(fixturesDirectory) || isEmpty(fixturesDirectory)) {
                new FixtureDirectory(fixturesDirectory).save(catalog()); // sipshield run --fixtures-dir reads it back
            }
            dir = fixturesDirectory;
        } else {
            if (temporaryFixtures == null) {
                temporaryFixtures = Files.createTempDirectory("sipshield-fixtures");
            }
            dir = temporaryFixtures;
        }
        for (String name : names) {
            Path file = dir.resolve(name);
            if (name.contains("/") || name.contains("\\")) {
                throw notAFixture(scenario, config, name);
            }
            if (!Files.isRegularFile(file)) {
                java.util.Optional<String> content = fixturesDirectory != null ? java.util.Optional.empty()
                        : FixtureFiles.content(catalog(), name);
                if (content.isEmpty()) {
                    throw notAFixture(scenario, config, name);
                }
                if (name.endsWith(".key")) {
                    FixtureFiles.writePrivate(file, content.get());
                } else {
                    Files.writeString(file, content.get());
                }
            }
        }
        return dir;
    }

    private synchronized FixtureCatalog catalog() {
        if (catalog == null) {
            catalog = FixtureCatalog.create();
        }
        return catalog;
    }

    private static AsteriskConfigException notAFixture(Scenario scenario, AsteriskServerConfig config, String name) {
        return new AsteriskConfigException(scenario.id() + ": server configuration " + config.origin()
                + " names " + FixtureFiles.PLACEHOLDER + "/" + name + ", which is no fixture file; expected "
                + "<id>.crt, <id>.key or <id>-root.crt with a fixture id (sipshield certs show)");
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }

    /** Deletes the temporary copy of the fixtures, if one was made. */
    @Override
    public synchronized void close() {
        if (temporaryFixtures != null) {
            try {
                delete(temporaryFixtures);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + temporaryFixtures, e);
            }
            temporaryFixtures = null;
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Where the fixtures come from, where they will live, where the transport listens. */
    public static final class Builder {
        private FixtureCatalog catalog;
        private Path fixturesDirectory;
        private String asteriskDirectory;
        private Bind bind = Bind.parse(DEFAULT_BIND);
        private String bindText = DEFAULT_BIND;

        /** The fixtures to write (default: a new catalog, as a run makes). */
        public Builder catalog(FixtureCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /**
         * Keep the fixture files in {@code directory} ({@code <id>.crt}, {@code <id>.key},
         * {@code <id>-root.crt}): written from the catalog when it is missing or empty, reused as it is
         * otherwise, so that several exports share one CA.
         */
        public Builder fixturesDirectory(Path directory) {
            this.fixturesDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Where the files of {@code keys/} will be on the Asterisk host, e.g. {@code /etc/asterisk/keys}:
         * the prefix the written pjsip.conf names them by. Default: the absolute path of {@code keys/}.
         *
         * @throws IllegalArgumentException for a relative or blank path (Asterisk resolves file names
         *                                  against its own working directory)
         */
        public Builder asteriskDirectory(String directory) {
            if (directory == null || directory.isBlank() || !directory.startsWith("/")) {
                throw new IllegalArgumentException("--asterisk-dir must be an absolute path on the Asterisk host, "
                        + "like /etc/asterisk/keys; got '" + directory + "'");
            }
            this.asteriskDirectory = directory.endsWith("/") && directory.length() > 1
                    ? directory.substring(0, directory.length() - 1) : directory;
            return this;
        }

        /**
         * The TLS transport's {@code bind}: {@code host}, {@code host:port}, {@code [v6]:port}; default
         * {@value #DEFAULT_BIND}.
         *
         * @throws IllegalArgumentException naming the accepted forms
         */
        public Builder bind(String value) {
            Bind parsed = value == null ? null : Bind.parse(value.strip());
            if (parsed == null) {
                throw new IllegalArgumentException("--bind '" + value + "': expected host, host:port, [ipv6] or "
                        + "[ipv6]:port, like " + DEFAULT_BIND);
            }
            this.bind = parsed;
            this.bindText = value.strip();
            return this;
        }

        public AsteriskConfigExport build() {
            return new AsteriskConfigExport(this);
        }
    }
}
