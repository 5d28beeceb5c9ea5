package io.sipshield.emulator.profile;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The device profiles sipshield emulates: a catalogue of data. Each firmware derives from the one
 * before it by adding or removing sourced {@link Quirk}s. Names are {@code vendor-model@firmware}
 * ({@code digium-d65@2_9_2}, {@code algo-8301@3.1}, {@code cisco-8845@14.2}); a setting that changes
 * how the phone connects is a {@code +suffix} ({@code algo-8301@3.1+force-tls12}). The first ids
 * ({@code digium-d6x-2_9_2} ...) stay as aliases.
 *
 * <p>The D-Series cipher list was not found in public pages (DEVICES.md §B): it is modelled on a
 * PJSIP/OpenSSL client of that era. Algo's TLS versions are not documented beyond "Force Secure TLS
 * Version": 1.0 to 1.2 is assumed. Both are data here, not code, so a capture can correct them.
 */
public final class DeviceProfiles {

    private static final String DIGIUM_SOURCE =
            "Digium Phones and Secure Calling (seeds 001/002; DEVICES.md §B): TLS 1.0-1.2, firmware table";
    private static final String ALGO_SOURCE =
            "Algo TLS and Mutual Authentication guide, 8301 manual §4.8 (seed 003; DEVICES.md §C)";
    private static final String CISCO_SOURCE =
            "usecallmanager device-security.html, sip-peers.html, sepmac-cnf-xml.html (DEVICES.md §A.3)";
    private static final List<String> TLS_1_0_TO_1_2 = List.of("TLSv1.2", "TLSv1.1", "TLSv1");
    /** [GUESS] An OpenSSL 1.0.x-era PJSIP client list (DEVICES.md §B: the real list is not public). */
    private static final List<String> DIGIUM_CIPHERS = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
    /** [GUESS] Algo's list is not public: a current OpenSSL client's TLS 1.2 suites. */
    private static final List<String> ALGO_CIPHERS = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA");
    /** The suites sepmac-cnf-xml.html's disableTLSCiphers can switch off: the best public hint (DEVICES.md §A.3). */
    private static final List<String> CISCO_CIPHERS = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
    /** 79x1: TLS 1.0 with the RSA suites of its era. */
    private static final List<String> CISCO_79X1_CIPHERS = List.of(
            "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA");

    /** D6x firmware 2_2_0_4: TLS signalling, anonymous and NULL suites, no server certificate validation. */
    public static final DeviceProfile DIGIUM_D65_2_2_0_4 = new DeviceProfile("digium-d65@2_2_0_4",
            "Digium D65 2_2_0_4_5a54ff2", TLS_1_0_TO_1_2, DIGIUM_CIPHERS,
            EnumSet.of(Quirk.NO_SERVER_VALIDATION, Quirk.ANONYMOUS_AND_NULL_CIPHERS,
                    Quirk.NO_CLIENT_CERTIFICATE, Quirk.BUILT_IN_PUBLIC_ROOTS, Quirk.SECURITY_LEVEL_0),
            DIGIUM_SOURCE, SrtpPolicy.DIGIUM);
    /** D6x firmware 2_3_9: anonymous and NULL suites are gone; still no validation. */
    public static final DeviceProfile DIGIUM_D65_2_3_9 = DIGIUM_D65_2_2_0_4
            .without("digium-d65@2_3_9", Quirk.ANONYMOUS_AND_NULL_CIPHERS).withUserAgent("Digium D65 2_3_9");
    /** D6x firmware 2_9_0: the server certificate is validated by default. */
    public static final DeviceProfile DIGIUM_D65_2_9_0 = DIGIUM_D65_2_3_9
            .without("digium-d65@2_9_0", Quirk.NO_SERVER_VALIDATION).withUserAgent("Digium D65 2_9_0");
    /** D6x firmware 2_9_2: validation, and the tls_allow_wildcard_certs setting (off by default). */
    public static final DeviceProfile DIGIUM_D65_2_9_2 = DIGIUM_D65_2_9_0
            .with("digium-d65@2_9_2", Quirk.WILDCARD_SETTING).withUserAgent("Digium D65 2_9_2");
    /** D80 firmware 1_12_0: validation by default (the firmware table lists 1_12_0 beside 2_9_0). */
    public static final DeviceProfile DIGIUM_D80_1_12_0 = DIGIUM_D65_2_9_0
            .with("digium-d80@1_12_0").withUserAgent("Digium D80 1_12_0");
    /** D80 firmware 1_12_1: tls_allow_wildcard_certs (off by default). */
    public static final DeviceProfile DIGIUM_D80_1_12_1 = DIGIUM_D80_1_12_0
            .with("digium-d80@1_12_1", Quirk.WILDCARD_SETTING).withUserAgent("Digium D80 1_12_1");

