package io.sipshield.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.cisco.FormatVersion;
import io.sipshield.certs.cisco.SignedFile;
import io.sipshield.certs.cisco.TrustListFile;
import io.sipshield.certs.cisco.TrustListRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The files a Cisco provisioning directory describes but cannot hold, made at run time (the test PKI is
 * generated per run), in an already materialised copy ({@link VendorConfigFiles}):
 * <ul>
 *   <li>{@code NAME.tlv.yaml} {@code { signer: FIXTURE, records: [{certificate: FIXTURE, role: CCM}],
 *       signer-version: "1.0" }} becomes {@code NAME.tlv}: a trust list as usecallmanager's
 *       {@code tlvfile --build} writes it, signed by the signer fixture's key, the signer being the first
 *       SAST record (DEVICES.md §A.3); more than two SAST records make a list {@code tlvfile} would refuse to
 *       build, to test that a phone refuses it too; its timestamp is the fixture catalog's instant, so the same
 *       description gives the same bytes for the whole run;</li>
 *   <li>{@code NAME.sgn.yaml} {@code { file: SEP001122334455.cnf.xml, signer: FIXTURE, tamper: false }}
 *       becomes {@code NAME.sgn} (like {@code NAME.tlv}; {@code SEP001122334455.cnf.xml.sgn.yaml} makes
 *       {@code SEP001122334455.cnf.xml.sgn}): the neighbour {@code file} signed as {@code sgnfile} does, with
 *       header FILENAME {@code NAME.sgn}; {@code tamper: true} changes one payload byte after signing, so the
 *       signature no longer matches.</li>
 * </ul>
 * Errors name the scenario-relative file and the field.
 */
final class ProvisioningTree {

    static final String TLV_SUFFIX = ".tlv.yaml";
    static final String SGN_SUFFIX = ".sgn.yaml";
    private static final Set<String> TLV_KEYS = Set.of("signer", "records", "signer-version");
    private static final Set<String> SGN_KEYS = Set.of("file", "signer", "tamper");

    private final FixtureCatalog catalog;
    private final BiConsumer<X509Certificate, String> named;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    ProvisioningTree(FixtureCatalog catalog) {
        this(catalog, (certificate, id) -> { });
    }

    /** @param named told each fixture a description names, with its id (so reports can name a list's records) */
    ProvisioningTree(FixtureCatalog catalog, BiConsumer<X509Certificate, String> named) {
        this.catalog = catalog;
        this.named = named;
    }

