package io.sipshield.harness.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The embedded mock Asterisk, configured like a real one: PJSIP endpoints (pjsip.conf) and a
 * dialplan (extensions.conf).
 *
 * <p>Configured either by the scenario's own keys or by Asterisk configuration ({@link #config()}):
 * pjsip.conf and extensions.conf given inline or as a directory, read by
 * {@code MockAsteriskConfiguration}; then the endpoints and extensions keys add to what the files declare.
 *
 * @param certificate fixture name of the certificate the mock presents on its TLS transport; null only
 *                    when configuration files name the certificate
 * @param endpoints   the endpoints that may register and call, ids unique
 * @param extensions  extension number to the application that answers it, in file order
 * @param config      Asterisk configuration, or null
 */
public record MockServer(String certificate, List<Endpoint> endpoints, Map<String, Application> extensions,
                         AsteriskConfig config) implements ServerSpec {

    public MockServer {
        if (certificate == null && config == null) {
            throw new NullPointerException("certificate");
        }
        endpoints = List.copyOf(endpoints);
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public MockServer(String certificate, List<Endpoint> endpoints, Map<String, Application> extensions) {
        this(certificate, endpoints, extensions, null);
    }

    /**
     * pjsip.conf and extensions.conf for the mock: inline text (either may be null, an empty file) or a
     * directory holding both. {@code ${fixtures}} in the text names the run's fixture directory.
     *
     * @param pjsipConf      pjsip.conf text, or null
     * @param extensionsConf extensions.conf text, or null
     * @param directory      a directory with pjsip.conf and extensions.conf, resolved against the scenario
     *                       file's directory; null when the text is inline
     */
    public record AsteriskConfig(String pjsipConf, String extensionsConf, java.nio.file.Path directory) {
        public AsteriskConfig {
            if (directory == null && pjsipConf == null) {
                throw new IllegalArgumentException("inline configuration needs pjsip.conf");
            }
            if (directory != null && (pjsipConf != null || extensionsConf != null)) {
                throw new IllegalArgumentException("a configuration directory or inline text, not both");
            }
        }
    }

    /** The dialplan application an extension runs. */
    public enum Application {
        /** {@code Answer()} then {@code Echo()}: the caller's media is sent back. */
        ECHO("echo"),
        /** {@code Busy()}: 486 Busy Here. */
        BUSY("busy"),
        /** {@code Congestion()}: 503 Service Unavailable. */
        CONGESTION("congestion");

        private final String keyword;

        Application(String keyword) {
            this.keyword = keyword;
        }

        /** The word a scenario file uses for this application. */
        public String keyword() {
            return keyword;
        }
    }
}