    /** The first ids, kept for scenario files. */
    public static final DeviceProfile DIGIUM_D6X_2_2_0_4 = DIGIUM_D65_2_2_0_4;
    public static final DeviceProfile DIGIUM_D6X_2_9_0 = DIGIUM_D65_2_9_0;
    public static final DeviceProfile DIGIUM_D6X_2_9_2 = DIGIUM_D65_2_9_2;

    /** Algo 8301 on 1.7.x: SIP trust is certs/siptrusted.pem alone; factory certificate for mutual TLS. */
    public static final DeviceProfile ALGO_8301_1_7 = new DeviceProfile("algo-8301@1.7", "Algo-8301/1.7.4",
            TLS_1_0_TO_1_2, ALGO_CIPHERS, EnumSet.of(Quirk.SIP_TRUSTED_PEM_ONLY,
                    Quirk.FACTORY_DEVICE_CERTIFICATE), ALGO_SOURCE, SrtpPolicy.ALGO_STANDARD);
    /** Algo 8301 on 3.1+: public roots plus certs/trusted/. */
    public static final DeviceProfile ALGO_8301_3_1 = ALGO_8301_1_7
            .without("algo-8301@3.1", Quirk.SIP_TRUSTED_PEM_ONLY)
            .with("algo-8301@3.1", Quirk.BUILT_IN_PUBLIC_ROOTS, Quirk.TRUSTED_FOLDER).withUserAgent("Algo-8301/3.1");
    /** Algo 3.1+ with "Validate Server Certificate" off. */
    public static final DeviceProfile ALGO_8301_3_1_NO_VALIDATION = ALGO_8301_3_1
            .with("algo-8301@3.1+no-validation", Quirk.VALIDATION_SWITCHED_OFF);
    /** Algo 3.1+ with "Force Secure TLS Version": TLS 1.2 only. */
    public static final DeviceProfile ALGO_8301_3_1_FORCE_TLS12 = ALGO_8301_3_1
            .with("algo-8301@3.1+force-tls12", Quirk.FORCE_TLS_1_2);
    /** Algo 3.1+ presenting certs/sipclient.pem instead of the factory certificate. */
    public static final DeviceProfile ALGO_8301_3_1_SIPCLIENT = ALGO_8301_3_1
            .without("algo-8301@3.1+sipclient", Quirk.FACTORY_DEVICE_CERTIFICATE)
            .with("algo-8301@3.1+sipclient", Quirk.SIPCLIENT_PEM);

    /** Algo 3.1+ with "SDP SRTP Offer" = Optional: RTP/AVP with a=crypto, SRTP when the answer takes it. */
    public static final DeviceProfile ALGO_8301_3_1_SRTP_OPTIONAL = ALGO_8301_3_1
            .with("algo-8301@3.1+srtp-optional").withSrtp(SrtpPolicy.ALGO_OPTIONAL);
    /** Algo 3.1+ with "SDP SRTP Offer" = Disabled: plain RTP/AVP offers, no a=crypto. */
    public static final DeviceProfile ALGO_8301_3_1_SRTP_DISABLED = ALGO_8301_3_1
            .with("algo-8301@3.1+srtp-disabled").withSrtp(SrtpPolicy.ALGO_DISABLED);
    /** Algo 3.1+ with the SIPS scheme setting on: sips: URIs in REGISTER and INVITE. */
    public static final DeviceProfile ALGO_8301_3_1_SIPS = ALGO_8301_3_1
            .with("algo-8301@3.1+sips", Quirk.SIPS_SCHEME);
    /** Algo 3.1+ with "Outbound RFC 5626" on: reg-id and +sip.instance in the REGISTER Contact. */
    public static final DeviceProfile ALGO_8301_3_1_OUTBOUND = ALGO_8301_3_1
            .with("algo-8301@3.1+outbound", Quirk.SIP_OUTBOUND);

