package io.sipshield.harness.scenario;

import java.nio.file.Path;
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
 * @param allowWildcard     the D-Series {@code tls_allow_wildcard_certs} setting
 * @param clock             the phone's fixed clock, or null for the real one
 * @param tlsProvider       the TLS stack
 * @param clientCertificate fixture whose certificate, chain and key the phone presents when the server
 *                          asks for one, or null
 * @param answer            what the phone does with an incoming INVITE
 * @param rejectStatus      the status {@link AnswerMode#REJECT} answers with
 * @param codecs            the G.711 laws offered, in order ({@code PCMU}, {@code PCMA}); empty for the
 *                          emulator's default
 * @param trustList         a Cisco phone's installed trust-list records (ITL/CTL): fixture and role
 * @param config            the phone's own vendor configuration file or Algo device tree, or null; with one,
 *                          {@code profile}, {@code user} and {@code password} may be null (the file decides)
 * @param provisioning      a Cisco phone's boot-time provisioning before it connects (DEVICES.md §A.3), or null;
 *                          with one, {@code profile}, {@code user} and {@code password} may be null (the
 *                          {@code SEP<MAC>.cnf.xml} it boots with decides)
 */
public record PhoneSpec(String name, String profile, String user, String password, String serverName, List<String> trust,
                        boolean allowWildcard, Instant clock, TlsProvider tlsProvider, String clientCertificate,
                        AnswerMode answer, int rejectStatus, List<String> codecs, List<TrustListRecord> trustList,
                        Path config, Provisioning provisioning) {

    /** A phone without provisioning. */
    public PhoneSpec(String name, String profile, String user, String password, String serverName, List<String> trust,
                     boolean allowWildcard, Instant clock, TlsProvider tlsProvider, String clientCertificate,
                     AnswerMode answer, int rejectStatus, List<String> codecs, List<TrustListRecord> trustList,
                     Path config) {
        this(name, profile, user, password, serverName, trust, allowWildcard, clock, tlsProvider, clientCertificate,
                answer, rejectStatus, codecs, trustList, config, null);
    }

    /**
     * A Cisco phone's provisioning (DEVICES.md §A.3): a directory served over HTTP and TFTP (and HTTPS with a
     * certificate) that the phone boots from before it connects.
     *
     * @param directory        the served tree, relative to the scenario file when read
     * @param httpsCertificate fixture the HTTPS server presents (port 6971), or null for no HTTPS
     * @param mac              the phone's MAC as twelve upper-case hex digits, or null to derive one
     * @param factoryReset     the phone starts from factory state (no trust list) even when the run keeps trust
     *                         stores in a state directory ({@code sipshield run --state-dir})
     */
    public record Provisioning(Path directory, String httpsCertificate, String mac, boolean factoryReset) {
        public Provisioning {
            Objects.requireNonNull(directory, "directory");
        }

        /** A provisioning that keeps the phone's stored trust lists. */
        public Provisioning(Path directory, String httpsCertificate, String mac) {
            this(directory, httpsCertificate, mac, false);
        }
    }

    /** A phone configured by the scenario alone. */
    public PhoneSpec(String name, String profile, String user, String password, String serverName, List<String> trust,
                     boolean allowWildcard, Instant clock, TlsProvider tlsProvider, String clientCertificate,
                     AnswerMode answer, int rejectStatus, List<String> codecs, List<TrustListRecord> trustList) {
        this(name, profile, user, password, serverName, trust, allowWildcard, clock, tlsProvider, clientCertificate,
                answer, rejectStatus, codecs, trustList, null);
    }

    /**
     * One record of a Cisco trust list (DEVICES.md §A.1): a fixture certificate and its role.
     *
     * @param certificate fixture name
     * @param role        the role's label as tlvfile prints it: SAST, CCM, CCM+TFTP, TFTP, CAPF, APP-SERVER, TVS
     */
    public record TrustListRecord(String certificate, String role) {
        public TrustListRecord {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(role, "role");
        }
    }

    /** A phone without a trust list. */
    public PhoneSpec(String name, String profile, String user, String password, String serverName, List<String> trust,
                     boolean allowWildcard, Instant clock, TlsProvider tlsProvider, String clientCertificate,
                     AnswerMode answer, int rejectStatus, List<String> codecs) {
        this(name, profile, user, password, serverName, trust, allowWildcard, clock, tlsProvider, clientCertificate,
                answer, rejectStatus, codecs, List.of());
    }

    /** What a phone does with an incoming INVITE. */
    public enum AnswerMode {
        /** Answers at once with 200 (the emulator's default). */
        AUTO("auto"),
        /** Rings (180) until an {@code answer} step. */
        MANUAL("manual"),
        /** Answers every incoming INVITE with the reject status. */
        REJECT("reject");

        private final String keyword;

        AnswerMode(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** A phone with a client certificate, answering at once, default codecs. */
    public PhoneSpec(String name, String profile, String user, String password, String serverName, List<String> trust,
                     boolean allowWildcard, Instant clock, TlsProvider tlsProvider, String clientCertificate) {
        this(name, profile, user, password, serverName, trust, allowWildcard, clock, tlsProvider, clientCertificate,
                AnswerMode.AUTO, DEFAULT_REJECT_STATUS, List.of());
    }

    /** The status a rejecting phone answers with when the scenario names none: 486 Busy Here. */
    public static final int DEFAULT_REJECT_STATUS = 486;

    /** A phone with v1's settings: no client certificate, answers at once, default codecs. */
    public PhoneSpec(String name, String profile, String user, String password, String serverName, List<String> trust,
                     boolean allowWildcard, Instant clock, TlsProvider tlsProvider) {
        this(name, profile, user, password, serverName, trust, allowWildcard, clock, tlsProvider, null, AnswerMode.AUTO,
                DEFAULT_REJECT_STATUS, List.of());
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
        if (config == null && provisioning == null) {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }
        Objects.requireNonNull(serverName, "serverName");
        trust = List.copyOf(trust);
        Objects.requireNonNull(tlsProvider, "tlsProvider");
        Objects.requireNonNull(answer, "answer");
        codecs = List.copyOf(codecs);
        trustList = List.copyOf(trustList);
    }

    @Override
    public String toString() {
        return "PhoneSpec[name=" + name + ", profile=" + profile + ", user=" + user
                + ", serverName=" + serverName + ", trust=" + trust + ", allowWildcard=" + allowWildcard
                + ", clock=" + clock + ", tlsProvider=" + tlsProvider + ", clientCertificate=" + clientCertificate
                + ", answer=" + answer + ", rejectStatus=" + rejectStatus + ", codecs=" + codecs
                + ", trustList=" + trustList + ", config=" + config + ", provisioning=" + provisioning + "]";
    }
}
