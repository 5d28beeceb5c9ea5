package io.sipshield.harness.run;

import io.netty.channel.EventLoopGroup;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.cisco.CiscoMac;
import io.sipshield.emulator.cisco.CiscoProvisioningClient;
import io.sipshield.emulator.cisco.CiscoTrustStore;
import io.sipshield.emulator.cisco.ProvisioningLog;
import io.sipshield.emulator.cisco.ProvisioningResult;
import io.sipshield.harness.provisioning.ProvisioningRequest;
import io.sipshield.harness.provisioning.ProvisioningServer;
import io.sipshield.harness.scenario.PhoneSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One boot of a scenario phone from a provisioning tree (DEVICES.md §A.3): the tree is materialised
 * ({@link VendorConfigFiles}, then {@link ProvisioningTree}), served on loopback by a {@link ProvisioningServer}
 * (HTTP and TFTP on free ports, HTTPS too with a certificate), and a {@link CiscoProvisioningClient} boots from
 * it with the trust store it is given, as a phone does before it registers. Which store (fresh, kept from an
 * earlier boot, kept in a state directory across runs) is {@link PhoneBoots}'s business.
 */
final class PhoneProvisioning {

    /** How long a whole boot sequence may take (every file over HTTP, TFTP fallbacks included). */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern SEP_FILE = Pattern.compile("SEP([0-9A-Fa-f]{12})\\.cnf\\.xml.*");

    private final VendorConfigFiles vendorFiles;
    private final FixtureCatalog catalog;
    private final EventLoopGroup group;

    PhoneProvisioning(VendorConfigFiles vendorFiles, FixtureCatalog catalog, EventLoopGroup group) {
        this.vendorFiles = vendorFiles;
        this.catalog = catalog;
        this.group = group;
    }

    /**
     * What the boot left the phone with.
     *
     * @param result     the client's result: log, trust list, accepted configuration
     * @param configFile the accepted configuration written as {@code SEP<MAC>.cnf.xml} for {@link PhoneConfigFile},
     *                   if one was accepted
     */
    record Outcome(ProvisioningResult result, Optional<Path> configFile) {
    }

    /**
     * The run's copy of {@code provisioning}'s tree, with its described trust lists and signed files built;
     * {@code named} is told each fixture the descriptions name.
     */
    Path materialise(PhoneSpec.Provisioning provisioning, BiConsumer<X509Certificate, String> named) throws IOException {
        Path copy = vendorFiles.materialise(provisioning.directory());
        new ProvisioningTree(catalog, named).build(copy, provisioning.directory());
        return copy;
    }

    /**
     * Serves {@code tree} (a {@link #materialise materialised} copy) and boots the phone whose store is
     * {@code store} from it; an accepted configuration is written into {@code scratch}.
     */
    Outcome boot(Path tree, PhoneSpec.Provisioning provisioning, CiscoTrustStore store, Path scratch) throws Exception {
        ProvisioningServer.Builder builder = ProvisioningServer.builder().directory(tree).bindAddress("127.0.0.1")
                .httpPort(0).tftpPort(0).eventLoopGroup(group);
        if (provisioning.httpsCertificate() != null) {
            builder.httpsPort(0).httpsCertificate(catalog.get(FixtureName.byId(provisioning.httpsCertificate())
                    .orElseThrow()));
        }
        try (ProvisioningServer server = builder.build().start()) {
            CiscoProvisioningClient.Builder client = CiscoProvisioningClient.builder()
                    .trustStore(store)
                    .server("127.0.0.1")
                    .httpPort(server.httpAddress().getPort())
                    .tftpPort(server.tftpAddress().getPort())
                    .eventLoops(group);
            if (server.serves(ProvisioningRequest.Transport.HTTPS)) {
                client.httpsPort(server.httpsAddress().getPort());
            }
            ProvisioningResult result = ScenarioRun.await(client.build().provision(), "provisioning", TIMEOUT);
            Optional<Path> configFile = Optional.empty();
            if (result.config().isPresent()) {
                Files.createDirectories(scratch);
                Path file = scratch.resolve(store.mac().configFileName());
                Files.write(file, result.config().get());
                configFile = Optional.of(file);
            }
            return new Outcome(result, configFile);
        }
    }

    /**
     * [GUESS] The MAC when the scenario names none: that of the one {@code SEP<MAC>.cnf.xml*} file the directory
     * holds, else a locally administered address (02:...) derived from the phone's name, so runs are repeatable.
     */
    static CiscoMac defaultMac(Path directory, String phoneName) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            var macs = files.map(file -> SEP_FILE.matcher(file.getFileName().toString())).filter(Matcher::matches)
                    .map(match -> match.group(1).toUpperCase(Locale.ROOT)).distinct().toList();
            if (macs.size() == 1) {
                return new CiscoMac(macs.get(0));
            }
        }
        byte[] hash = phoneName.getBytes(StandardCharsets.UTF_8);
        byte[] mac = {0x02, 0, 0, 0, 0, 0};
        for (int i = 0; i < hash.length; i++) {
            mac[1 + i % 5] ^= hash[i];
        }
        return new CiscoMac(HexFormat.of().withUpperCase().formatHex(mac));
    }

    /** The log as note lines, one per fetch. */
    static Stream<String> notes(String phone, ProvisioningLog log) {
        return log.entries().stream().map(entry -> phone + ": provisioning: " + entry);
    }
}
