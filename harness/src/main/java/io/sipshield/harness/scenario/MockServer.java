package io.sipshield.harness.scenario;

import io.sipshield.harness.mock.ClientVerificationMode;
import io.sipshield.harness.mock.DialplanApp;
import io.sipshield.harness.mock.ServerPersonality;
import io.sipshield.harness.mock.dialplan.DialplanApplication;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The embedded mock Asterisk, configured like a real one: PJSIP endpoints (pjsip.conf) and a
 * dialplan (extensions.conf); or, as {@code personality: mx-one}, a Mitel MX-ONE with its client
 * verification mode (seed 004).
 *
 * <p>Configured either by the scenario's own keys or by Asterisk configuration ({@link #config()}):
 * pjsip.conf and extensions.conf given inline or as a directory, read by
 * {@code MockAsteriskConfiguration}; then the endpoints and extensions keys add to what the files declare.
 *
 * @param certificate        fixture name of the certificate the mock presents on its TLS transport; null
 *                           only when configuration files name the certificate
 * @param endpoints          the endpoints that may register and call, ids unique
 * @param extensions         extension number to the dialplan priorities it runs, in file order (a
 *                           keyword such as {@code echo} stands for {@link Application#priorities()})
 * @param personality        which server the mock plays
 * @param clientVerification MX-ONE's TlsClientVerificationMode, or null when the file sets none
 *                           (only with {@link ServerPersonality#MX_ONE})
 * @param config             Asterisk configuration, or null
 */
public record MockServer(String certificate, List<Endpoint> endpoints,
                         Map<String, List<DialplanApplication>> extensions,
                         ServerPersonality personality, ClientVerificationMode clientVerification,
                         AsteriskConfig config) implements ServerSpec {

    public MockServer {
        if (certificate == null && config == null) {
            throw new NullPointerException("certificate");
        }
        endpoints = List.copyOf(endpoints);
        Map<String, List<DialplanApplication>> copy = new LinkedHashMap<>();
        extensions.forEach((extension, priorities) -> copy.put(extension, List.copyOf(priorities)));
        extensions = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(personality, "personality");
        if (clientVerification != null && personality != ServerPersonality.MX_ONE) {
            throw new IllegalArgumentException("client verification is MX-ONE's; the personality is " + personality);
        }
    }

    /** A mock without Asterisk configuration files. */
    public MockServer(String certificate, List<Endpoint> endpoints, Map<String, List<DialplanApplication>> extensions,
                      ServerPersonality personality, ClientVerificationMode clientVerification) {
        this(certificate, endpoints, extensions, personality, clientVerification, null);
    }

    /** An Asterisk mock. */
    public MockServer(String certificate, List<Endpoint> endpoints, Map<String, List<DialplanApplication>> extensions) {
        this(certificate, endpoints, extensions, ServerPersonality.ASTERISK, null);
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

    /** A keyword a scenario may give instead of a list of priorities. */
    public enum Application {
        /** {@code Answer()} then {@code Echo()}: the caller's media is sent back. */
        ECHO("echo", DialplanApp.ECHO),
        /** {@code Busy()}: 486 Busy Here. */
        BUSY("busy", DialplanApp.BUSY),
        /** {@code Congestion()}: 503 Service Unavailable. */
        CONGESTION("congestion", DialplanApp.CONGESTION);

        private final String keyword;
        private final DialplanApp app;

        Application(String keyword, DialplanApp app) {
            this.keyword = keyword;
            this.app = app;
        }

        /** The priorities the keyword stands for. */
        public List<DialplanApplication> priorities() {
            return app.priorities();
        }

        /** The word a scenario file uses for this application. */
        public String keyword() {
            return keyword;
        }
    }
}
