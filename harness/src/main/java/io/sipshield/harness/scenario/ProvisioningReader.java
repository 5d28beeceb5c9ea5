package io.sipshield.harness.scenario;

import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.cisco.CiscoMac;
import io.sipshield.harness.scenario.NodeReader.Fields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A phone's {@code provisioning} and {@code mac} keys: the directory a Cisco phone boots from before it
 * connects (DEVICES.md §A.3), either as a path ({@code provisioning: prov/}) or as a mapping
 * {@code { directory: prov/, https-certificate: pbx-server-ec }}.
 */
final class ProvisioningReader {

    private static final String EXPECTED = "a provisioning directory relative to the scenario file, or"
            + " { directory: DIR, https-certificate: FIXTURE }";

    private ProvisioningReader() {
    }

    /** The phone's provisioning, or null when it has none; {@code mac} without {@code provisioning} is an error. */
    static PhoneSpec.Provisioning read(NodeReader reader, Fields phone) throws ScenarioFileException {
        Optional<YamlNode> node = phone.optional("provisioning");
        Optional<YamlNode> macNode = phone.optional("mac");
        if (node.isEmpty()) {
            if (macNode.isPresent()) {
                throw reader.error(macNode.get().mark(), phone.field("mac"), "mac without provisioning",
                        "provisioning: DIR beside mac (the MAC names the files the phone asks for)");
            }
            return null;
        }
        String mac = macNode.isEmpty() ? null : mac(reader, macNode.get(), phone.field("mac"));
        String field = phone.field("provisioning");
        YamlNode directoryNode;
        String directoryField;
        String httpsCertificate = null;
        if (node.get() instanceof YamlNode.Mapping) {
            Fields mapping = reader.mapping(node.get(), field, ScenarioKeys.PROVISIONING);
            directoryNode = mapping.required("directory", "the provisioning directory, relative to the scenario file");
            directoryField = mapping.field("directory");
            Optional<YamlNode> https = mapping.optional("https-certificate");
            if (https.isPresent()) {
                httpsCertificate = reader.name(https.get(), mapping.field("https-certificate"), "certificate fixture",
                        SetupReader::isFixture, FixtureName.allIds());
            }
        } else if (node.get() instanceof YamlNode.Scalar) {
            directoryNode = node.get();
            directoryField = field;
        } else {
            throw reader.wrongType(node.get(), field, EXPECTED);
        }
        String text = reader.string(directoryNode, directoryField, EXPECTED);
        Path base = reader.file().toAbsolutePath().getParent();
        Path directory = base == null ? Path.of(text) : base.resolve(text).normalize();
        if (!Files.isDirectory(directory)) {
            throw reader.error(directoryNode.mark(), directoryField, "no such directory '" + text + "'", EXPECTED);
        }
        return new PhoneSpec.Provisioning(directory, httpsCertificate, mac);
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
