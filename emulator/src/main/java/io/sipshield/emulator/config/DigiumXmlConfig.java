package io.sipshield.emulator.config;

import io.sipshield.emulator.profile.SrtpPolicy;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Digium D-Series phone XML configuration (the file DPMA or a provisioning server hands the
 * phone) into a {@link PhoneConfiguration}. Shape, from seeds 001/002 and DEVICES.md §B (sangomakb
 * "XML Configuration 2.9.22+", "3.8.0+", "4.13.0+"):
 *
 * <pre>{@code
 * <config>
 *   <setting id="config_server_url" value="sip:proxy@pbx.sip.test:5061;transport=tls"/>
 *   <setting id="transport_tls_allowed" value="1"/>
 *   <setting id="tls_allow_wildcard_certs" value="0"/>
 *   <accounts>
 *     <account index="0" status="1" register="1" account_id="101" username="101" authname="101" password="...">
 *       <host_primary server="pbx.sip.test" port="5061" transport="tls" media_encryption="sdes"/>
 *     </account>
 *   </accounts>
 *   <certs><cert file="ca.pem"/></certs>
 * </config>
 * }</pre>
 *
 * {@code <setting>} elements may also sit inside a {@code <settings>} wrapper.
 *
 * <ul>
 *   <li><b>Account.</b> The phone registers the account given by index, else the first with
 *       {@code status} and {@code register} both 1 (absent counts as 1). Its SIP user is
 *       {@code account_id} (else {@code username}); other accounts are reported unused.</li>
 *   <li><b>Server.</b> {@code host_primary server}, {@code port} (5061 when absent, the TLS default of
 *       seeds 001/002) and {@code transport}, which must be {@code tls}: sipshield emulates SIP over
 *       TLS only. {@code transport="tls"} (or {@code ;transport=tls} in {@code config_server_url})
 *       while {@code transport_tls_allowed} is 0 is a contradiction, refused naming the element.
 *       [GUESS] An absent {@code transport_tls_allowed} counts as 1 (DEVICES.md §B lists it as "(1)").</li>
 *   <li><b>Alternate server.</b> {@code <host_alternate server= port= transport=/>} ({@code host_secondary} in
 *       DPMA, DEVICES.md §B), read like {@code host_primary} (port 5061 when absent, transport tls):
 *       wiki.asterisk.org "Digium Phones and Failover" says the phone registers with both hosts and calls through
 *       the alternate while the primary is unreachable. The emulator models the failover
 *       ({@link io.sipshield.emulator.AlternateServer}, its [GUESS]es): a phone whose primary connection fails
 *       connects and registers to the alternate; it does not also register to the alternate while the primary
 *       is up (a warning says so).</li>
 *   <li><b>SRTP.</b> [GUESS] {@code media_encryption} on {@code host_primary} is the attribute name
 *       seeds 001/002 use; DEVICES.md §B found it on no other public page. {@code sdes} gives the
 *       D-Series policy ({@link SrtpPolicy#DIGIUM}); absent or {@code no} gives {@link #NO_SRTP}
 *       (profile suffix {@code +srtp-disabled}), as DPMA's media_encryption is off by default.</li>
 *   <li><b>Loaded CAs.</b> [GUESS] DEVICES.md §B: a {@code <certs>} element exists in 4.17.5+ schemas
 *       but its attributes were not found. Accepted here: {@code <cert file="ca.pem"/>} (a PEM, DER or
 *       PKCS#7 file relative to the XML file) or {@code <cert>-----BEGIN CERTIFICATE-----...</cert>}.</li>
 *   <li><b>Not modelled</b> (a warning each): {@code config_server_url} (the emulator fetches no
 *       configuration), {@code transport_tls_port} (the phone's own listening port: wiki.asterisk.org
 *       "XML Configuration" documents {@code transport_udp_port} as "the local UDP SIP port", [GUESS] the TLS
 *       one alike; the phone connects to {@code host_primary port}), UDP/TCP transport settings, {@code allow_insecure_ssl},
 *       {@code enable_ice}, {@code stunaddr}, {@code udp_ka_interval}, {@code pbx_credentials},
 *       {@code outbound_proxy}, account attributes such as
 *       {@code caller_id} or {@code dial_plan}, unknown settings and elements. A real file carries
 *       many settings sipshield has no use for (ringtones, backlight), so an unknown setting id is a
 *       warning; a bad value, a contradiction or a missing required part is an error.</li>
 * </ul>
 *
 * The XML is read with the JDK's StAX parser, DTDs and external entities off; a document with a
 * DOCTYPE is refused (no XXE).
 */
public final class DigiumXmlConfig {

    /** D-Series with media encryption off: RTP/AVP, no a=crypto; RTP/SAVP offers refused. */
    public static final SrtpPolicy NO_SRTP = new SrtpPolicy("digium-no-srtp", SrtpPolicy.Mode.DISABLED,
            List.of(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80),
            "Digium Phones and Secure Calling (seeds 001/002): SDES-SRTP only when media_encryption is sdes");

    /** The profile suffix for {@link #NO_SRTP}. */
    static final String NO_SRTP_SUFFIX = "+srtp-disabled";

    private static final Pattern SIP_URI = Pattern.compile(
            "(?i)(sips?):(?:([^@;]+)@)?(\\[[^]]+]|[^:;\\[]+)(?::([^;]*))?((?:;[^;]*)*)");

    private static final Map<String, String> UNMODELLED_SETTINGS = Map.ofEntries(
            Map.entry("transport_udp_enabled", "not modelled: sipshield emulates SIP over TLS only"),
            Map.entry("transport_udp_port", "not modelled: sipshield emulates SIP over TLS only"),
            Map.entry("transport_tcp_enabled", "not modelled: sipshield emulates SIP over TLS only"),
            Map.entry("transport_tcp_port", "not modelled: sipshield emulates SIP over TLS only"),
            Map.entry("allow_insecure_ssl", "not modelled: [GUESS] it relaxes the HTTPS configuration fetch, "
                    + "which the emulator does not do"),
            Map.entry("enable_ice", "not modelled: the emulator sends media to the SDP address, no ICE"),
            Map.entry("stunaddr", "not modelled: the emulator uses no STUN"),
            Map.entry("udp_ka_interval", "not modelled: UDP keep-alives do not apply to SIP over TLS"),
            Map.entry("pbx_credentials", "not modelled: the emulator does not provision through DPMA"));

    private static final Set<String> MODELLED_ACCOUNT_ATTRIBUTES = Set.of("index", "status", "register",
            "account_id", "username", "authname", "password", "line_label");

    private final String file;
    private final Path base;
    private final OptionalInt accountIndex;
    private final List<ConfigProblem> warnings = new ArrayList<>();
    private final CertificateLoader certificates;
    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final List<AccountElement> accounts = new ArrayList<>();
    private final List<LoadedCertificate> anchors = new ArrayList<>();
    private int accountsLine;

    private record Setting(String value, int line) {
    }

    /** An {@code <account>} with the children the emulator cares about. */
    private static final class AccountElement {
        final XmlElement element;
        XmlElement primary;
        XmlElement alternate;

        AccountElement(XmlElement element) {
            this.element = element;
        }
    }

    private DigiumXmlConfig(Path path, OptionalInt accountIndex) {
        this.file = path.toString();
        Path parent = path.toAbsolutePath().getParent();
        this.base = parent == null ? Path.of(".") : parent;
        this.accountIndex = accountIndex;
        this.certificates = new CertificateLoader(file, warnings);
    }

    /** Reads the file; the phone registers the first enabled account with register=1. */
    public static PhoneConfiguration read(Path file) throws ConfigurationFileException {
        return read(file, OptionalInt.empty());
    }

    /** Reads the file; the phone registers the account with {@code index} (when given). */
    public static PhoneConfiguration read(Path file, OptionalInt accountIndex) throws ConfigurationFileException {
        DigiumXmlConfig reader = new DigiumXmlConfig(file, accountIndex);
        try (InputStream in = Files.newInputStream(file)) {
            reader.parse(in);
        } catch (NoSuchFileException e) {
            throw new ConfigurationFileException(file.toString(), 0, "file", "expected an existing Digium XML file");
        } catch (IOException e) {
            if (e instanceof ConfigurationFileException c) {
                throw c;
            }
            throw new ConfigurationFileException(file.toString(), 0, "file", "expected a readable file: " + e.getMessage(), e);
        }
        return reader.result();
    }

    private void parse(InputStream in) throws ConfigurationFileException {
        try (SafeXmlReader xml = new SafeXmlReader(file, in, warnings)) {
            XmlElement root = xml.root();
            if (!root.name().equals("config")) {
                throw new ConfigurationFileException(file, root.line(), "<" + root.name() + ">",
                        "expected the root element <config> of a Digium phone configuration");
            }
            warnUnusedAttributes(root);
            while (xml.nextChild(root)) {
                XmlElement child = xml.element();
                switch (child.name()) {
                    case "setting" -> setting(xml, child);
                    case "settings" -> {
                        warnUnusedAttributes(child);
                        while (xml.nextChild(child)) {
                            XmlElement inner = xml.element();
                            if (inner.name().equals("setting")) {
                                setting(xml, inner);
                            } else {
                                notModelled(inner, "unknown element inside <settings>");
                                xml.skip();
                            }
                        }
                    }
                    case "accounts" -> accounts(xml, child);
                    case "certs" -> certs(xml, child);
                    default -> {
                        notModelled(child, "element not modelled");
                        xml.skip();
                    }
                }
            }
        }
    }

    private void setting(SafeXmlReader xml, XmlElement element) throws ConfigurationFileException {
        String id = element.required(file, "id");
        String value = element.attribute("value").orElseThrow(() -> new ConfigurationFileException(file, element.line(),
                "setting " + id, "expected a value=\"...\" attribute"));
        warnUnusedAttributes(element);
        xml.skip();
        Setting previous = settings.put(id, new Setting(value, element.line()));
        if (previous != null) {
            warnings.add(ConfigProblem.warning(file, element.line(), "setting " + id,
                    "set again (first on line " + previous.line() + "); the later value wins"));
        }
    }

    private void accounts(SafeXmlReader xml, XmlElement element) throws ConfigurationFileException {
        accountsLine = element.line();
        warnUnusedAttributes(element);
        while (xml.nextChild(element)) {
            XmlElement child = xml.element();
            if (!child.name().equals("account")) {
                notModelled(child, "unknown element inside <accounts>");
                xml.skip();
                continue;
            }
            AccountElement account = new AccountElement(child);
            while (xml.nextChild(child)) {
                XmlElement host = xml.element();
                switch (host.name()) {
                    case "host_primary" -> {
                        if (account.primary != null) {
                            throw new ConfigurationFileException(file, host.line(), "host_primary",
                                    "expected one <host_primary> per account (first on line " + account.primary.line() + ")");
                        }
                        account.primary = host;
                        while (xml.nextChild(host)) {
                            notModelled(xml.element(), "not modelled: the emulator connects to host_primary directly");
                            xml.skip();
                        }
                    }
                    case "host_alternate", "host_secondary" -> {
                        if (account.alternate != null) {
                            throw new ConfigurationFileException(file, host.line(), host.name(),
                                    "expected one <host_alternate> per account (first on line " + account.alternate.line()
                                            + ")");
                        }
                        account.alternate = host;
                        xml.skip();
                    }
                    case "outbound_proxy" -> {
                        notModelled(host, "not modelled: the emulator connects to host_primary directly");
                        xml.skip();
                    }
                    default -> {
                        notModelled(host, "unknown element inside <account>");
                        xml.skip();
                    }
                }
            }
            accounts.add(account);
        }
    }

    private void certs(SafeXmlReader xml, XmlElement element) throws ConfigurationFileException {
        warnUnusedAttributes(element);
        while (xml.nextChild(element)) {
            XmlElement cert = xml.element();
            if (!cert.name().equals("cert")) {
                notModelled(cert, "unknown element inside <certs> (expected <cert file=\"...\"/> or inline PEM)");
                xml.skip();
                continue;
            }
            Optional<String> name = cert.attribute("file");
            warnUnusedAttributes(cert);
            String inline = xml.text(cert);
            if (name.isPresent() && !inline.isBlank()) {
                throw new ConfigurationFileException(file, cert.line(), "cert",
                        "expected either a file=\"...\" attribute or inline PEM, not both");
            }
            if (name.isPresent()) {
                if (name.get().isBlank()) {
                    throw new ConfigurationFileException(file, cert.line(), "cert file", "expected a file name");
                }
                Path certificateFile = base.resolve(name.get());
                if (!Files.isRegularFile(certificateFile)) {
                    throw new ConfigurationFileException(file, cert.line(), "cert file",
                            "expected an existing file " + certificateFile + " (relative to the XML file)");
                }
                anchors.addAll(certificates.anchors(certificateFile, cert.line(), "cert"));
            } else if (!inline.isBlank()) {
                anchors.addAll(certificates.inlineAnchors(inline, cert.line(), "cert"));
            } else {
                throw new ConfigurationFileException(file, cert.line(), "cert",
                        "expected a file=\"...\" attribute or PEM text");
            }
        }
    }

    private PhoneConfiguration result() throws ConfigurationFileException {
        Setting tlsAllowedSetting = settings.get("transport_tls_allowed");
        boolean tlsAllowed = tlsAllowedSetting == null
                || ConfigValues.flag(file, tlsAllowedSetting.line(), "setting transport_tls_allowed", tlsAllowedSetting.value());
        boolean wildcards = false;
        for (Map.Entry<String, Setting> entry : settings.entrySet()) {
            String id = entry.getKey();
            Setting setting = entry.getValue();
            String element = "setting " + id;
            switch (id) {
                case "transport_tls_allowed" -> {
                    // read above: it decides whether the tls transports below are contradictions
                }
                case "tls_allow_wildcard_certs" -> wildcards = ConfigValues.flag(file, setting.line(), element, setting.value());
                case "config_server_url" -> configServer(setting, tlsAllowed, tlsAllowedSetting);
                case "transport_tls_port" -> {
                    int port = ConfigValues.port(file, setting.line(), element, setting.value());
                    warnings.add(ConfigProblem.warning(file, setting.line(), element, "not modelled: " + port
                            + " is the phone's own TLS listening port ([GUESS] by analogy with transport_udp_port, "
                            + "\"the local UDP SIP port\"); the phone connects to host_primary's port, and the emulator "
                            + "connects from an ephemeral port"));
                }
                default -> warnings.add(ConfigProblem.warning(file, setting.line(), element,
                        UNMODELLED_SETTINGS.getOrDefault(id, "unknown setting, not modelled")));
            }
        }
        AccountElement chosen = chooseAccount();
        for (AccountElement other : accounts) {
            if (other != chosen) {
                warnings.add(ConfigProblem.warning(file, other.element.line(), "account index "
                        + other.element.attribute("index").orElse("?"), "not used: the emulator registers one account"));
            }
        }
        XmlElement account = chosen.element;
        String username = account.attribute("username").orElse("");
        String user = account.attribute("account_id").filter(s -> !s.isBlank()).orElse(username);
        if (user.isBlank()) {
            throw new ConfigurationFileException(file, account.line(), "account username",
                    "expected an account_id=\"...\" or username=\"...\" attribute");
        }
        String authName = account.attribute("authname").filter(s -> !s.isBlank()).orElse(username.isBlank() ? user : username);
        if (!authName.equals(user)) {
            warnings.add(ConfigProblem.warning(file, account.line(), "account authname", "the emulator authenticates as '"
                    + user + "' (its SIP user); authname '" + authName + "' differs and is not used"));
        }
        Optional<String> password = account.attribute("password");
        if (password.isEmpty()) {
            warnings.add(ConfigProblem.warning(file, account.line(), "account password",
                    "absent: digest challenges are answered with an empty password"));
        }
        String label = account.attribute("line_label").orElse("");
        account.attribute("index");
        account.attribute("status");
        account.attribute("register");
        for (String attribute : account.unused().keySet()) {
            if (!MODELLED_ACCOUNT_ATTRIBUTES.contains(attribute)) {
                warnings.add(ConfigProblem.warning(file, account.line(), "account " + attribute, "not modelled"));
            }
        }
        XmlElement primary = chosen.primary;
        if (primary == null) {
            throw new ConfigurationFileException(file, account.line(), "host_primary",
                    "expected a <host_primary server=\"...\" port=\"...\" transport=\"tls\"/> inside the account");
        }
        String server = primary.required(file, "server");
        String transport = primary.attribute("transport").orElseThrow(() -> new ConfigurationFileException(file,
                primary.line(), "host_primary transport", "expected transport=\"tls\" (the phone's default is udp)"));
        ConfigValues.requireTls(file, primary.line(), "host_primary transport", transport);
        if (!tlsAllowed) {
            throw new ConfigurationFileException(file, primary.line(), "host_primary transport",
                    "expected transport_tls_allowed=1 for transport=\"tls\" (it is 0 on line " + tlsAllowedSetting.line() + ")");
        }
        Optional<String> portText = primary.attribute("port");
        int port = portText.isPresent() ? ConfigValues.port(file, primary.line(), "host_primary port", portText.get()) : 5061;
        ProfileChoice.Builder profile = new ProfileChoice.Builder();
        String encryption = primary.attribute("media_encryption").orElse("no").trim().toLowerCase(Locale.ROOT);
        switch (encryption) {
            case "sdes" -> profile.srtp(null, SrtpPolicy.DIGIUM);
            case "no", "none", "" -> profile.srtp(NO_SRTP_SUFFIX, NO_SRTP);
            default -> throw new ConfigurationFileException(file, primary.line(), "host_primary media_encryption",
                    "expected sdes or no, got '" + encryption + "'");
        }
        for (Map.Entry<String, String> rest : primary.unused().entrySet()) {
            String what = switch (rest.getKey()) {
                case "reregister", "retry" -> "not modelled: the emulator registers when the test asks";
                default -> "not modelled";
            };
            warnings.add(ConfigProblem.warning(file, primary.line(), "host_primary " + rest.getKey(), what));
        }
        Optional<PhoneConfiguration.Server> alternate = alternate(chosen.alternate);
        warnings.sort(Comparator.comparingInt(ConfigProblem::line));
        return new PhoneConfiguration(file, PhoneConfiguration.Kind.DIGIUM_XML,
                Optional.of(new Account(user, authName, password.orElse(""), label)), server, port, anchors,
                Optional.empty(), wildcards, profile.build(), warnings, alternate);
    }

    /**
     * The account's {@code <host_alternate server= port= transport=/>}: server required, port 5061 when absent,
     * transport tls (as for host_primary); other attributes are warned about.
     */
    private Optional<PhoneConfiguration.Server> alternate(XmlElement element) throws ConfigurationFileException {
        if (element == null) {
            return Optional.empty();
        }
        String name = element.name();
        String server = element.required(file, "server");
        String transport = element.attribute("transport").orElseThrow(() -> new ConfigurationFileException(file,
                element.line(), name + " transport", "expected transport=\"tls\" (the phone's default is udp)"));
        ConfigValues.requireTls(file, element.line(), name + " transport", transport);
        Optional<String> portText = element.attribute("port");
        int port = portText.isPresent() ? ConfigValues.port(file, element.line(), name + " port", portText.get()) : 5061;
        for (String rest : element.unused().keySet()) {
            warnings.add(ConfigProblem.warning(file, element.line(), name + " " + rest, "not modelled"));
        }
        warnings.add(ConfigProblem.warning(file, element.line(), name, "failover only: the phone connects and"
                + " registers here when " + "host_primary cannot be reached; [GUESS] it does not also register here"
                + " while host_primary is up (wiki.asterisk.org \"Digium Phones and Failover\" says a D-Series"
                + " registers with both)"));
        return Optional.of(new PhoneConfiguration.Server(server, port));
    }

    private AccountElement chooseAccount() throws ConfigurationFileException {
        if (accounts.isEmpty()) {
            throw new ConfigurationFileException(file, accountsLine, "accounts",
                    "expected <accounts> with at least one <account>");
        }
        List<String> indexes = new ArrayList<>();
        for (AccountElement account : accounts) {
            XmlElement element = account.element;
            int index = ConfigValues.number(file, element.line(), "account index", element.required(file, "index"));
            indexes.add(String.valueOf(index));
            if (accountIndex.isPresent()) {
                if (index == accountIndex.getAsInt()) {
                    return account;
                }
                continue;
            }
            boolean enabled = ConfigValues.flag(file, element.line(), "account status", element.attribute("status").orElse("1"));
            boolean registers = ConfigValues.flag(file, element.line(), "account register",
                    element.attribute("register").orElse("1"));
            if (enabled && registers) {
                return account;
            }
        }
        throw new ConfigurationFileException(file, accountsLine, "accounts", accountIndex.isPresent()
                ? "expected an <account index=\"" + accountIndex.getAsInt() + "\">, found indexes " + indexes
                : "expected an <account> with status=\"1\" and register=\"1\", found none");
    }

    private void configServer(Setting setting, boolean tlsAllowed, Setting tlsAllowedSetting)
            throws ConfigurationFileException {
        Matcher uri = SIP_URI.matcher(setting.value().trim());
        if (!uri.matches()) {
            throw new ConfigurationFileException(file, setting.line(), "setting config_server_url",
                    "expected a SIP URI such as sip:proxy@pbx.example.com:5061;transport=tls, got '" + setting.value() + "'");
        }
        if (uri.group(4) != null) {
            ConfigValues.port(file, setting.line(), "setting config_server_url", uri.group(4));
        }
        String transport = "udp";
        for (String parameter : uri.group(5).split(";")) {
            if (parameter.toLowerCase(Locale.ROOT).startsWith("transport=")) {
                transport = parameter.substring("transport=".length()).toLowerCase(Locale.ROOT);
            }
        }
        if (transport.equals("tls") && !tlsAllowed) {
            throw new ConfigurationFileException(file, setting.line(), "setting config_server_url",
                    "expected transport_tls_allowed=1 for ;transport=tls (it is 0 on line " + tlsAllowedSetting.line() + ")");
        }
        warnings.add(ConfigProblem.warning(file, setting.line(), "setting config_server_url", "not modelled: "
                + setting.value() + " (transport " + transport + ") is where the phone fetches its configuration "
                + "from DPMA; the emulator fetches none"));
    }

    private void notModelled(XmlElement element, String message) {
        warnings.add(ConfigProblem.warning(file, element.line(), "<" + element.name() + ">", message));
    }

    private void warnUnusedAttributes(XmlElement element) {
        element.unused().keySet().forEach(attribute -> warnings.add(ConfigProblem.warning(file, element.line(),
                element.name() + " " + attribute, "attribute not modelled")));
    }
}
