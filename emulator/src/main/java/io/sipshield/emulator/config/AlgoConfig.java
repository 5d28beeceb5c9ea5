package io.sipshield.emulator.config;

import io.sipshield.certs.format.CertificateFileContents;
import io.sipshield.certs.format.CertificateFileFormat;
import io.sipshield.emulator.ClientCredentials;
import io.sipshield.emulator.profile.Quirk;
import io.sipshield.emulator.profile.SrtpPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads an Algo SIP endpoint as QA has it: the settings file {@code config.txt} ({@code key = value},
 * {@code #} comments) and the device's file tree under {@code certs/}. Sources: seed 003 (Algo "TLS for
 * SIP Signalling and HTTPS Provisioning"), DEVICES.md §C, and Algo's "Intercom Provisioning
 * Parameters" page (docs.algosolutions.com, firmware 5.5) for the account keys.
 *
 * <table>
 *   <caption>config.txt keys</caption>
 *   <tr><th>key</th><th>web setting</th><th>source</th><th>effect</th></tr>
 *   <tr><td>{@code sip.proxy}</td><td>SIP Domain (Proxy Server)</td><td>Algo parameters page</td>
 *       <td>server host[:port]; [GUESS] 5061 when no port (the page's 5060 default is for UDP)</td></tr>
 *   <tr><td>{@code sip.u1.user}, {@code sip.u1.auth}, {@code sip.u1.pwd}, {@code sip.u1.dname}</td>
 *       <td>SIP Extension, Authentication ID, Password, Display Name</td><td>Algo parameters page</td><td>account</td></tr>
 *   <tr><td>{@code sip.transport}</td><td>SIP Transportation</td><td>[GUESS] DEVICES.md §C</td><td>must be tls</td></tr>
 *   <tr><td>{@code sip.sips}</td><td>SIPS Scheme</td><td>[GUESS]</td>
 *       <td>1: {@code +sips} ({@link Quirk#SIPS_SCHEME}: sips: Request-URI, From, To, Contact)</td></tr>
 *   <tr><td>{@code sip.tls.validate}</td><td>Validate Server Certificate</td><td>[GUESS]</td>
 *       <td>0: {@code +no-validation} ({@link Quirk#VALIDATION_SWITCHED_OFF})</td></tr>
 *   <tr><td>{@code net.tls.force12}</td><td>Force Secure TLS Version</td><td>[GUESS]</td>
 *       <td>1: {@code +force-tls12} ({@link Quirk#FORCE_TLS_1_2})</td></tr>
 *   <tr><td>{@code sip.sdp.srtp}</td><td>SDP SRTP Offer</td><td>[GUESS]</td>
 *       <td>Disabled: {@code +srtp-disabled}; Optional: {@code +srtp-optional}; Standard: the base profile</td></tr>
 *   <tr><td>{@code sip.outbound}</td><td>Outbound Support (RFC 5626)</td><td>[GUESS]</td>
 *       <td>1: {@code +outbound} ({@link Quirk#SIP_OUTBOUND}: REGISTER with reg-id, +sip.instance, Supported: outbound)</td></tr>
 *   <tr><td>{@code prov.download.method}</td><td>Download Method</td><td>[GUESS]</td><td>warning: provisioning not emulated</td></tr>
 *   <tr><td>{@code prov.download.cert}</td><td>Validate Server Certificate (provisioning)</td><td>seed 003</td>
 *       <td>warning: provisioning not emulated</td></tr>
 * </table>
 *
 * Every [GUESS] key name comes from DEVICES.md §C ("verify against an Algo config.txt export before
 * use"); keys not in the table are reported as warnings (a real export has hundreds of keys, so an
 * unknown key is a warning, not an error). Without {@code sip.tls.validate} the base profile's
 * validation applies (on). [GUESS] The seed 003 screenshot shows "Validate Server Certificate"
 * Disabled on that unit; whether that is the factory default is not stated, so write the key. Values: 0/1 (or Enabled/Disabled) for
 * switches, {@code tls}/{@code udp}/{@code tcp}/{@code auto} for the transport,
 * {@code disabled}/{@code optional}/{@code standard} (or [GUESS] 0/1/2 in that order) for SRTP.
 *
 * <p>The file tree, by firmware (seed 003): 1.7.x reads SIP trust from {@code certs/siptrusted.pem}
 * alone (PEM only); 3.1+ reads {@code certs/trusted/*.pem|cer|crt} next to its built-in public roots.
 * A trust file for the other firmware is reported "ignored by firmware X". {@code certs/sipclient.pem}
 * (certificate and key) is presented for mutual TLS instead of the factory certificate
 * ({@code +sipclient}). The firmware is given by the caller, or inferred: {@code certs/trusted/}
 * present means 3.1, only {@code certs/siptrusted.pem} means 1.7, neither means 3.1 (each inference a warning).
 */
public final class AlgoConfig {

    /** The settings file inside the device directory. [GUESS] name, as DEVICES.md §C calls it. */
    public static final String CONFIG_FILE = "config.txt";

    private static final Set<String> TRUSTED_EXTENSIONS = Set.of("pem", "cer", "crt");

    private final Path root;
    private final String configFile;
    private final List<ConfigProblem> warnings = new ArrayList<>();
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    /** Lines of the switches already read, for warnings about them. */
    private final Map<String, Integer> consumedLines = new LinkedHashMap<>();

    private record Entry(String value, int line) {
    }

    private AlgoConfig(Path root) {
        this.root = root;
        this.configFile = root.resolve(CONFIG_FILE).toString();
    }

    /** Reads the device tree (or its config.txt), inferring the firmware from the tree. */
    public static PhoneConfiguration read(Path deviceRoot) throws ConfigurationFileException {
        return read(deviceRoot, Optional.empty());
    }

    /**
     * Reads the device tree.
     *
     * @param deviceRoot the directory holding config.txt and certs/, or config.txt itself
     * @param firmware   the firmware the device runs; empty to infer it from the tree
     */
    public static PhoneConfiguration read(Path deviceRoot, Optional<AlgoFirmware> firmware)
            throws ConfigurationFileException {
        Path root = Files.isRegularFile(deviceRoot) ? deviceRoot.toAbsolutePath().getParent() : deviceRoot;
        if (!Files.isDirectory(root)) {
            throw new ConfigurationFileException(deviceRoot.toString(), 0, "device directory",
                    "expected an Algo device directory holding " + CONFIG_FILE + " and certs/");
        }
        AlgoConfig reader = new AlgoConfig(root);
        reader.parse();
        return reader.result(firmware);
    }

    private void parse() throws ConfigurationFileException {
        Path file = root.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationFileException(root.toString(), 0, CONFIG_FILE,
                    "expected the Algo settings file " + file);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationFileException(configFile, 0, "file", "expected a readable UTF-8 file: " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#") || text.startsWith(";")) {
                continue;
            }
            int equals = text.indexOf('=');
            if (equals <= 0) {
                throw new ConfigurationFileException(configFile, number, text.length() > 30 ? text.substring(0, 30) : text,
                        "expected key = value");
            }
            String key = text.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            Entry previous = entries.put(key, new Entry(text.substring(equals + 1).strip(), number));
            if (previous != null) {
                warnings.add(ConfigProblem.warning(configFile, number, key,
                        "set again (first on line " + previous.line() + "); the later value wins"));
            }
        }
    }

    private PhoneConfiguration result(Optional<AlgoFirmware> given) throws ConfigurationFileException {
        AlgoFirmware firmware = given.orElseGet(this::inferFirmware);
        ProfileChoice.Builder profile = new ProfileChoice.Builder().base(firmware.profile());

        Entry transport = require("sip.transport", "tls (SIP Transportation)");
        ConfigValues.requireTls(configFile, transport.line(), "sip.transport", transport.value());
        Entry proxy = require("sip.proxy", "the SIP server, host or host:port");
        Entry user = require("sip.u1.user", "the SIP extension");
        Optional<Entry> auth = optional("sip.u1.auth");
        Optional<Entry> password = optional("sip.u1.pwd");
        Optional<Entry> name = optional("sip.u1.dname");
        if (password.isEmpty()) {
            warnings.add(ConfigProblem.warning(configFile, user.line(), "sip.u1.pwd",
                    "absent: digest challenges are answered with an empty password"));
        }
        String authName = auth.map(Entry::value).filter(s -> !s.isBlank()).orElse(user.value());
        if (!authName.equals(user.value())) {
            warnings.add(ConfigProblem.warning(configFile, auth.get().line(), "sip.u1.auth", "the emulator authenticates as '"
                    + user.value() + "' (sip.u1.user); Authentication ID '" + authName + "' differs and is not used"));
        }
        String host = proxy.value();
        int port = 5061;
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(':') == colon) {
            port = ConfigValues.port(configFile, proxy.line(), "sip.proxy", host.substring(colon + 1));
            host = host.substring(0, colon);
        }
        if (host.isBlank()) {
            throw new ConfigurationFileException(configFile, proxy.line(), "sip.proxy", "expected a host name or address");
        }

        boolean validates = flag("sip.tls.validate").orElse(true);
        if (!validates) {
            profile.variant("+no-validation", Set.of(Quirk.VALIDATION_SWITCHED_OFF), Set.of());
        }
        if (flag("net.tls.force12").orElse(false)) {
            profile.variant("+force-tls12", Set.of(Quirk.FORCE_TLS_1_2), Set.of());
        }
        if (flag("sip.sips").orElse(false)) {
            profile.variant("+sips", Set.of(Quirk.SIPS_SCHEME), Set.of());
        }
        if (flag("sip.outbound").orElse(false)) {
            profile.variant("+outbound", Set.of(Quirk.SIP_OUTBOUND), Set.of());
        }
        provisioning(firmware);

        List<LoadedCertificate> anchors = trust(firmware, validates);
        Optional<ClientCredentials> client = Optional.empty();
        Path sipClient = root.resolve("certs/sipclient.pem");
        if (Files.isRegularFile(sipClient)) {
            client = Optional.of(new CertificateLoader(sipClient.toString(), warnings)
                    .credentials(sipClient, 0, "certs/sipclient.pem"));
            profile.variant("+sipclient", Set.of(Quirk.SIPCLIENT_PEM), Set.of(Quirk.FACTORY_DEVICE_CERTIFICATE));
        }
        srtp(profile);
        for (Map.Entry<String, Entry> rest : entries.entrySet()) {
            warnings.add(ConfigProblem.warning(configFile, rest.getValue().line(), rest.getKey(), "unknown key, not modelled"));
        }
        warnings.sort(Comparator.comparing(ConfigProblem::file).thenComparingInt(ConfigProblem::line));
        return new PhoneConfiguration(root.toString(), PhoneConfiguration.Kind.ALGO,
                Optional.of(new Account(user.value(), authName, password.map(Entry::value).orElse(""),
                        name.map(Entry::value).orElse(""))), host, port, anchors, client, false, profile.build(), warnings);
    }

    private AlgoFirmware inferFirmware() {
        if (Files.isDirectory(root.resolve("certs/trusted"))) {
            warnings.add(ConfigProblem.warning(root.toString(), 0, "firmware", "not given: 3.1 inferred from certs/trusted/"));
            return AlgoFirmware.V3_1;
        }
        if (Files.isRegularFile(root.resolve("certs/siptrusted.pem"))) {
            warnings.add(ConfigProblem.warning(root.toString(), 0, "firmware", "not given: 1.7 inferred from certs/siptrusted.pem"));
            return AlgoFirmware.V1_7;
        }
        warnings.add(ConfigProblem.warning(root.toString(), 0, "firmware",
                "not given and no trust files to infer it from: 3.1 assumed"));
        return AlgoFirmware.V3_1;
    }

    private List<LoadedCertificate> trust(AlgoFirmware firmware, boolean validates) throws ConfigurationFileException {
        Path sipTrusted = root.resolve("certs/siptrusted.pem");
        Path trustedDir = root.resolve("certs/trusted");
        List<Path> trustedFiles = list(trustedDir);
        List<LoadedCertificate> anchors = new ArrayList<>();
        if (firmware == AlgoFirmware.V1_7) {
            if (Files.isRegularFile(sipTrusted)) {
                CertificateFileContents contents = new CertificateLoader(sipTrusted.toString(), warnings)
                        .read(sipTrusted, 0, "certs/siptrusted.pem");
                if (contents.format() != CertificateFileFormat.PEM) {
                    throw new ConfigurationFileException(sipTrusted.toString(), 0, "certs/siptrusted.pem",
                            "expected PEM text (firmware 1.7 supports only .pem), found " + contents.format());
                }
                anchors.addAll(new CertificateLoader(sipTrusted.toString(), warnings)
                        .anchors(sipTrusted, 0, "certs/siptrusted.pem"));
            } else if (validates) {
                warnings.add(ConfigProblem.warning(root.toString(), 0, "certs/siptrusted.pem", "absent: firmware 1.7 "
                        + "trusts no CA for SIP without it, so every server certificate fails validation"));
            }
            for (Path ignored : trustedFiles) {
                warnings.add(ConfigProblem.warning(ignored.toString(), 0, "certs/trusted/" + ignored.getFileName(),
                        "ignored by firmware 1.7: it reads SIP trust from certs/siptrusted.pem only"));
            }
        } else {
            for (Path file : trustedFiles) {
                String element = "certs/trusted/" + file.getFileName();
                if (TRUSTED_EXTENSIONS.contains(extension(file))) {
                    anchors.addAll(new CertificateLoader(file.toString(), warnings).anchors(file, 0, element));
                } else {
                    warnings.add(ConfigProblem.warning(file.toString(), 0, element,
                            "ignored by firmware 3.1: it loads .pem, .cer and .crt files"));
                }
            }
            if (Files.isRegularFile(sipTrusted)) {
                warnings.add(ConfigProblem.warning(sipTrusted.toString(), 0, "certs/siptrusted.pem",
                        "ignored by firmware 3.1: it reads certs/trusted/ (siptrusted.pem is firmware 1.7's)"));
            }
        }
        for (Path other : list(root.resolve("certs"))) {
            String name = other.getFileName().toString();
            if (!name.equals("siptrusted.pem") && !name.equals("sipclient.pem")) {
                warnings.add(ConfigProblem.warning(other.toString(), 0, "certs/" + name, "not read by the firmware"));
            }
        }
        return anchors;
    }

    private void provisioning(AlgoFirmware firmware) throws ConfigurationFileException {
        Optional<Entry> method = optional("prov.download.method");
        if (method.isPresent()) {
            String value = method.get().value().toLowerCase(Locale.ROOT);
            if (!Set.of("tftp", "ftp", "http", "https").contains(value)) {
                throw new ConfigurationFileException(configFile, method.get().line(), "prov.download.method",
                        "expected tftp, ftp, http or https, got '" + method.get().value() + "'");
            }
            warnings.add(ConfigProblem.warning(configFile, method.get().line(), "prov.download.method",
                    "not modelled: provisioning is not emulated for Algo (" + value + ")"));
        }
        Optional<Entry> cert = optional("prov.download.cert");
        if (cert.isPresent()) {
            boolean on = ConfigValues.flag(configFile, cert.get().line(), "prov.download.cert", cert.get().value());
            warnings.add(ConfigProblem.warning(configFile, cert.get().line(), "prov.download.cert",
                    "not modelled: provisioning is not emulated for Algo (server validation " + (on ? "on" : "off")
                            + (firmware == AlgoFirmware.V1_7 && on ? ", built-in certificates only on firmware 1.7" : "")
                            + ")"));
        }
    }

    private void srtp(ProfileChoice.Builder profile) throws ConfigurationFileException {
        Optional<Entry> offer = optional("sip.sdp.srtp");
        if (offer.isEmpty()) {
            return;
        }
        switch (offer.get().value().toLowerCase(Locale.ROOT)) {
            case "disabled", "0" -> profile.srtp("+srtp-disabled", SrtpPolicy.ALGO_DISABLED);
            case "optional", "1" -> profile.srtp("+srtp-optional", SrtpPolicy.ALGO_OPTIONAL);
            case "standard", "2" -> {
                // the base profiles' policy (SrtpPolicy.ALGO_STANDARD)
            }
            default -> throw new ConfigurationFileException(configFile, offer.get().line(), "sip.sdp.srtp",
                    "expected disabled, optional or standard, got '" + offer.get().value() + "'");
        }
    }

    private Entry require(String key, String expected) throws ConfigurationFileException {
        return optional(key).filter(e -> !e.value().isBlank()).orElseThrow(() ->
                new ConfigurationFileException(configFile, 0, key, "expected " + key + " = " + expected));
    }

    /** The key's entry, consumed (keys left over at the end are reported unknown). */
    private Optional<Entry> optional(String key) {
        return Optional.ofNullable(entries.remove(key));
    }

    private Optional<Boolean> flag(String key) throws ConfigurationFileException {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        boolean on = ConfigValues.flag(configFile, entry.line(), key, entry.value());
        entries.remove(key);
        consumedLines.put(key, entry.line());
        return Optional.of(on);
    }

    private static List<Path> list(Path directory) throws ConfigurationFileException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new ConfigurationFileException(directory.toString(), 0, "directory", "expected a readable directory", e);
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
