package io.sipshield.harness.scenario;

import io.sipshield.certs.FixtureName;
import io.sipshield.certs.cisco.TrustListRole;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.harness.mock.ClientVerificationMode;
import io.sipshield.harness.mock.ServerPersonality;
import io.sipshield.harness.mock.config.DialplanApplicationParser;
import io.sipshield.harness.mock.dialplan.DialplanApplication;
import io.sipshield.harness.mock.dialplan.DialplanSyntaxException;
import io.sipshield.harness.scenario.NodeReader.Fields;
import io.sipshield.harness.scenario.YamlNode.Entry;
import io.sipshield.harness.scenario.YamlNode.Mapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code setup}: the server (mock or target) and the phones. */
final class SetupReader {

    /** The trust-list roles a scenario may name, as tlvfile prints them. */
    private static final String ROLE_LABELS = java.util.Arrays.stream(TrustListRole.values())
            .map(TrustListRole::label).collect(java.util.stream.Collectors.joining(", "));

    private static final Pattern TARGET = Pattern.compile("(?:\\[([0-9a-fA-F:.]+)]|([^:\\s\\[\\]]+)):(\\d{1,5})");
    private static final List<String> CODECS = List.of("PCMU", "PCMA");

    private final NodeReader reader;

    SetupReader(NodeReader reader) {
        this.reader = reader;
    }

