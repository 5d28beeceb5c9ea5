package io.sipshield.harness.run;

import io.sipshield.harness.scenario.MockServer;
import io.sipshield.harness.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The pjsip.conf and extensions.conf text a scenario's mock Asterisk runs, with {@code ${fixtures}} still
 * in it: the scenario's inline text, the files of its {@code config:} directory, or the structured keys
 * rendered by {@link AsteriskConfigRenderer}. The runner loads exactly this text into the mock
 * ({@link MockServerStarter}); {@code sipshield asterisk-config} writes exactly this text for a real
 * Asterisk ({@link AsteriskConfigExport}).
 *
 * @param pjsipConf      pjsip.conf text
 * @param extensionsConf extensions.conf text, empty when the scenario gives none
 * @param origin         where the text came from, for messages: the directory, or the scenario file and
 *                       {@code setup.server.mock (inline)} / {@code (rendered from ...)}
 * @param overridden     whether the scenario's {@code certificate}, {@code endpoints} or {@code extensions}
 *                       keys add to configuration files (applied by the runner on top of the text; not
 *                       expressible as one pjsip.conf, so {@code asterisk-config} refuses it)
 */
public record AsteriskServerConfig(String pjsipConf, String extensionsConf, String origin, boolean overridden) {

    public AsteriskServerConfig {
        Objects.requireNonNull(pjsipConf, "pjsipConf");
        Objects.requireNonNull(extensionsConf, "extensionsConf");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * The configuration text of {@code server}, the mock of {@code scenario}.
     *
     * @throws IOException              when a {@code config:} directory's file cannot be read
     * @throws IllegalArgumentException when the structured keys cannot be rendered (MX-ONE, a key Asterisk
     *                                  configuration cannot hold)
     */
    public static AsteriskServerConfig of(Scenario scenario, MockServer server) throws IOException {
        MockServer.AsteriskConfig config = server.config();
        if (config == null) {
            MockServer.AsteriskConfig rendered = AsteriskConfigRenderer.render(server);
            return new AsteriskServerConfig(rendered.pjsipConf(), rendered.extensionsConf(),
                    scenario.file() + " setup.server.mock (rendered from certificate, endpoints, extensions)", false);
        }
        boolean overridden = server.certificate() != null || !server.endpoints().isEmpty()
                || !server.extensions().isEmpty();
        if (config.directory() != null) {
            return new AsteriskServerConfig(read(config.directory().resolve("pjsip.conf")),
                    read(config.directory().resolve("extensions.conf")), config.directory().toString(), overridden);
        }
        return new AsteriskServerConfig(config.pjsipConf(),
                config.extensionsConf() == null ? "" : config.extensionsConf(),
                scenario.file() + " setup.server.mock (inline)", overridden);
    }

    /** A missing file is an empty one: the loader then names it when it is required. */
    private static String read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file) : "";
    }
}
