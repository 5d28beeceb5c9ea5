package io.sipshield.harness.scenario;

import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.tls.VerifyFlag;
import io.sipshield.harness.mock.ClientVerificationMode;
import io.sipshield.harness.mock.EndpointState;
import io.sipshield.harness.mock.ServerPersonality;
import io.sipshield.harness.mock.config.DialplanApplicationParser;
import io.sipshield.harness.mock.dialplan.DialplanApplication;
import io.sipshield.harness.mock.dialplan.DialplanSyntaxException;
import io.sipshield.harness.scenario.NodeReader.Fields;
import io.sipshield.harness.scenario.YamlNode.Entry;
import io.sipshield.harness.scenario.YamlNode.Mapping;
import io.sipshield.harness.scenario.YamlNode.Scalar;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a scenario file (YAML, one scenario per file) into a {@link Scenario}. Strict: unknown keys,
 * wrong types, missing fields, duplicate names and references to undeclared phones are all
 * {@link ScenarioFileException}s naming the file, line, column, field and what was expected.
 * The accepted format is {@code scenarios/schema/scenario.schema.json}.
 */
public final class ScenarioLoader {

    /** How error messages name the top level of a document. */
    static final String TOP_LEVEL = "scenario";

    private static final Pattern HEX_MASK = Pattern.compile("0[xX][0-9a-fA-F]{1,8}");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,10}");
    private static final String STATUS = "a final status code from 200 to 699, or none";

    private final YamlTreeReader yaml = new YamlTreeReader();

    /** Reads and checks the scenario in {@code file} (UTF-8). */
    public Scenario load(Path file) throws ScenarioFileException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ScenarioFileException(file, 0, 0, null, "no such file", "an existing scenario file");
        } catch (CharacterCodingException e) {
            throw new ScenarioFileException(file, 0, 0, null, "not UTF-8 text", "a UTF-8 YAML file");
        } catch (IOException e) {
            throw new ScenarioFileException(file, 0, 0, null, "cannot read the file (" + e.getMessage() + ")",
                    "a readable scenario file");
        }
        return parse(file, text);
    }

    /**
     * Checks a scenario given as text.
     *
     * @param file the name the scenario goes by, in the result and in error messages
     */
    public Scenario parse(Path file, String text) throws ScenarioFileException {
        NodeReader reader = new NodeReader(file);
        Fields root = reader.mapping(yaml.read(file, text), TOP_LEVEL, ScenarioKeys.SCENARIO);
        String about = root.requiredString("about", "a one-line description of what the scenario shows");
        Setup setup = setup(reader, root.required("setup", "a mapping with server and phones"));
        List<Step> steps = steps(reader, root.required("steps", "a list of steps (register, call, hangup)"), setup);
        Expectations expect = expectations(reader, root.required("expect",
                "a mapping with at least one of: " + String.join(", ", ScenarioKeys.EXPECT)), setup);
        return new Scenario(file, about, setup, steps, expect);
    }

    private static Setup setup(NodeReader reader, YamlNode node) throws ScenarioFileException {
        Fields setup = reader.mapping(node, "setup", ScenarioKeys.SETUP);
        ServerSpec server = server(reader, setup.required("server", "a mapping naming the server kind: mock"));
        String phonesExpected = "a list of at least one phone";
        YamlNode phonesNode = setup.required("phones", phonesExpected);
        List<YamlNode> items = reader.list(phonesNode, "setup.phones", phonesExpected);
        if (items.isEmpty()) {
            throw reader.error(phonesNode.mark(), "setup.phones", "no phone", phonesExpected);
        }
        List<PhoneSpec> phones = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            PhoneSpec phone = phone(reader, items.get(i), "setup.phones[" + i + "]");
            if (!names.add(phone.name())) {
                throw reader.error(items.get(i).mark(), "setup.phones[" + i + "].name",
                        "duplicate phone name '" + phone.name() + "'", "a name no other phone has");
            }
            phones.add(phone);
        }
        return new Setup(server, phones);
    }

    private static ServerSpec server(NodeReader reader, YamlNode node) throws ScenarioFileException {
        Fields server = reader.mapping(node, "setup.server", ScenarioKeys.SERVER);
        if (server.isEmpty()) {
            throw reader.error(node.mark(), "setup.server", "no server kind",
                    "one of: " + String.join(", ", ScenarioKeys.SERVER));
        }
        Fields mock = reader.mapping(server.required("mock", "a mapping"), "setup.server.mock", ScenarioKeys.MOCK);
        String certificate = mock.requiredName("certificate", "certificate fixture", ScenarioLoader::isFixture,
                FixtureName.allIds());
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
        return new MockServer(certificate, endpoints(reader, mock), extensions(reader, mock), personality, verification);
    }

    private static List<Endpoint> endpoints(NodeReader reader, Fields mock) throws ScenarioFileException {
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

    private static Map<String, List<DialplanApplication>> extensions(NodeReader reader, Fields mock)
            throws ScenarioFileException {
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
                extensions.put(entry.key(), priorities(reader, entry.value(), field));
            } else {
                extensions.put(entry.key(), reader.keyword(entry.value(), field, MockServer.Application.values(),
                        MockServer.Application::keyword).priorities());
            }
        }
        return extensions;
    }

    /** A list of dialplan applications as extensions.conf writes them, read by the same parser. */
    private static List<DialplanApplication> priorities(NodeReader reader, YamlNode node, String field)
            throws ScenarioFileException {
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

    private static boolean isFixture(String id) {
        return FixtureName.byId(id).isPresent();
    }

    private static PhoneSpec phone(NodeReader reader, YamlNode node, String field) throws ScenarioFileException {
        Fields phone = reader.mapping(node, field, ScenarioKeys.PHONE);
        String name = phone.requiredString("name", "the name steps use for this phone");
        String profile = phone.requiredName("profile", "device profile",
                id -> DeviceProfiles.byName(id).isPresent(), DeviceProfiles.names());
        String user = phone.requiredString("user", "the SIP user the phone registers as");
        String password = phone.requiredString("password", "the phone's digest password");
        String serverName = phone.optionalString("server-name", "the host name the phone dials",
                PhoneSpec.DEFAULT_SERVER_NAME);
        List<String> trust = new ArrayList<>();
        Optional<YamlNode> trustNode = phone.optional("trust");
        if (trustNode.isPresent()) {
            List<YamlNode> items = reader.list(trustNode.get(), field + ".trust",
                    "a list of CA certificate fixture names, like [test-root]");
            for (int i = 0; i < items.size(); i++) {
                trust.add(reader.name(items.get(i), field + ".trust[" + i + "]", "certificate fixture",
                        ScenarioLoader::isFixture, FixtureName.allIds()));
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
        String clientCertificate = null;
        Optional<YamlNode> clientNode = phone.optional("client-certificate");
        if (clientNode.isPresent()) {
            clientCertificate = reader.name(clientNode.get(), phone.field("client-certificate"), "certificate fixture",
                    ScenarioLoader::isFixture, FixtureName.allIds());
        }
        return new PhoneSpec(name, profile, user, password, serverName, trust, allowWildcard, clock, provider,
                clientCertificate);
    }

    private static List<Step> steps(NodeReader reader, YamlNode node, Setup setup) throws ScenarioFileException {
        String expected = "a list of steps (register, call, hangup)";
        List<YamlNode> items = reader.list(node, "steps", expected);
        if (items.isEmpty()) {
            throw reader.error(node.mark(), "steps", "no step", expected);
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            steps.add(step(reader, items.get(i), "steps[" + i + "]", setup));
        }
        return steps;
    }

    private static Step step(NodeReader reader, YamlNode node, String field, Setup setup) throws ScenarioFileException {
        String kinds = "one of: " + String.join(", ", ScenarioKeys.STEP);
        Fields step = reader.mapping(node, field, ScenarioKeys.STEP);
        List<Entry> entries = ((Mapping) node).entries();
        if (entries.isEmpty()) {
            throw reader.error(node.mark(), field, "an empty step", kinds);
        }
        if (entries.size() > 1) {
            Entry second = entries.get(1);
            throw reader.error(second.keyMark(), field, "a second step kind '" + second.key() + "'",
                    "one step per list item");
        }
        Entry entry = entries.get(0);
        String kindField = step.field(entry.key());
        return switch (entry.key()) {
            case "register" -> new Step.Register(phoneName(reader, entry.value(), kindField, setup));
            case "hangup" -> new Step.Hangup(phoneName(reader, entry.value(), kindField, setup));
            default -> call(reader, entry.value(), kindField, setup);
        };
    }

    private static Step call(NodeReader reader, YamlNode node, String field, Setup setup) throws ScenarioFileException {
        Fields call = reader.mapping(node, field, ScenarioKeys.CALL);
        String phone = phoneName(reader, call.required("phone", "the name of the calling phone"), field + ".phone", setup);
        String to = call.requiredString("to", "the extension dialled, like \"600\"");
        Optional<YamlNode> mediaNode = call.optional("media");
        MediaSpec media = mediaNode.isEmpty() ? MediaSpec.DEFAULT : media(reader, mediaNode.get(), field + ".media");
        return new Step.Call(phone, to, media);
    }

    private static MediaSpec media(NodeReader reader, YamlNode node, String field) throws ScenarioFileException {
        Fields media = reader.mapping(node, field, ScenarioKeys.MEDIA);
        MediaSpec.Source source = MediaSpec.DEFAULT.source();
        Optional<YamlNode> sourceNode = media.optional("source");
        if (sourceNode.isPresent()) {
            source = reader.keyword(sourceNode.get(), field + ".source", MediaSpec.Source.values(),
                    MediaSpec.Source::keyword);
        }
        int seconds = MediaSpec.DEFAULT.seconds();
        Optional<YamlNode> secondsNode = media.optional("seconds");
        if (secondsNode.isPresent()) {
            seconds = (int) reader.integer(secondsNode.get(), field + ".seconds", 1, 3600);
        }
        return new MediaSpec(source, seconds);
    }

    private static String phoneName(NodeReader reader, YamlNode node, String field, Setup setup)
            throws ScenarioFileException {
        String declared = setup.phones().stream().map(PhoneSpec::name).collect(Collectors.joining(", "));
        String name = reader.string(node, field, "the name of a phone in setup.phones: " + declared);
        if (setup.phone(name).isEmpty()) {
            throw reader.error(node.mark(), field, "unknown phone '" + name + "'", "one of: " + declared);
        }
        return name;
    }

    private static Expectations expectations(NodeReader reader, YamlNode node, Setup setup) throws ScenarioFileException {
        Fields expect = reader.mapping(node, "expect", ScenarioKeys.EXPECT);
        requireSomething(reader, expect, ScenarioKeys.EXPECT);
        Expectations.Tls tls = null;
        Expectations.Sip sip = null;
        Expectations.Sdp sdp = null;
        Expectations.Media media = null;
        Expectations.Server server = null;
        Optional<YamlNode> group = expect.optional("tls");
        if (group.isPresent()) {
            tls = tls(reader, reader.mapping(group.get(), "expect.tls", ScenarioKeys.EXPECT_TLS));
        }
        group = expect.optional("sip");
        if (group.isPresent()) {
            sip = sip(reader, reader.mapping(group.get(), "expect.sip", ScenarioKeys.EXPECT_SIP));
        }
        group = expect.optional("sdp");
        if (group.isPresent()) {
            Fields fields = reader.mapping(group.get(), "expect.sdp", ScenarioKeys.EXPECT_SDP);
            requireSomething(reader, fields, ScenarioKeys.EXPECT_SDP);
            sdp = new Expectations.Sdp(
                    fields.optionalString("profile", "an m-line transport profile, like RTP/SAVP", null),
                    fields.optionalString("suite", "an SDES crypto suite, like AES_CM_128_HMAC_SHA1_80", null));
        }
        group = expect.optional("media");
        if (group.isPresent()) {
            media = media(reader, reader.mapping(group.get(), "expect.media", ScenarioKeys.EXPECT_MEDIA));
        }
        group = expect.optional("server");
        if (group.isPresent()) {
            Fields fields = reader.mapping(group.get(), "expect.server", ScenarioKeys.EXPECT_SERVER);
            requireSomething(reader, fields, ScenarioKeys.EXPECT_SERVER);
            server = server(reader, fields, setup);
        }
        return new Expectations(tls, sip, sdp, media, server);
    }

    /**
     * {@code expect.server}: {@code registered-contacts}, {@code contacts} (AOR to count) and
     * {@code endpoints} (endpoint to state, as {@code pjsip show endpoints} names it); AORs and
     * endpoints must be among the mock's endpoints.
     */
    private static Expectations.Server server(NodeReader reader, Fields fields, Setup setup) throws ScenarioFileException {
        Optional<YamlNode> registered = fields.optional("registered-contacts");
        Integer registeredContacts = registered.isEmpty() ? null
                : (int) reader.integer(registered.get(), fields.field("registered-contacts"), 0, Integer.MAX_VALUE);
        List<String> ids = setup.server() instanceof MockServer mock
                ? mock.endpoints().stream().map(Endpoint::id).toList() : List.of();
        Map<String, Integer> contacts = null;
        Optional<YamlNode> node = fields.optional("contacts");
        if (node.isPresent()) {
            contacts = new LinkedHashMap<>();
            for (Entry entry : serverMapping(reader, node.get(), fields.field("contacts"), ids,
                    "a mapping from AOR (endpoint id) to a contact count, like \"101\": 1")) {
                contacts.put(entry.key(), (int) reader.integer(entry.value(), fields.field("contacts") + "." + entry.key(),
                        0, Integer.MAX_VALUE));
            }
        }
        Map<String, EndpointState> endpoints = null;
        node = fields.optional("endpoints");
        if (node.isPresent()) {
            endpoints = new LinkedHashMap<>();
            for (Entry entry : serverMapping(reader, node.get(), fields.field("endpoints"), ids,
                    "a mapping from endpoint id to a state, like \"101\": Not in use")) {
                endpoints.put(entry.key(), reader.keyword(entry.value(), fields.field("endpoints") + "." + entry.key(),
                        EndpointState.values(), EndpointState::asteriskName));
            }
        }
        return new Expectations.Server(registeredContacts, contacts, endpoints);
    }

    /** A non-empty mapping whose keys are all mock endpoint ids. */
    private static List<Entry> serverMapping(NodeReader reader, YamlNode node, String field, List<String> ids,
                                             String expected) throws ScenarioFileException {
        Mapping mapping = reader.anyMapping(node, field, expected);
        if (mapping.entries().isEmpty()) {
            throw reader.error(node.mark(), field, "an empty mapping", expected);
        }
        for (Entry entry : mapping.entries()) {
            if (!ids.contains(entry.key())) {
                throw reader.error(entry.keyMark(), field, "unknown endpoint '" + entry.key() + "'",
                        "one of the mock's endpoints: " + String.join(", ", ids));
            }
        }
        return mapping.entries();
    }

    private static void requireSomething(NodeReader reader, Fields fields, List<String> keys)
            throws ScenarioFileException {
        if (fields.isEmpty()) {
            throw reader.error(fields.mark(), fields.field(), "nothing expected",
                    "at least one of: " + String.join(", ", keys));
        }
    }

    private static Expectations.Tls tls(NodeReader reader, Fields tls) throws ScenarioFileException {
        requireSomething(reader, tls, ScenarioKeys.EXPECT_TLS);
        Boolean established = null;
        Optional<YamlNode> node = tls.optional("established");
        if (node.isPresent()) {
            established = reader.bool(node.get(), tls.field("established"));
        }
        String version = tls.optionalString("version", "a protocol name, like TLSv1.2", null);
        String cipher = tls.optionalString("cipher", "an IANA cipher suite name, like TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", null);
        Long bitmask = null;
        node = tls.optional("bitmask");
        if (node.isPresent()) {
            bitmask = bitmask(reader, node.get(), tls.field("bitmask"));
        }
        return new Expectations.Tls(established, version, cipher, bitmask);
    }

    /** A D-Series verification bitmask: {@code "0x40000000"} or a decimal integer, defined flags only. */
    static long bitmask(NodeReader reader, YamlNode node, String field) throws ScenarioFileException {
        String expected = "a hex string of up to 8 digits like \"0x40000000\", or an unquoted decimal integer";
        if (!(node instanceof Scalar scalar) || scalar.isEmpty()) {
            throw reader.wrongType(node, field, expected);
        }
        String text = scalar.text().strip();
        long mask;
        if (HEX_MASK.matcher(text).matches()) {
            mask = Long.parseLong(text.substring(2), 16);
        } else if (scalar.kind() == YamlNode.Kind.INTEGER && DECIMAL.matcher(text).matches()
                && Long.parseLong(text) <= 0xFFFFFFFFL) {
            mask = Long.parseLong(text);
        } else {
            throw reader.error(node.mark(), field, "bad bitmask '" + text + "'", expected);
        }
        long undefined = mask & ~VerifyFlag.definedBits();
        if (undefined != 0) {
            throw reader.error(node.mark(), field, "bitmask " + VerifyFlag.format(mask) + " sets bits no flag defines ("
                    + VerifyFlag.format(undefined) + ")", "only the flag bits " + VerifyFlag.format(VerifyFlag.definedBits()));
        }
        return mask;
    }

    private static Expectations.Sip sip(NodeReader reader, Fields sip) throws ScenarioFileException {
        requireSomething(reader, sip, ScenarioKeys.EXPECT_SIP);
        return new Expectations.Sip(status(reader, sip, "register"), status(reader, sip, "invite"),
                status(reader, sip, "bye"));
    }

    private static ExpectedStatus status(NodeReader reader, Fields sip, String method) throws ScenarioFileException {
        Optional<YamlNode> node = sip.optional(method);
        if (node.isEmpty()) {
            return null;
        }
        if (node.get() instanceof Scalar scalar && scalar.kind() == YamlNode.Kind.STRING && scalar.text().equals("none")) {
            return ExpectedStatus.none();
        }
        if (!(node.get() instanceof Scalar scalar) || scalar.kind() != YamlNode.Kind.INTEGER) {
            throw reader.wrongType(node.get(), sip.field(method), STATUS);
        }
        String text = ((Scalar) node.get()).text();
        if (!text.matches("\\d{3}") || Integer.parseInt(text) < 200 || Integer.parseInt(text) > 699) {
            throw reader.error(node.get().mark(), sip.field(method), "out of range " + text, STATUS);
        }
        return ExpectedStatus.code(Integer.parseInt(text));
    }

    private static Expectations.Media media(NodeReader reader, Fields media) throws ScenarioFileException {
        requireSomething(reader, media, ScenarioKeys.EXPECT_MEDIA);
        Boolean allVerified = null;
        Optional<YamlNode> node = media.optional("all-verified");
        if (node.isPresent()) {
            allVerified = reader.bool(node.get(), media.field("all-verified"));
        }
        Long authFailures = null;
        node = media.optional("auth-failures");
        if (node.isPresent()) {
            authFailures = reader.integer(node.get(), media.field("auth-failures"), 0, Long.MAX_VALUE);
        }
        Long minPackets = null;
        node = media.optional("min-packets");
        if (node.isPresent()) {
            minPackets = reader.integer(node.get(), media.field("min-packets"), 1, Long.MAX_VALUE);
        }
        return new Expectations.Media(allVerified, authFailures, minPackets);
    }
}
