package io.sipshield.emulator.profile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How one device model and firmware behaves on a secure connection: a name plus a set of named,
 * sourced {@link Quirk}s over a base TLS offer (STYLE.md §5 and absorb item 9, Jetty's compliance
 * modes). Variants derive from each other: {@code D65_2_9_0.with("digium-d65@2_9_2", Quirk.WILDCARD_SETTING)}.
 * Everything else (protocols offered, validation, trust sources, client certificate, OpenSSL
 * settings) is read from the quirks, never from code paths keyed on the name.
 *
 * @param name         the id scenario files and {@code --profile} use, e.g. {@code digium-d65@2_9_2}
 * @param userAgent    the User-Agent header it sends
 * @param tlsProtocols TLS versions the base firmware offers (JSSE names, e.g. {@code TLSv1.2}); quirks may narrow them
 * @param cipherSuites cipher suites (IANA names) the base firmware offers, preferred first; empty: the provider's defaults
 * @param quirks       the documented deviations
 * @param source       the vendor document the profile as a whole comes from
 * @param srtp         how it keys media with SDES: what it offers and accepts
 */
public record DeviceProfile(String name, String userAgent, List<String> tlsProtocols, List<String> cipherSuites,
                            Set<Quirk> quirks, String source, SrtpPolicy srtp) {

    /** OpenSSL's default security level, used unless {@link Quirk#SECURITY_LEVEL_0} applies. */
    public static final int DEFAULT_SECURITY_LEVEL = 1;

    /** Anonymous suites a pre-2_3_9 D-Series also offered (no server certificate at all). */
    static final List<String> ANONYMOUS_SUITES = List.of("TLS_ECDH_anon_WITH_AES_128_CBC_SHA",
            "TLS_DH_anon_WITH_AES_128_CBC_SHA", "TLS_DH_anon_WITH_AES_256_CBC_SHA");
    /** NULL-encryption suites (authenticated, not encrypted). */
    static final List<String> NULL_SUITES = List.of("TLS_RSA_WITH_NULL_SHA256", "TLS_RSA_WITH_NULL_SHA",
            "TLS_ECDHE_RSA_WITH_NULL_SHA", "TLS_ECDHE_ECDSA_WITH_NULL_SHA");

    public DeviceProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(userAgent, "userAgent");
        tlsProtocols = List.copyOf(tlsProtocols);
        cipherSuites = List.copyOf(cipherSuites);
        quirks = quirks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(quirks));
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(srtp, "srtp");
        if (tlsProtocols.isEmpty()) {
            throw new IllegalArgumentException(name + ": a profile offers at least one TLS version");
        }
        if (quirks.contains(Quirk.FORCE_TLS_1_2) && quirks.contains(Quirk.TLS_1_0_ONLY)) {
            throw new IllegalArgumentException(name + ": FORCE_TLS_1_2 and TLS_1_0_ONLY exclude each other");
        }
    }

    /**
     * The first profiles' shape: validation and the wildcard setting as flags, the provider's cipher suites.
     *
     * @param validatesServer whether a non-zero bitmask drops the connection (else {@link Quirk#NO_SERVER_VALIDATION})
     * @param wildcardSetting whether the firmware has {@code tls_allow_wildcard_certs} ({@link Quirk#WILDCARD_SETTING})
     */
    public DeviceProfile(String name, String userAgent, List<String> tlsProtocols, boolean validatesServer,
                         boolean wildcardSetting, String source, SrtpPolicy srtp) {
        this(name, userAgent, tlsProtocols, List.of(), flags(validatesServer, wildcardSetting), source, srtp);
    }

    /** A profile with the D-Series SRTP behaviour ({@link SrtpPolicy#DIGIUM}), the default of the first profiles. */
    public DeviceProfile(String name, String userAgent, List<String> tlsProtocols, boolean validatesServer,
                         boolean wildcardSetting, String source) {
        this(name, userAgent, tlsProtocols, validatesServer, wildcardSetting, source, SrtpPolicy.DIGIUM);
    }

    private static Set<Quirk> flags(boolean validatesServer, boolean wildcardSetting) {
        Set<Quirk> set = EnumSet.noneOf(Quirk.class);
        if (!validatesServer) {
            set.add(Quirk.NO_SERVER_VALIDATION);
        }
        if (wildcardSetting) {
            set.add(Quirk.WILDCARD_SETTING);
        }
        return set;
    }

    /** Another firmware or setting of this device: the same profile under {@code newName} with more quirks. */
    public DeviceProfile with(String newName, Quirk... added) {
        Set<Quirk> set = EnumSet.noneOf(Quirk.class);
        set.addAll(quirks);
        set.addAll(List.of(added));
        return new DeviceProfile(newName, userAgent, tlsProtocols, cipherSuites, set, source, srtp);
    }

    /** The same profile under {@code newName} without some quirks (e.g. a later firmware that fixed one). */
    public DeviceProfile without(String newName, Quirk... removed) {
        Set<Quirk> set = EnumSet.noneOf(Quirk.class);
        set.addAll(quirks);
        List.of(removed).forEach(set::remove);
        return new DeviceProfile(newName, userAgent, tlsProtocols, cipherSuites, set, source, srtp);
    }

    /** The same profile with another User-Agent (a later firmware announces itself differently). */
    public DeviceProfile withUserAgent(String agent) {
        return new DeviceProfile(name, agent, tlsProtocols, cipherSuites, quirks, source, srtp);
    }

    /** The same device with another SRTP setting (e.g. SRTP switched off on the line). */
    public DeviceProfile withSrtp(SrtpPolicy policy) {
        return new DeviceProfile(name, userAgent, tlsProtocols, cipherSuites, quirks, source, policy);
    }

    public boolean has(Quirk quirk) {
        return quirks.contains(quirk);
    }

    /** Whether a non-zero bitmask drops the connection; when false the bitmask is still computed and reported. */
    public boolean validatesServer() {
        return !has(Quirk.NO_SERVER_VALIDATION) && !has(Quirk.VALIDATION_SWITCHED_OFF);
    }

    /** Whether the firmware has {@code tls_allow_wildcard_certs} (2_9_2+ / D80 1_12_1+; off unless set). */
    public boolean wildcardSetting() {
        return has(Quirk.WILDCARD_SETTING);
    }

    /** The TLS versions the phone offers, after {@link Quirk#FORCE_TLS_1_2} or {@link Quirk#TLS_1_0_ONLY}. */
    public List<String> offeredProtocols() {
        if (has(Quirk.FORCE_TLS_1_2)) {
            return List.of("TLSv1.2");
        }
        if (has(Quirk.TLS_1_0_ONLY)) {
            return List.of("TLSv1");
        }
        return tlsProtocols;
    }

    /**
     * The cipher suites the phone offers, preferred first: the base list plus the anonymous and NULL
     * suites its quirks add. Empty means the TLS provider's defaults.
     */
    public List<String> offeredCipherSuites() {
        if (cipherSuites.isEmpty()) {
            return cipherSuites;
        }
        Set<String> suites = new LinkedHashSet<>(cipherSuites);
        if (has(Quirk.ANONYMOUS_AND_NULL_CIPHERS)) {
            suites.addAll(ANONYMOUS_SUITES);
            suites.addAll(NULL_SUITES);
        }
        if (has(Quirk.NULL_CIPHER_SIGNALLING)) {
            List<String> withNull = new ArrayList<>(NULL_SUITES);
            withNull.addAll(suites);
            return List.copyOf(new LinkedHashSet<>(withNull));
        }
        return List.copyOf(suites);
    }

    /** OpenSSL's security level the phone's verifier runs at (0 with {@link Quirk#SECURITY_LEVEL_0}, else 1). */
    public int securityLevel() {
        return has(Quirk.SECURITY_LEVEL_0) ? 0 : DEFAULT_SECURITY_LEVEL;
    }

    /** Whether a trusted intermediate ends the chain ({@link Quirk#PARTIAL_CHAIN}). */
    public boolean partialChain() {
        return has(Quirk.PARTIAL_CHAIN);
    }

    /** Whether the server is judged by Cisco trust-list pinning instead of OpenSSL chain building. */
    public boolean pinsTrustList() {
        return has(Quirk.TRUST_LIST_PINNING);
    }

    /** Whether the built-in public roots (the JDK's cacerts as stand-in) are trusted besides the loaded CAs. */
    public boolean trustsPublicRoots() {
        return has(Quirk.BUILT_IN_PUBLIC_ROOTS);
    }

    /** Where the phone's trust comes from, in words. */
    public List<String> trustSources() {
        List<String> sources = new ArrayList<>();
        if (pinsTrustList()) {
            sources.add("installed trust list (ITL/CTL): the server's own certificate pinned as CCM or CCM+TFTP");
            return sources;
        }
        if (trustsPublicRoots()) {
            sources.add("built-in public roots (stand-in: the JDK's cacerts)");
        }
        if (has(Quirk.SIP_TRUSTED_PEM_ONLY)) {
            sources.add("certs/siptrusted.pem");
        } else if (has(Quirk.TRUSTED_FOLDER)) {
            sources.add("certs/trusted/");
        } else {
            sources.add("loaded CAs");
        }
        return sources;
    }

    /** Which client certificate the phone presents when a server asks for one. */
    public ClientCertificateSource clientCertificate() {
        if (has(Quirk.NO_CLIENT_CERTIFICATE)) {
            return ClientCertificateSource.NONE;
        }
        if (has(Quirk.LSC_CLIENT_CERTIFICATE)) {
            return ClientCertificateSource.LSC;
        }
        if (has(Quirk.MIC_CLIENT_CERTIFICATE)) {
            return ClientCertificateSource.MIC;
        }
        if (has(Quirk.SIPCLIENT_PEM)) {
            return ClientCertificateSource.SIPCLIENT_PEM;
        }
        if (has(Quirk.FACTORY_DEVICE_CERTIFICATE)) {
            return ClientCertificateSource.FACTORY_DEVICE;
        }
        return ClientCertificateSource.NONE;
    }

    /** The quirks in declaration order, for listings. */
    public List<Quirk> quirkList() {
        return quirks.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(quirks));
    }

    /** Every source behind this profile: its own and each quirk's, without repeats. */
    public String sources() {
        Collection<String> all = new LinkedHashSet<>();
        all.add(source);
        quirkList().forEach(quirk -> all.add(quirk.source()));
        return all.stream().collect(Collectors.joining("; "));
    }
}
