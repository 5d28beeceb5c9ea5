package io.sipshield.harness.scenario;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One emulated phone.
 *
 * @param name       the name steps refer to it by
 * @param profile    device profile name, for example {@code digium-d6x-2_9_2}
 * @param user       SIP user (the endpoint id it registers as)
 * @param password   digest password
 * @param serverName the host name the phone dials; the server's identity is checked against it
 *                   (RFC 5922 §7)
 * @param trust      fixture names of the CA certificates loaded on the phone
 * @param clientCertificate fixture name of the certificate (with its key and issuers below the root) the
 *                   phone presents when a server asks for one, or null for none; a profile that cannot
 *                   load one (a D-Series) presents nothing whatever this says
 */
public record PhoneSpec(String name, String profile, String user, String password, String serverName, List<String> trust,
                        boolean allowWildcard, Instant clock, TlsProvider tlsProvider, String clientCertificate) {

    /** A phone without a client certificate. */
    public PhoneSpec(String name, String profile, String user, String password, String serverName, List<String> trust,
                     boolean allowWildcard, Instant clock, TlsProvider tlsProvider) {
        this(name, profile, user, password, serverName, trust, allowWildcard, clock, tlsProvider, null);
    }

    /** The TLS stack the emulated phone runs on. */
    public enum TlsProvider {
        BORINGSSL("boringssl"),
        JDK("jdk");

        private final String keyword;

        TlsProvider(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** A phone with the device's default settings: no wildcards, the real clock, BoringSSL. */
    public PhoneSpec(String name, String profile, String user, String password, String serverName, List<String> trust) {
        this(name, profile, user, password, serverName, trust, false, null, TlsProvider.BORINGSSL);
    }

    /** The host name a phone dials when a scenario names none. */
    public static final String DEFAULT_SERVER_NAME = "pbx.sip.test";

    public PhoneSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(serverName, "serverName");
        trust = List.copyOf(trust);
        Objects.requireNonNull(tlsProvider, "tlsProvider");
    }

    @Override
    public String toString() {
        return "PhoneSpec[name=" + name + ", profile=" + profile + ", user=" + user
                + ", serverName=" + serverName + ", trust=" + trust + ", allowWildcard=" + allowWildcard
                + ", clock=" + clock + ", tlsProvider=" + tlsProvider + ", clientCertificate=" + clientCertificate + "]";
    }
}