    /**
     * Builds every described file in {@code copy} and removes the descriptions (the phone must not see them).
     *
     * @param shownAs the directory as the scenario names it, for messages
     * @throws IllegalArgumentException naming the file and field when a description is unusable
     */
    void build(Path copy, Path shownAs) throws IOException {
        List<Path> descriptions = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(copy)) {
            walk.filter(Files::isRegularFile).filter(file -> name(file).endsWith(TLV_SUFFIX) || name(file).endsWith(SGN_SUFFIX))
                    .sorted().forEach(descriptions::add);
        }
        // trust lists first: nothing depends on them; signed files may sign any neighbour
        for (Path file : descriptions) {
            if (name(file).endsWith(TLV_SUFFIX)) {
                trustList(file, shownAs.resolve(copy.relativize(file).toString()).toString());
            }
        }
        for (Path file : descriptions) {
            if (name(file).endsWith(SGN_SUFFIX)) {
                signedFile(file, shownAs.resolve(copy.relativize(file).toString()).toString());
            }
        }
        for (Path file : descriptions) {
            Files.delete(file);
        }
    }

    private void trustList(Path file, String shown) throws IOException {
        JsonNode root = read(file, shown, TLV_KEYS);
        IssuedCertificate signer = fixture(root, "signer", shown);
        FormatVersion version = FormatVersion.SIGNER_1_0;
        JsonNode versionNode = root.get("signer-version");
        if (versionNode != null) {
            String text = versionNode.asText();
            if (!text.equals("1.0") && !text.equals("1.1")) {
                throw new IllegalArgumentException(shown + ": signer-version: '" + text + "'; expected \"1.0\" or \"1.1\"");
            }
            version = FormatVersion.parse(text);
        }
        JsonNode records = root.get("records");
        if (records == null || !records.isArray() || records.isEmpty()) {
            throw new IllegalArgumentException(shown + ": records: expected a list like [{ certificate: pbx-server, role: CCM }]");
        }
        String name = name(file);
        String target = name.substring(0, name.length() - TLV_SUFFIX.length()) + ".tlv";
        // the catalog's instant, not the clock: the same description gives the same bytes all run long, so a
        // phone offered it again sees an unchanged list rather than a new version
        TrustListFile.Builder builder = TrustListFile.builder().signedBy(signer).signerVersion(version).filename(target)
                .timestamp(catalog.now());
        int otherSast = 0; // SAST records besides the signer's own
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            String field = "records[" + i + "]";
            if (!record.isObject()) {
                throw new IllegalArgumentException(shown + ": " + field + ": expected { certificate: FIXTURE, role: ROLE }");
            }
            IssuedCertificate certificate = fixture(record, "certificate", shown + ": " + field);
            String label = text(record, "role", shown + ": " + field);
            TrustListRole role = TrustListRole.fromLabel(label).orElseThrow(() -> new IllegalArgumentException(
                    shown + ": " + field + ".role: unknown role '" + label + "'; expected SAST, CCM, CCM+TFTP, TFTP, CAPF,"
                            + " APP-SERVER or TVS"));
            if (role == TrustListRole.SAST && certificate.certificate().equals(signer.certificate())) {
                continue; // the builder adds the signer's own SAST record first
            }
            builder.add(role, certificate.certificate());
            otherSast += role == TrustListRole.SAST ? 1 : 0;
        }
        if (otherSast + 1 > 2) {
            builder.withoutSastLimit(); // a list tlvfile would refuse, to test that the phone refuses it too
        }
        builder.build().write(file.resolveSibling(target));
    }

    private void signedFile(Path file, String shown) throws IOException {
        JsonNode root = read(file, shown, SGN_KEYS);
        String neighbour = text(root, "file", shown);
        Path payloadFile = file.resolveSibling(neighbour);
        if (neighbour.contains("/") || !Files.isRegularFile(payloadFile)) {
            throw new IllegalArgumentException(shown + ": file: no file '" + neighbour + "' beside it; expected the name"
                    + " of a neighbour to sign, like SEP001122334455.cnf.xml");
        }
        IssuedCertificate signer = fixture(root, "signer", shown);
        JsonNode tamperNode = root.get("tamper");
        if (tamperNode != null && !tamperNode.isBoolean()) {
            throw new IllegalArgumentException(shown + ": tamper: '" + tamperNode.asText() + "'; expected true or false");
        }
        String name = name(file);
        String target = name.substring(0, name.length() - ".yaml".length());
        SignedFile signed = SignedFile.builder().signedBy(signer).payload(Files.readAllBytes(payloadFile))
                .filename(target).timestamp(catalog.now()).build();
        byte[] bytes = signed.toBytes();
        if (tamperNode != null && tamperNode.booleanValue()) {
            bytes[bytes.length - 1] ^= 0x01; // the last payload byte: the header still parses, the digest does not match
        }
        Files.write(file.resolveSibling(target), bytes);
    }

    private JsonNode read(Path file, String shown, Set<String> keys) throws IOException {
        JsonNode root;
        try {
            root = yaml.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(shown + ": not YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(shown + ": expected a mapping with keys " + keys);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!keys.contains(key)) {
                throw new IllegalArgumentException(shown + ": unknown key '" + key + "'; expected one of " + keys);
            }
        }
        return root;
    }

    private IssuedCertificate fixture(JsonNode node, String key, String where) {
        String id = text(node, key, where);
        FixtureName name = FixtureName.byId(id).orElseThrow(() -> new IllegalArgumentException(where + ": " + key
                + ": unknown fixture '" + id + "'; expected one of: " + FixtureName.allIds()));
        IssuedCertificate certificate = catalog.get(name);
        named.accept(certificate.certificate(), id);
        return certificate;
    }

    private static String text(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": " + key + ": missing; expected a " + key);
        }
        return value.asText();
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }
}
