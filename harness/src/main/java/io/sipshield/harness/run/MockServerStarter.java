package io.sipshield.harness.run;

import io.netty.channel.EventLoopGroup;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.harness.mock.MediaEncryption;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.MockEndpoint;
import io.sipshield.harness.mock.ServerPersonality;
import io.sipshield.harness.mock.config.ConfigFileException;
import io.sipshield.harness.mock.config.ConfigWarning;
import io.sipshield.harness.mock.config.MockAsteriskConfiguration;
import io.sipshield.harness.scenario.Endpoint;
import io.sipshield.harness.scenario.MockServer;
import io.sipshield.harness.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Starts the embedded mock Asterisk a scenario describes. An Asterisk is always started from pjsip.conf
 * and extensions.conf text ({@link AsteriskServerConfig}: inline, a directory, or the scenario's
 * structured keys rendered by {@link AsteriskConfigRenderer}) read by {@link MockAsteriskConfiguration},
 * with {@code ${fixtures}} replaced by the run's {@link FixtureFiles} directory: the text
 * {@code sipshield asterisk-config} writes for a real Asterisk is the text the mock runs. An MX-ONE
 * without configuration files is built from the keys. The mock always serves
 * on 127.0.0.1 and an ephemeral port, whatever {@code bind=} says: the phones are told its address.
 * Configuration warnings become notes; configuration errors fail the scenario, naming the scenario
 * file and the configuration line.
 */
final class MockServerStarter {

    /**
     * @param mock  the started mock
     * @param notes configuration warnings, one line each
     */
    record Started(MockAsterisk mock, List<String> notes) {
    }

    private final FixtureCatalog fixtures;
    private final FixtureFiles files;
    private final EventLoopGroup group;

    MockServerStarter(FixtureCatalog fixtures, FixtureFiles files, EventLoopGroup group) {
        this.fixtures = fixtures;
        this.files = files;
        this.group = group;
    }

    Started start(Scenario scenario, MockServer server) throws IOException {
        List<String> notes = new ArrayList<>();
        boolean fromText = server.config() != null || server.personality() == ServerPersonality.ASTERISK;
        AsteriskServerConfig text = fromText ? AsteriskServerConfig.of(scenario, server) : null;
        MockAsterisk.Builder builder = fromText ? configured(scenario, text, notes) : MockAsterisk.builder();
        builder.faults(scenario.setup().serverFaults()); // setup.faults: the connection faults the mock plays
        if (text != null && server.config() == null) {
            // every key is in the rendered text already
            builder.bindAddress("127.0.0.1").port(0).eventLoopGroup(group);
            return new Started(builder.build().start(), notes);
        }
        if (server.certificate() != null) {
            builder.certificate(fixture(server.certificate()));
        }
        builder.bindAddress("127.0.0.1").port(0).eventLoopGroup(group).personality(server.personality());
        if (server.clientVerification() != null) {
            builder.clientVerification(server.clientVerification());
        }
        for (Endpoint endpoint : server.endpoints()) {
            builder.endpoint(new MockEndpoint(endpoint.id(), endpoint.password(),
                    endpoint.mediaEncryption() == Endpoint.MediaEncryption.SDES ? MediaEncryption.SDES : MediaEncryption.NO)
                    .withMediaEncryptionOptimistic(endpoint.mediaEncryptionOptimistic())
                    .withSrtpTag32(endpoint.srtpTag32()));
        }
        server.extensions().forEach(builder::extension);
        return new Started(builder.build().start(), notes);
    }

    private MockAsterisk.Builder configured(Scenario scenario, AsteriskServerConfig config, List<String> notes)
            throws IOException {
        Path dir = Files.createTempDirectory("sipshield-config");
        String shownAs = config.origin();
        try {
            Files.writeString(dir.resolve("pjsip.conf"), files.substitute(config.pjsipConf()));
            Files.writeString(dir.resolve("extensions.conf"), files.substitute(config.extensionsConf()));
            MockAsteriskConfiguration.Loaded loaded;
            try {
                loaded = MockAsteriskConfiguration.load(dir);
            } catch (ConfigFileException e) {
                throw new IllegalStateException(scenario.file() + ": server configuration " + shownAs + ": "
                        + e.getMessage().replace(dir.toString(), shownAs));
            }
            for (ConfigWarning warning : loaded.warnings()) {
                notes.add("server configuration " + shownAs + ": " + warning.toString().replace(dir.toString(), shownAs));
            }
            return loaded.builder();
        } finally {
            delete(dir);
        }
    }

    private IssuedCertificate fixture(String id) {
        return fixtures.get(FixtureName.byId(id).orElseThrow(() -> new IllegalArgumentException(
                "setup.server.mock.certificate: unknown fixture '" + id + "'; expected one of: " + FixtureName.allIds())));
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