    Setup setup(YamlNode node) throws ScenarioFileException {
        Fields setup = reader.mapping(node, "setup", ScenarioKeys.SETUP);
        ServerSpec server = server(setup.required("server", "a mapping with one of: mock, target"));
        String phonesExpected = "a list of at least one phone";
        YamlNode phonesNode = setup.required("phones", phonesExpected);
        List<YamlNode> items = reader.list(phonesNode, "setup.phones", phonesExpected);
        if (items.isEmpty()) {
            throw reader.error(phonesNode.mark(), "setup.phones", "no phone", phonesExpected);
        }
        List<PhoneSpec> phones = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, PhoneRecovery> recovery = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            PhoneSpec phone = phone(items.get(i), "setup.phones[" + i + "]");
            if (!names.add(phone.name())) {
                throw reader.error(items.get(i).mark(), "setup.phones[" + i + "].name",
                        "duplicate phone name '" + phone.name() + "'", "a name no other phone has");
            }
            phones.add(phone);
            recovery.put(phone.name(), PhoneRecoveryReader.read(reader,
                    reader.mapping(items.get(i), "setup.phones[" + i + "]", ScenarioKeys.PHONE)));
        }
        return new Setup(server, phones, new FaultReader(reader).faults(setup.optional("faults")), recovery);
    }

    private ServerSpec server(YamlNode node) throws ScenarioFileException {
        Fields server = reader.mapping(node, "setup.server", ScenarioKeys.SERVER);
        Mapping mapping = (Mapping) node;
        if (mapping.entries().size() != 1) {
            YamlNode.Mark mark = mapping.entries().isEmpty() ? node.mark() : mapping.entries().get(1).keyMark();
            throw reader.error(mark, "setup.server", mapping.entries().isEmpty() ? "no server kind" : "two server kinds",
                    "exactly one of: " + String.join(", ", ScenarioKeys.SERVER));
        }
        Optional<YamlNode> target = server.optional("target");
        if (target.isPresent()) {
            return target(target.get());
        }
        return mock(reader.mapping(server.required("mock", "a mapping"), "setup.server.mock", ScenarioKeys.MOCK));
    }

    private TargetServer target(YamlNode node) throws ScenarioFileException {
        String expected = "host:port, like \"pbx.example.com:5061\" or \"[::1]:5061\"";
        String text = reader.string(node, "setup.server.target", expected);
        Matcher matcher = TARGET.matcher(text);
        if (!matcher.matches() || Integer.parseInt(matcher.group(3)) < 1 || Integer.parseInt(matcher.group(3)) > 65535) {
            throw reader.error(node.mark(), "setup.server.target", "bad target '" + text + "'", expected);
        }
        String host = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        return new TargetServer(host, Integer.parseInt(matcher.group(3)));
    }

    private MockServer mock(Fields mock) throws ScenarioFileException {
        MockServer.AsteriskConfig config = config(mock);
        String certificate;
        if (config == null) {
            certificate = mock.requiredName("certificate", "certificate fixture", SetupReader::isFixture,
                    FixtureName.allIds());
        } else {
            Optional<YamlNode> node = mock.optional("certificate");
            certificate = node.isEmpty() ? null : reader.name(node.get(), mock.field("certificate"),
                    "certificate fixture", SetupReader::isFixture, FixtureName.allIds());
        }
        ServerPersonality personality = ServerPersonality.ASTERISK;
        Optional<YamlNode> personalityNode = mock.optional("personality");
        if (personalityNode.isPresent()) {
            personality = reader.keyword(personalityNode.get(), mock.field("personality"), ServerPersonality.values(),
                    ServerPersonality::keyword);
        }
        ClientVerificationMode verification = null;
        Optional<YamlNode> verificationNode = mock.optional("client-verification");
        if (verificationNode.isPresent()) {
            if (personality != ServerPersonality.MX_ONE) {
                throw reader.error(verificationNode.get().mark(), mock.field("client-verification"),
                        "client-verification for the " + personality.keyword() + " personality",
                        "personality: mx-one (client-verification is MX-ONE's TlsClientVerificationMode, seed 004)");
            }
            verification = reader.keyword(verificationNode.get(), mock.field("client-verification"),
                    ClientVerificationMode.values(), ClientVerificationMode::keyword);
        }
        return new MockServer(certificate, endpoints(mock), extensions(mock), personality, verification, config);
    }

    private MockServer.AsteriskConfig config(Fields mock) throws ScenarioFileException {
        Optional<YamlNode> pjsip = mock.optional("pjsip.conf");
        Optional<YamlNode> extensions = mock.optional("extensions.conf");
        Optional<YamlNode> directory = mock.optional("config");
        if (directory.isPresent()) {
            if (pjsip.isPresent() || extensions.isPresent()) {
                YamlNode other = pjsip.orElseGet(extensions::get);
                throw reader.error(other.mark(), mock.field(pjsip.isPresent() ? "pjsip.conf" : "extensions.conf"),
                        "inline configuration beside config", "either config: <dir> or inline pjsip.conf/extensions.conf");
            }
            String name = reader.string(directory.get(), mock.field("config"),
                    "a directory holding pjsip.conf and extensions.conf, relative to the scenario file");
            Path base = reader.file().toAbsolutePath().getParent();
            Path dir = base == null ? Path.of(name) : base.resolve(name).normalize();
            if (!Files.isRegularFile(dir.resolve("pjsip.conf"))) {
                throw reader.error(directory.get().mark(), mock.field("config"), "no pjsip.conf in " + dir,
                        "a directory holding pjsip.conf (and extensions.conf), relative to the scenario file");
            }
            return new MockServer.AsteriskConfig(null, null, dir);
        }
        if (extensions.isPresent() && pjsip.isEmpty()) {
            throw reader.error(extensions.get().mark(), mock.field("extensions.conf"), "extensions.conf without pjsip.conf",
                    "pjsip.conf beside extensions.conf (or the mock's endpoints and extensions keys)");
        }
        if (pjsip.isEmpty()) {
            return null;
        }
        String pjsipText = reader.string(pjsip.get(), mock.field("pjsip.conf"), "pjsip.conf as a block scalar (|)");
        String extensionsText = extensions.isEmpty() ? null
                : reader.string(extensions.get(), mock.field("extensions.conf"), "extensions.conf as a block scalar (|)");
        return new MockServer.AsteriskConfig(pjsipText, extensionsText, null);
    }

    private List<Endpoint> endpoints(Fields mock) throws ScenarioFileException {
        Optional<YamlNode> node = mock.optional("endpoints");
        if (node.isEmpty()) {
            return List.of();
        }
        List<YamlNode> items = reader.list(node.get(), "setup.server.mock.endpoints", "a list of endpoints");
        List<Endpoint> endpoints = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String field = "setup.server.mock.endpoints[" + i + "]";
            Fields endpoint = reader.mapping(items.get(i), field, ScenarioKeys.ENDPOINT);
            String id = endpoint.requiredString("id", "the endpoint id (also its auth user name)");
            if (!ids.add(id)) {
                throw reader.error(items.get(i).mark(), field + ".id", "duplicate endpoint id '" + id + "'",
                        "an id no other endpoint has");
            }
            String password = endpoint.requiredString("password", "the endpoint's digest password");
            Endpoint.MediaEncryption encryption = Endpoint.MediaEncryption.SDES;
            Optional<YamlNode> encryptionNode = endpoint.optional("media-encryption");
            if (encryptionNode.isPresent()) {
                encryption = reader.keyword(encryptionNode.get(), field + ".media-encryption",
                        Endpoint.MediaEncryption.values(), Endpoint.MediaEncryption::keyword);
            }
            boolean optimistic = false;
            Optional<YamlNode> optimisticNode = endpoint.optional("media-encryption-optimistic");
            if (optimisticNode.isPresent()) {
                optimistic = reader.bool(optimisticNode.get(), field + ".media-encryption-optimistic");
            }
            boolean tag32 = false;
            Optional<YamlNode> tag32Node = endpoint.optional("srtp-tag-32");
            if (tag32Node.isPresent()) {
                tag32 = reader.bool(tag32Node.get(), field + ".srtp-tag-32");
            }
            endpoints.add(new Endpoint(id, password, encryption, optimistic, tag32));
        }
        return endpoints;
    }

    private Map<String, List<DialplanApplication>> extensions(Fields mock) throws ScenarioFileException {
        Optional<YamlNode> node = mock.optional("extensions");
        if (node.isEmpty()) {
            return Map.of();
        }
        Mapping mapping = reader.anyMapping(node.get(), "setup.server.mock.extensions",
                "a mapping from extension to a keyword or a list of applications, like \"600\": echo");
        Map<String, List<DialplanApplication>> extensions = new LinkedHashMap<>();
        for (Entry entry : mapping.entries()) {
            if (entry.key().isBlank()) {
                throw reader.error(entry.keyMark(), "setup.server.mock.extensions", "an empty extension",
                        "an extension number, like \"600\"");
            }
            String field = "setup.server.mock.extensions." + entry.key();
            if (entry.value() instanceof YamlNode.Sequence) {
                extensions.put(entry.key(), priorities(entry.value(), field));
            } else {
                extensions.put(entry.key(), reader.keyword(entry.value(), field, MockServer.Application.values(),
                        MockServer.Application::keyword).priorities());
            }
        }
        return extensions;
    }

    /** A list of dialplan applications as extensions.conf writes them, read by the same parser. */
    private List<DialplanApplication> priorities(YamlNode node, String field) throws ScenarioFileException {
        String expected = "a dialplan application like \"Answer()\", \"Playback(beep)\", \"Wait(1.5)\" or "
                + "\"Dial(PJSIP/102,30)\"";
        List<YamlNode> items = reader.list(node, field, "a list of applications");
        if (items.isEmpty()) {
            throw reader.error(node.mark(), field, "an empty list", "at least one " + expected);
        }
        List<DialplanApplication> priorities = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String item = field + "[" + i + "]";
            String text = reader.string(items.get(i), item, expected);
            try {
                priorities.add(DialplanApplicationParser.parse(text));
            } catch (DialplanSyntaxException e) {
                throw reader.error(items.get(i).mark(), item, e.getMessage(), expected);
            }
        }
        return priorities;
    }

    static boolean isFixture(String id) {
        return FixtureName.byId(id).isPresent();
    }

    private PhoneSpec phone(YamlNode node, String field) throws ScenarioFileException {
        Fields phone = reader.mapping(node, field, ScenarioKeys.PHONE);
        String name = phone.requiredString("name", "the name steps use for this phone");
        Path config = phoneConfig(phone);
        String profile;
        String user;
        String password;
        // a provisioned Cisco phone may take profile and account from the SEP<MAC>.cnf.xml it boots from
        if (config == null && phone.optional("provisioning").isEmpty()) {
            profile = phone.requiredName("profile", "device profile",
                    id -> DeviceProfiles.byName(id).isPresent(), DeviceProfiles.names());
            user = phone.requiredString("user", "the SIP user the phone registers as");
            password = phone.requiredString("password", "the phone's digest password");
        } else {
            Optional<YamlNode> profileNode = phone.optional("profile");
            profile = profileNode.isEmpty() ? null : reader.name(profileNode.get(), phone.field("profile"),
                    "device profile", id -> DeviceProfiles.byName(id).isPresent(), DeviceProfiles.names());
            user = phone.optionalString("user", "the SIP user the phone registers as", null);
            password = phone.optionalString("password", "the phone's digest password", null);
        }
        String serverName = phone.optionalString("server-name", "the host name the phone dials",
                PhoneSpec.DEFAULT_SERVER_NAME);
        List<String> trust = new ArrayList<>();
        Optional<YamlNode> trustNode = phone.optional("trust");
        if (trustNode.isPresent()) {
            List<YamlNode> items = reader.list(trustNode.get(), field + ".trust",
                    "a list of CA certificate fixture names, like [test-root]");
            for (int i = 0; i < items.size(); i++) {
                trust.add(reader.name(items.get(i), field + ".trust[" + i + "]", "certificate fixture",
                        SetupReader::isFixture, FixtureName.allIds()));
            }
        }
        boolean allowWildcard = false;
        Optional<YamlNode> wildcardNode = phone.optional("allow-wildcard");
        if (wildcardNode.isPresent()) {
            allowWildcard = reader.bool(wildcardNode.get(), phone.field("allow-wildcard"));
        }
        Instant clock = null;
        Optional<YamlNode> clockNode = phone.optional("clock");
        if (clockNode.isPresent()) {
            String text = reader.string(clockNode.get(), phone.field("clock"), "the phone's clock");
            try {
                clock = Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw reader.error(clockNode.get().mark(), phone.field("clock"), "'" + text + "' is not an instant",
                        "an ISO-8601 instant like 1970-01-01T00:00:00Z (a phone before NTP)");
            }
        }
        PhoneSpec.TlsProvider provider = PhoneSpec.TlsProvider.BORINGSSL;
        Optional<YamlNode> providerNode = phone.optional("tls-provider");
        if (providerNode.isPresent()) {
            provider = reader.keyword(providerNode.get(), phone.field("tls-provider"), PhoneSpec.TlsProvider.values(),
                    PhoneSpec.TlsProvider::keyword);
        }
        Optional<YamlNode> clientNode = phone.optional("client-certificate");
        String clientCertificate = clientNode.isEmpty() ? null : reader.name(clientNode.get(),
                phone.field("client-certificate"), "certificate fixture", SetupReader::isFixture, FixtureName.allIds());
        PhoneSpec.AnswerMode answer = PhoneSpec.AnswerMode.AUTO;
        Optional<YamlNode> answerNode = phone.optional("answer");
        if (answerNode.isPresent()) {
            answer = reader.keyword(answerNode.get(), phone.field("answer"), PhoneSpec.AnswerMode.values(),
                    PhoneSpec.AnswerMode::keyword);

        }
        int rejectStatus = PhoneSpec.DEFAULT_REJECT_STATUS;
        Optional<YamlNode> rejectNode = phone.optional("reject-status");
        if (rejectNode.isPresent()) {
            if (answer != PhoneSpec.AnswerMode.REJECT) {
                throw reader.error(rejectNode.get().mark(), phone.field("reject-status"),
                        "reject-status without answer: reject", "answer: reject beside reject-status");
            }
            rejectStatus = (int) reader.integer(rejectNode.get(), phone.field("reject-status"), 400, 699);
        }
        List<String> codecs = new ArrayList<>();
        Optional<YamlNode> codecsNode = phone.optional("codecs");
        if (codecsNode.isPresent()) {
            String expected = "a list of G.711 codecs in offer order, like [PCMU, PCMA]";
            List<YamlNode> items = reader.list(codecsNode.get(), phone.field("codecs"), expected);
            if (items.isEmpty()) {
                throw reader.error(codecsNode.get().mark(), phone.field("codecs"), "no codec", expected);
            }
            for (int i = 0; i < items.size(); i++) {
                String codec = reader.name(items.get(i), phone.field("codecs") + "[" + i + "]", "codec",
                        CODECS::contains, String.join(", ", CODECS));
                if (codecs.contains(codec)) {
                    throw reader.error(items.get(i).mark(), phone.field("codecs") + "[" + i + "]",
                            "duplicate codec " + codec, "each codec once");
                }
                codecs.add(codec);
            }
        }
        List<PhoneSpec.TrustListRecord> trustList = trustList(reader, phone);
        PhoneSpec.Provisioning provisioning = ProvisioningReader.read(reader, phone);
        return new PhoneSpec(name, profile, user, password, serverName, trust, allowWildcard, clock, provider,
                clientCertificate, answer, rejectStatus, codecs, trustList, config, provisioning);
    }

    /**
     * {@code config}: the phone's own configuration (a Digium XML, a DPMA .conf, an Algo device directory
     * or config.txt, a Cisco SEP&lt;MAC&gt;.cnf.xml), relative to the scenario file; it must exist.
     */
    private Path phoneConfig(Fields phone) throws ScenarioFileException {
        Optional<YamlNode> node = phone.optional("config");
        if (node.isEmpty()) {
            return null;
        }
        String expected = "a vendor configuration file or Algo device directory, relative to the scenario file";
        String text = reader.string(node.get(), phone.field("config"), expected);
        Path base = reader.file().toAbsolutePath().getParent();
        Path path = base == null ? Path.of(text) : base.resolve(text).normalize();
        if (!java.nio.file.Files.exists(path)) {
            throw reader.error(node.get().mark(), phone.field("config"), "no such file or directory '" + text + "'",
                    expected);
        }
        return path;
    }

    /** {@code trust-list}: a Cisco phone's installed ITL/CTL records, each a fixture and its role. */
    private static List<PhoneSpec.TrustListRecord> trustList(NodeReader reader, Fields phone)
            throws ScenarioFileException {
        Optional<YamlNode> node = phone.optional("trust-list");
        if (node.isEmpty()) {
            return List.of();
        }
        String expected = "a list of trust-list records, like [{ certificate: pbx-server, role: CCM }]";
        List<YamlNode> items = reader.list(node.get(), phone.field("trust-list"), expected);
        if (items.isEmpty()) {
            throw reader.error(node.get().mark(), phone.field("trust-list"), "no record", expected);
        }
        List<PhoneSpec.TrustListRecord> records = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String field = phone.field("trust-list") + "[" + i + "]";
            Fields record = reader.mapping(items.get(i), field, ScenarioKeys.TRUST_LIST_RECORD);
            String certificate = record.requiredName("certificate", "certificate fixture", SetupReader::isFixture,
                    FixtureName.allIds());
            String role = record.requiredName("role", "trust-list role",
                    label -> TrustListRole.fromLabel(label).isPresent(), ROLE_LABELS);
            records.add(new PhoneSpec.TrustListRecord(certificate, TrustListRole.fromLabel(role).orElseThrow().label()));
        }
        return records;
    }
}
