package io.sipshield.harness.scenario;

import io.sipshield.emulator.tls.TlsAlert;
import io.sipshield.emulator.tls.VerifyFlag;
import io.sipshield.harness.mock.EndpointState;
import io.sipshield.harness.scenario.NodeReader.Fields;
import io.sipshield.harness.scenario.YamlNode.Entry;
import io.sipshield.harness.scenario.YamlNode.Mapping;
import io.sipshield.harness.scenario.YamlNode.Scalar;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code expect}: the groups about the first phone ({@code tls}, {@code sip}, {@code sdp},
 * {@code media}), {@code server}, and {@code phones.<name>} with the same groups for any phone; and
 * a step's own {@code expect} (a final status).
 */
final class ExpectationReader {

    static final String STATUS = "a final status code from 200 to 699, or none";
    private static final Pattern HEX_MASK = Pattern.compile("0[xX][0-9a-fA-F]{1,8}");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,10}");

    private final NodeReader reader;

    ExpectationReader(NodeReader reader) {
        this.reader = reader;
    }

    /** The scenario's {@code expect}; phone names are checked against {@code setup}. */
    Expectations expectations(YamlNode node, Setup setup, boolean embeddedServer) throws ScenarioFileException {
        Fields expect = reader.mapping(node, "expect", ScenarioKeys.EXPECT);
        requireSomething(expect, ScenarioKeys.EXPECT);
        Groups first = groups(expect, "expect");
        Expectations.Server server = null;
        Optional<YamlNode> group = expect.optional("server");
        if (group.isPresent()) {
            if (!embeddedServer) {
                throw reader.error(group.get().mark(), "expect.server", "server facts with a target server",
                        "no expect.server with setup.server.target (server facts need the embedded mock)");
            }
            server = server(reader.mapping(group.get(), "expect.server", ScenarioKeys.EXPECT_SERVER), setup);
        }
        Map<String, Expectations.Phone> phones = new LinkedHashMap<>();
        Map<String, ConnectionExpectation> connections = new LinkedHashMap<>();
        ConnectionExpectation firstConnection = connection(expect, "expect");
        if (firstConnection != null) {
            connections.put(setup.phones().get(0).name(), firstConnection);
        }
        group = expect.optional("phones");
        if (group.isPresent()) {
            String declared = setup.phones().stream().map(PhoneSpec::name).collect(Collectors.joining(", "));
            Mapping mapping = reader.anyMapping(group.get(), "expect.phones",
                    "a mapping from phone name to its expectations (tls, sip, sdp, media)");
            for (Entry entry : mapping.entries()) {
                String field = "expect.phones." + entry.key();
                if (setup.phone(entry.key()).isEmpty()) {
                    throw reader.error(entry.keyMark(), "expect.phones", "unknown phone '" + entry.key() + "'",
                            "one of: " + declared);
                }
                Fields phone = reader.mapping(entry.value(), field, ScenarioKeys.EXPECT_PHONE);
                requireSomething(phone, ScenarioKeys.EXPECT_PHONE);
                ConnectionExpectation connection = connection(phone, field);
                if (connection != null) {
                    connections.put(entry.key(), connection);
                }
                if (connection != null && phone.optional("connection").isPresent()
                        && ((Mapping) entry.value()).entries().size() == 1) {
                    continue; // only the connection is stated about this phone
                }
                Groups groups = groups(phone, field);
                phones.put(entry.key(), new Expectations.Phone(groups.tls(), groups.sip(), groups.sdp(), groups.media(),
                        provisioning(phone, field, setup.phone(entry.key()).orElseThrow())));
            }
        }
        Expectations.Provisioning provisioning = setup.phones().isEmpty() ? null
                : provisioning(expect, "expect", setup.phones().get(0));
        Expectations.ConfigFile config = setup.phones().isEmpty() ? null : configFile(expect, setup.phones().get(0));
        return new Expectations(first.tls(), first.sip(), first.sdp(), first.media(), server, phones, provisioning,
                config, connections);
    }

    /**
     * {@code connection: { drops: N, recovered: BOOL, calls-ended: N, cause-contains: TEXT }} about what became
     * of a phone's connection (RFC 5626 flow failures and recoveries), or null when not stated.
     */
    private ConnectionExpectation connection(Fields fields, String place) throws ScenarioFileException {
        Optional<YamlNode> group = fields.optional("connection");
        if (group.isEmpty()) {
            return null;
        }
        String field = place + ".connection";
        Fields connection = reader.mapping(group.get(), field, ScenarioKeys.EXPECT_CONNECTION);
        requireSomething(connection, ScenarioKeys.EXPECT_CONNECTION);
        Optional<YamlNode> drops = connection.optional("drops");
        Optional<YamlNode> recovered = connection.optional("recovered");
        Optional<YamlNode> callsEnded = connection.optional("calls-ended");
        return new ConnectionExpectation(
                drops.isEmpty() ? null : (int) reader.integer(drops.get(), field + ".drops", 0, 1_000_000),
                recovered.isEmpty() ? null : reader.bool(recovered.get(), field + ".recovered"),
                callsEnded.isEmpty() ? null : (int) reader.integer(callsEnded.get(), field + ".calls-ended", 0, 1_000_000),
                connection.optionalString("cause-contains", "a text the first failure's cause contains", null));
    }

    /**
     * {@code config: { warnings-contain: [TEXT...], warnings-exclude: [TEXT...] }} about what reading the first
     * phone's vendor configuration reported; the phone must have {@code config} or {@code provisioning}.
     */
    private Expectations.ConfigFile configFile(Fields fields, PhoneSpec phone) throws ScenarioFileException {
        Optional<YamlNode> group = fields.optional("config");
        if (group.isEmpty()) {
            return null;
        }
        if (phone.config() == null && phone.provisioning() == null) {
            throw reader.error(group.get().mark(), "expect.config", "phone '" + phone.name() + "' has no configuration file",
                    "config: FILE (or provisioning: DIR) on the first phone in setup.phones");
        }
        Fields config = reader.mapping(group.get(), "expect.config", ScenarioKeys.EXPECT_CONFIG);
        requireSomething(config, ScenarioKeys.EXPECT_CONFIG);
        return new Expectations.ConfigFile(texts(config, "warnings-contain"), texts(config, "warnings-exclude"));
    }

    private List<String> texts(Fields fields, String key) throws ScenarioFileException {
        Optional<YamlNode> node = fields.optional(key);
        if (node.isEmpty()) {
            return List.of();
        }
        String expected = "a list of texts a warning contains, e.g. [\"setting transport_tls_port\"]";
        List<YamlNode> items = reader.list(node.get(), fields.field(key), expected);
        if (items.isEmpty()) {
            throw reader.wrongType(node.get(), fields.field(key), expected);
        }
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            texts.add(reader.string(items.get(i), fields.field(key) + "[" + i + "]", "a non-empty text"));
        }
        return texts;
    }

    /**
     * {@code provisioning: { trust-list, config, itl, ctl-records, sast, lists }} about {@code phone}'s last boot
     * (DEVICES.md §A.3), read by {@link ProvisioningReader#expectation}; the phone must have {@code provisioning}.
     */
    private Expectations.Provisioning provisioning(Fields fields, String place, PhoneSpec phone)
            throws ScenarioFileException {
        Optional<YamlNode> group = fields.optional("provisioning");
        return group.isEmpty() ? null
                : ProvisioningReader.expectation(reader, group.get(), place + ".provisioning", phone);
    }

    private record Groups(Expectations.Tls tls, Expectations.Sip sip, Expectations.Sdp sdp, Expectations.Media media) {
    }

    private Groups groups(Fields fields, String place) throws ScenarioFileException {
        Expectations.Tls tls = null;
        Expectations.Sip sip = null;
        Expectations.Sdp sdp = null;
        Expectations.Media media = null;
        Optional<YamlNode> group = fields.optional("tls");
        if (group.isPresent()) {
            tls = tls(reader.mapping(group.get(), place + ".tls", ScenarioKeys.EXPECT_TLS));
        }
        group = fields.optional("sip");
        if (group.isPresent()) {
            sip = sip(reader.mapping(group.get(), place + ".sip", ScenarioKeys.EXPECT_SIP));
        }
        group = fields.optional("sdp");
        if (group.isPresent()) {
            Fields sdpFields = reader.mapping(group.get(), place + ".sdp", ScenarioKeys.EXPECT_SDP);
            requireSomething(sdpFields, ScenarioKeys.EXPECT_SDP);
            sdp = new Expectations.Sdp(
                    sdpFields.optionalString("profile", "an m-line transport profile, like RTP/SAVP", null),
                    sdpFields.optionalString("suite", "an SDES crypto suite, like AES_CM_128_HMAC_SHA1_80", null));
        }
        group = fields.optional("media");
        if (group.isPresent()) {
            media = media(reader.mapping(group.get(), place + ".media", ScenarioKeys.EXPECT_MEDIA));
        }
        return new Groups(tls, sip, sdp, media);
    }

    /**
     * {@code expect.server}: {@code registered-contacts}, {@code contacts} (AOR to count) and
     * {@code endpoints} (endpoint to state, as {@code pjsip show endpoints} names it); AORs and
     * endpoints must be among the mock's endpoints (any id when Asterisk configuration declares them).
     */
    private Expectations.Server server(Fields fields, Setup setup) throws ScenarioFileException {
        requireSomething(fields, ScenarioKeys.EXPECT_SERVER);
        Optional<YamlNode> registered = fields.optional("registered-contacts");
        Integer registeredContacts = registered.isEmpty() ? null
                : (int) reader.integer(registered.get(), fields.field("registered-contacts"), 0, Integer.MAX_VALUE);
        MockServer mock = (MockServer) setup.server();
        List<String> ids = mock.config() != null ? null : mock.endpoints().stream().map(Endpoint::id).toList();
        Map<String, Integer> contacts = null;
        Optional<YamlNode> node = fields.optional("contacts");
        if (node.isPresent()) {
            contacts = new LinkedHashMap<>();
            for (Entry entry : serverMapping(node.get(), fields.field("contacts"), ids,
                    "a mapping from AOR (endpoint id) to a contact count, like \"101\": 1")) {
                contacts.put(entry.key(), (int) reader.integer(entry.value(), fields.field("contacts") + "." + entry.key(),
                        0, Integer.MAX_VALUE));
            }
        }
        Map<String, EndpointState> endpoints = null;
        node = fields.optional("endpoints");
        if (node.isPresent()) {
            endpoints = new LinkedHashMap<>();
            for (Entry entry : serverMapping(node.get(), fields.field("endpoints"), ids,
                    "a mapping from endpoint id to a state, like \"101\": Not in use")) {
                endpoints.put(entry.key(), reader.keyword(entry.value(), fields.field("endpoints") + "." + entry.key(),
                        EndpointState.values(), EndpointState::asteriskName));
            }
        }
        return new Expectations.Server(registeredContacts, contacts, endpoints);
    }

    /** A non-empty mapping whose keys are all mock endpoint ids ({@code ids} null: any key). */
    private List<Entry> serverMapping(YamlNode node, String field, List<String> ids, String expected)
            throws ScenarioFileException {
        Mapping mapping = reader.anyMapping(node, field, expected);
        if (mapping.entries().isEmpty()) {
            throw reader.error(node.mark(), field, "an empty mapping", expected);
        }
        for (Entry entry : mapping.entries()) {
            if (ids != null && !ids.contains(entry.key())) {
                throw reader.error(entry.keyMark(), field, "unknown endpoint '" + entry.key() + "'",
                        "one of the mock's endpoints: " + String.join(", ", ids));
            }
        }
        return mapping.entries();
    }

    private void requireSomething(Fields fields, List<String> keys) throws ScenarioFileException {
        if (fields.isEmpty()) {
            throw reader.error(fields.mark(), fields.field(), "nothing expected",
                    "at least one of: " + String.join(", ", keys));
        }
    }

    private Expectations.Tls tls(Fields tls) throws ScenarioFileException {
        requireSomething(tls, ScenarioKeys.EXPECT_TLS);
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
            bitmask = bitmask(node.get(), tls.field("bitmask"));
        }
        Expectations.Alert alert = null;
        node = tls.optional("alert");
        if (node.isPresent()) {
            alert = alert(reader.mapping(node.get(), tls.field("alert"), ScenarioKeys.EXPECT_TLS_ALERT));
        }
        Set<VerifyFlag> contains = flags(tls, "bitmask-contains");
        Set<VerifyFlag> excludes = flags(tls, "bitmask-excludes");
        Set<VerifyFlag> both = EnumSet.noneOf(VerifyFlag.class);
        both.addAll(contains);
        both.retainAll(excludes);
        if (!both.isEmpty()) {
            throw reader.error(tls.optional("bitmask-excludes").orElseThrow().mark(), tls.field("bitmask-excludes"),
                    "flags both required and excluded: " + both, "flags not listed in bitmask-contains");
        }
        return new Expectations.Tls(established, version, cipher, bitmask, alert, contains, excludes);
    }

    private Expectations.Alert alert(Fields alert) throws ScenarioFileException {
        requireSomething(alert, ScenarioKeys.EXPECT_TLS_ALERT);
        String names = TlsAlert.names().toString();
        String name = null;
        Optional<YamlNode> node = alert.optional("name");
        if (node.isPresent()) {
            name = reader.name(node.get(), alert.field("name"), "alert name", TlsAlert.names()::contains,
                    "RFC 8446 alert names " + names);
        }
        Integer code = null;
        node = alert.optional("code");
        if (node.isPresent()) {
            code = (int) reader.integer(node.get(), alert.field("code"), 0, 255);
        }
        if (name != null && code != null && TlsAlert.codeOf(name).orElseThrow() != code.intValue()) {
            throw reader.error(node.get().mark(), alert.field("code"), name + " is " + TlsAlert.codeOf(name).orElseThrow()
                    + ", not " + code, "the code of the alert named, or only one of name and code");
        }
        String sentBy = null;
        node = alert.optional("sent-by");
        if (node.isPresent()) {
            sentBy = reader.name(node.get(), alert.field("sent-by"), "sender", List.of("server", "phone")::contains,
                    "server, phone");
        }
        return new Expectations.Alert(name, code, sentBy);
    }

    private Set<VerifyFlag> flags(Fields tls, String key) throws ScenarioFileException {
        Optional<YamlNode> node = tls.optional(key);
        if (node.isEmpty()) {
            return Set.of();
        }
        String names = Arrays.stream(VerifyFlag.values()).map(Enum::name).collect(Collectors.joining(", "));
        List<YamlNode> items = reader.list(node.get(), tls.field(key), "a list of flag names like [EUNTRUSTED]");
        if (items.isEmpty()) {
            throw reader.error(node.get().mark(), tls.field(key), "no flag", "at least one of: " + names);
        }
        Set<VerifyFlag> flags = EnumSet.noneOf(VerifyFlag.class);
        for (int i = 0; i < items.size(); i++) {
            String name = reader.name(items.get(i), tls.field(key) + "[" + i + "]", "flag",
                    text -> Arrays.stream(VerifyFlag.values()).anyMatch(flag -> flag.name().equals(text)), names);
            flags.add(VerifyFlag.valueOf(name));
        }
        return flags;
    }

    /** A D-Series verification bitmask: {@code "0x40000000"} or a decimal integer, defined flags only. */
    long bitmask(YamlNode node, String field) throws ScenarioFileException {
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

    private Expectations.Sip sip(Fields sip) throws ScenarioFileException {
        requireSomething(sip, ScenarioKeys.EXPECT_SIP);
        return new Expectations.Sip(status(sip, "register"), status(sip, "invite"), status(sip, "bye"),
                status(sip, "unregister"));
    }

    private ExpectedStatus status(Fields sip, String method) throws ScenarioFileException {
        Optional<YamlNode> node = sip.optional(method);
        return node.isEmpty() ? null : status(node.get(), sip.field(method));
    }

    /** A final status ({@code 200}) or {@code none}. */
    ExpectedStatus status(YamlNode node, String field) throws ScenarioFileException {
        if (node instanceof Scalar scalar && scalar.kind() == YamlNode.Kind.STRING && scalar.text().equals("none")) {
            return ExpectedStatus.none();
        }
        if (!(node instanceof Scalar scalar) || scalar.kind() != YamlNode.Kind.INTEGER) {
            throw reader.wrongType(node, field, STATUS);
        }
        String text = scalar.text();
        if (!text.matches("\\d{3}") || Integer.parseInt(text) < 200 || Integer.parseInt(text) > 699) {
            throw reader.error(node.mark(), field, "out of range " + text, STATUS);
        }
        return ExpectedStatus.code(Integer.parseInt(text));
    }

    private Expectations.Media media(Fields media) throws ScenarioFileException {
        requireSomething(media, ScenarioKeys.EXPECT_MEDIA);
        Boolean allVerified = null;
        Optional<YamlNode> node = media.optional("all-verified");
        if (node.isPresent()) {
            allVerified = reader.bool(node.get(), media.field("all-verified"));
        }
        Long authFailures = optionalInteger(media, "auth-failures", 0, Long.MAX_VALUE);
        Long minPackets = optionalInteger(media, "min-packets", 1, Long.MAX_VALUE);
        Double maxLoss = optionalNumber(media, "max-loss-percent", 100);
        Double maxJitter = optionalNumber(media, "max-jitter-ms", 10_000);
        Long toneHz = optionalInteger(media, "tone-hz", 1, 3999);
        Long receivedMin = optionalInteger(media, "received-min-packets", 1, Long.MAX_VALUE);
        Long replays = optionalInteger(media, "replays", 0, Long.MAX_VALUE);
        Long reordered = optionalInteger(media, "reordered", 0, Long.MAX_VALUE);
        Boolean asImpaired = null;
        Optional<YamlNode> impaired = media.optional("counted-as-impaired");
        if (impaired.isPresent()) {
            asImpaired = reader.bool(impaired.get(), media.field("counted-as-impaired"));
        }
        return new Expectations.Media(allVerified, authFailures, minPackets, maxLoss, maxJitter,
                toneHz == null ? null : toneHz.intValue(), receivedMin, replays, reordered, asImpaired);
    }

    private Long optionalInteger(Fields fields, String key, long min, long max) throws ScenarioFileException {
        Optional<YamlNode> node = fields.optional(key);
        return node.isEmpty() ? null : reader.integer(node.get(), fields.field(key), min, max);
    }

    private Double optionalNumber(Fields fields, String key, double max) throws ScenarioFileException {
        Optional<YamlNode> node = fields.optional(key);
        return node.isEmpty() ? null : reader.number(node.get(), fields.field(key), 0, max);
    }
}
