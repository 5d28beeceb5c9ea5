package io.sipshield.emulator.profile;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The device profiles sipshield emulates. */
public final class DeviceProfiles {

    private static final String DIGIUM_SOURCE =
            "Digium Phones and Secure Calling (seeds 001/002): TLS 1.0-1.2, firmware table";
    private static final List<String> DIGIUM_TLS = List.of("TLSv1.2", "TLSv1.1", "TLSv1");

    /** D6x firmware 2_2_0_4: TLS signalling, but no server certificate validation. */
    public static final DeviceProfile DIGIUM_D6X_2_2_0_4 = new DeviceProfile("digium-d6x-2_2_0_4",
            "Digium D65 2_2_0_4_5a54ff2", DIGIUM_TLS, false, false, DIGIUM_SOURCE);
    /** D6x firmware 2_9_0: the server certificate is validated by default. */
    public static final DeviceProfile DIGIUM_D6X_2_9_0 = new DeviceProfile("digium-d6x-2_9_0",
            "Digium D65 2_9_0", DIGIUM_TLS, true, false, DIGIUM_SOURCE);
    /** D6x firmware 2_9_2: validation, and the tls_allow_wildcard_certs setting (off by default). */
    public static final DeviceProfile DIGIUM_D6X_2_9_2 = new DeviceProfile("digium-d6x-2_9_2",
            "Digium D65 2_9_2", DIGIUM_TLS, true, true, DIGIUM_SOURCE);

    private static final List<DeviceProfile> ALL = List.of(DIGIUM_D6X_2_2_0_4, DIGIUM_D6X_2_9_0, DIGIUM_D6X_2_9_2);

    private DeviceProfiles() {
    }

    public static List<DeviceProfile> all() {
        return ALL;
    }

    public static Optional<DeviceProfile> byName(String name) {
        return ALL.stream().filter(profile -> profile.name().equals(name)).findFirst();
    }

    /** Every profile name, comma-separated, for error messages. */
    public static String names() {
        return ALL.stream().map(DeviceProfile::name).collect(Collectors.joining(", "));
    }
}
