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
 * @param certificate fixture name of the certificate the mock presents on its TLS transport
 * @param endpoints   the endpoints that may register and call, ids unique
 * @param extensions  extension number to the application that answers it, in file order
 */
public record MockServer(String certificate, List<Endpoint> endpoints, Map<String, Application> extensions)
        implements ServerSpec {

    public MockServer {
        Objects.requireNonNull(certificate, "certificate");
        endpoints = List.copyOf(endpoints);
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
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
