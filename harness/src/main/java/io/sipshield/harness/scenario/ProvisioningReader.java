package io.sipshield.harness.scenario;

import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.cisco.CiscoMac;
import io.sipshield.harness.scenario.NodeReader.Fields;
import io.sipshield.harness.scenario.YamlNode.Entry;
import io.sipshield.harness.scenario.YamlNode.Mapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything about a Cisco phone's boot (DEVICES.md §A.3) a scenario file says: the phone's {@code provisioning},
 * {@code mac} and {@code factory-reset} keys, the {@code provisioning} option of a {@code reboot} step, and the
 * {@code provisioning} expectation ({@code expect...provisioning} and a {@code reboot} step's {@code expect}).
 * A directory is a path ({@code provisioning: prov/}) or a mapping
 * {@code { directory: prov/, https-certificate: pbx-server-ec }}, relative to the scenario file.
 */
final class ProvisioningReader {

    private static final String EXPECTED = "a provisioning directory relative to the scenario file, or"
            + " { directory: DIR, https-certificate: FIXTURE }";
    private static final Pattern TRUST_LIST_FILE = Pattern.compile("(CTL|ITL)[A-Za-z0-9]*\\.tlv");

    private ProvisioningReader() {
    }

    /**
     * The phone's provisioning, or null when it has none; {@code mac} or {@code factory-reset} without
     * {@code provisioning} is an error.
     */
    static PhoneSpec.Provisioning read(NodeReader reader, Fields phone) throws ScenarioFileException {
        Optional<YamlNode> node = phone.optional("provisioning");
        Optional<YamlNode> macNode = phone.optional("mac");
        Optional<YamlNode> resetNode = phone.optional("factory-reset");
        if (node.isEmpty()) {
            for (String key : List.of("mac", "factory-reset")) {
                Optional<YamlNode> orphan = phone.optional(key);
                if (orphan.isPresent()) {
                    throw reader.error(orphan.get().mark(), phone.field(key), key + " without provisioning",
                            "provisioning: DIR beside " + key + " (only a provisioned Cisco phone has a MAC and a"
                                    + " trust store)");
                }
            }
            return null;
        }
        String mac = macNode.isEmpty() ? null : mac(reader, macNode.get(), phone.field("mac"));
        boolean factoryReset = resetNode.isPresent() && reader.bool(resetNode.get(), phone.field("factory-reset"));
        Directory directory = directory(reader, node.get(), phone.field("provisioning"));
        return new PhoneSpec.Provisioning(directory.path(), directory.httpsCertificate(), mac, factoryReset);
    }

    /** A provisioning tree and the certificate its HTTPS server presents (null: no HTTPS). */
    record Directory(Path path, String httpsCertificate) {
    }

    /**
     * A provisioning directory, {@code DIR} or {@code { directory: DIR, https-certificate: FIXTURE }}, that must
     * exist relative to the scenario file.
     */
    static Directory directory(NodeReader reader, YamlNode node, String field) throws ScenarioFileException {
        YamlNode directoryNode;
        String directoryField;
        String httpsCertificate = null;
        if (node instanceof YamlNode.Mapping) {
            Fields mapping = reader.mapping(node, field, ScenarioKeys.PROVISIONING);
            directoryNode = mapping.required("directory", "the provisioning directory, relative to the scenario file");
            directoryField = mapping.field("directory");
            Optional<YamlNode> https = mapping.optional("https-certificate");
            if (https.isPresent()) {
                httpsCertificate = reader.name(https.get(), mapping.field("https-certificate"), "certificate fixture",
                        SetupReader::isFixture, FixtureName.allIds());
            }
        } else if (node instanceof YamlNode.Scalar) {
            directoryNode = node;
            directoryField = field;
        } else {
            throw reader.wrongType(node, field, EXPECTED);
        }
        String text = reader.string(directoryNode, directoryField, EXPECTED);
        Path base = reader.file().toAbsolutePath().getParent();
        Path directory = base == null ? Path.of(text) : base.resolve(text).normalize();
        if (!Files.isDirectory(directory)) {
            throw reader.error(directoryNode.mark(), directoryField, "no such directory '" + text + "'", EXPECTED);
        }
        return new Directory(directory, httpsCertificate);
    }

    /**
     * {@code { trust-list, config, itl, ctl-records, sast, lists }}: how a boot of {@code phone} must end; the phone
     * must have {@code provisioning} in the setup.
     */
    static Expectations.Provisioning expectation(NodeReader reader, YamlNode node, String field, PhoneSpec phone)
            throws ScenarioFileException {
        if (phone.provisioning() == null) {
            throw reader.error(node.mark(), field, "phone '" + phone.name() + "' has no provisioning",
                    "provisioning: DIR on the phone in setup.phones");
        }
        Fields expect = reader.mapping(node, field, ScenarioKeys.EXPECT_PROVISIONING);
        if (expect.isEmpty()) {
            throw reader.error(node.mark(), field, "an empty mapping", "at least one of "
                    + String.join(", ", ScenarioKeys.EXPECT_PROVISIONING));
        }
        String trustList = word(reader, expect, "trust-list", Expectations.Provisioning.TRUST_LIST);
        String config = word(reader, expect, "config", Expectations.Provisioning.CONFIG);
        String itl = null;
        Optional<YamlNode> itlNode = expect.optional("itl");
        if (itlNode.isPresent()) {
            String expected = "the name the ITL in force came under (ITLFile.tlv, ITLSEP<MAC>.tlv) or none";
            itl = reader.string(itlNode.get(), expect.field("itl"), expected);
            if (!itl.equals("none") && !(itl.startsWith("ITL") && TRUST_LIST_FILE.matcher(itl).matches())) {
                throw reader.error(itlNode.get().mark(), expect.field("itl"), "'" + itl + "' is no ITL name", expected);
            }
        }
        Optional<YamlNode> ctlNode = expect.optional("ctl-records");
        Integer ctlRecords = ctlNode.isEmpty() ? null
                : (int) reader.integer(ctlNode.get(), expect.field("ctl-records"), 0, 1000);
        List<String> sast = sast(reader, expect);
        Map<String, String> lists = lists(reader, expect);
        return new Expectations.Provisioning(trustList, config, itl, ctlRecords, sast, lists);
    }

    private static String word(NodeReader reader, Fields fields, String key, List<String> words)
            throws ScenarioFileException {
        Optional<YamlNode> node = fields.optional(key);
        return node.isEmpty() ? null : reader.name(node.get(), fields.field(key), key + " outcome", words::contains,
                String.join(", ", words));
    }

    /** {@code sast: other-root} or {@code sast: [other-root, test-root]}: fixtures, at most 2 (device-security.html). */
    private static List<String> sast(NodeReader reader, Fields fields) throws ScenarioFileException {
        Optional<YamlNode> node = fields.optional("sast");
        if (node.isEmpty()) {
            return null;
        }
        String field = fields.field("sast");
        List<YamlNode> items = node.get() instanceof YamlNode.Scalar ? List.of(node.get())
                : reader.list(node.get(), field, "a SAST fixture or a list of them, like [other-root]");
        List<String> sast = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemField = items.size() == 1 && node.get() instanceof YamlNode.Scalar ? field : field + "[" + i + "]";
            sast.add(reader.name(items.get(i), itemField, "certificate fixture", SetupReader::isFixture,
                    FixtureName.allIds()));
        }
        return sast;
    }

    /** {@code lists: { ITLFile.tlv: rejected, CTLSEP001122334455.tlv: installed }}. */
    private static Map<String, String> lists(NodeReader reader, Fields fields) throws ScenarioFileException {
        Optional<YamlNode> node = fields.optional("lists");
        if (node.isEmpty()) {
            return null;
        }
        String field = fields.field("lists");
        String expected = "a mapping from trust-list file to outcome, like { ITLFile.tlv: rejected }";
        Mapping mapping = reader.anyMapping(node.get(), field, expected);
        if (mapping.entries().isEmpty()) {
            throw reader.error(node.get().mark(), field, "an empty mapping", expected);
        }
        Map<String, String> lists = new LinkedHashMap<>();
        for (Entry entry : mapping.entries()) {
            if (!TRUST_LIST_FILE.matcher(entry.key()).matches()) {
                throw reader.error(entry.keyMark(), field, "'" + entry.key() + "' is no trust-list file",
                        "CTLSEP<MAC>.tlv, ITLSEP<MAC>.tlv or ITLFile.tlv");
            }
            List<String> words = Expectations.Provisioning.LIST_DECISIONS;
            lists.put(entry.key(), reader.name(entry.value(), field + "." + entry.key(), "trust-list outcome",
                    words::contains, String.join(", ", words)));
        }
        return lists;
    }

    private static String mac(NodeReader reader, YamlNode node, String field) throws ScenarioFileException {
        String expected = "a MAC address like 00:11:22:33:44:55 (or 001122334455, SEP001122334455)";
        String text = reader.string(node, field, expected);
        try {
            return CiscoMac.parse(text).hex();
        } catch (IllegalArgumentException e) {
            throw reader.error(node.mark(), field, "'" + text + "' is not a MAC address", expected);
        }
    }
}