    /** Cisco 8845 on usecallmanager, deviceSecurityMode 3 (Encrypted): pinning, MIC, SRTP. */
    public static final DeviceProfile CISCO_8845_14_2 = new DeviceProfile("cisco-8845@14.2",
            "Cisco-CP8845/14.2.1", List.of("TLSv1.2"), CISCO_CIPHERS,
            EnumSet.of(Quirk.TRUST_LIST_PINNING, Quirk.MIC_CLIENT_CERTIFICATE), CISCO_SOURCE,
            SrtpPolicy.CISCO_ENCRYPTED);
    /** The same phone with a CAPF-issued LSC. */
    public static final DeviceProfile CISCO_8845_14_2_LSC = CISCO_8845_14_2
            .with("cisco-8845@14.2+lsc", Quirk.LSC_CLIENT_CERTIFICATE);
    /** deviceSecurityMode 2 (Authenticated): NULL-cipher TLS, RTP in the clear. */
    public static final DeviceProfile CISCO_8845_14_2_AUTHENTICATED = CISCO_8845_14_2
            .with("cisco-8845@14.2+authenticated", Quirk.NULL_CIPHER_SIGNALLING)
            .withSrtp(SrtpPolicy.CISCO_UNENCRYPTED);
    /** Cisco 7961 (79x1), deviceSecurityMode 3: TLS 1.0 only, 32-bit SRTP tags. */
    public static final DeviceProfile CISCO_7961_9_4 = new DeviceProfile("cisco-7961@9.4", "Cisco-CP7961G/9.4.2",
            List.of("TLSv1"), CISCO_79X1_CIPHERS, EnumSet.of(Quirk.TRUST_LIST_PINNING,
                    Quirk.MIC_CLIENT_CERTIFICATE, Quirk.TLS_1_0_ONLY, Quirk.SECURITY_LEVEL_0), CISCO_SOURCE,
            SrtpPolicy.CISCO_79X1_ENCRYPTED);

    private static final List<DeviceProfile> ALL = List.of(DIGIUM_D65_2_2_0_4, DIGIUM_D65_2_3_9, DIGIUM_D65_2_9_0,
            DIGIUM_D65_2_9_2, DIGIUM_D80_1_12_0, DIGIUM_D80_1_12_1, ALGO_8301_1_7, ALGO_8301_3_1,
            ALGO_8301_3_1_NO_VALIDATION, ALGO_8301_3_1_FORCE_TLS12, ALGO_8301_3_1_SIPCLIENT,
            ALGO_8301_3_1_SRTP_OPTIONAL, ALGO_8301_3_1_SRTP_DISABLED, ALGO_8301_3_1_SIPS,
            ALGO_8301_3_1_OUTBOUND, CISCO_8845_14_2,
            CISCO_8845_14_2_LSC, CISCO_8845_14_2_AUTHENTICATED, CISCO_7961_9_4);

    private static final Map<String, DeviceProfile> ALIASES = Map.of(
            "digium-d6x-2_2_0_4", DIGIUM_D65_2_2_0_4,
            "digium-d6x-2_9_0", DIGIUM_D65_2_9_0,
            "digium-d6x-2_9_2", DIGIUM_D65_2_9_2);

    private static final Map<String, DeviceProfile> BY_NAME = index();

    private DeviceProfiles() {
    }

    private static Map<String, DeviceProfile> index() {
        Map<String, DeviceProfile> map = new LinkedHashMap<>();
        for (DeviceProfile profile : ALL) {
            if (map.put(profile.name(), profile) != null) {
                throw new IllegalStateException("two device profiles are named " + profile.name());
            }
        }
        map.putAll(ALIASES);
        return Map.copyOf(map);
    }

    /** Every profile, once each (aliases not repeated). */
    public static List<DeviceProfile> all() {
        return ALL;
    }

    /** A profile by its name or one of the first ids ({@code digium-d6x-2_9_2}). */
    public static Optional<DeviceProfile> byName(String name) {
        return Optional.ofNullable(name).map(BY_NAME::get);
    }

    /** The old ids that still name a profile, and what they name. */
    public static Map<String, String> aliases() {
        Map<String, String> names = new LinkedHashMap<>();
        ALIASES.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> names.put(entry.getKey(), entry.getValue().name()));
        return names;
    }

    /** Every profile name, then the old ids, comma-separated, for error messages. */
    public static String names() {
        String names = ALL.stream().map(DeviceProfile::name).collect(Collectors.joining(", "));
        return names + " (older ids: " + String.join(", ", aliases().keySet()) + ")";
    }
}
