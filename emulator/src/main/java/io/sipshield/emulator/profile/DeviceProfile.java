package io.sipshield.emulator.profile;

import java.util.List;

/**
 * How one device model and firmware behaves on a secure connection.
 *
 * @param name                 the id scenario files use, e.g. {@code digium-d6x-2_9_2}
 * @param userAgent            the User-Agent header it sends
 * @param tlsProtocols         TLS versions it offers (JSSE names, e.g. {@code TLSv1.2})
 * @param validatesServer      whether a non-zero bitmask drops the connection (2_9_0+); when false the
 *                             bitmask is still computed and reported, and the phone connects anyway
 * @param wildcardSetting      whether the firmware has {@code tls_allow_wildcard_certs} (2_9_2+)
 * @param source               the vendor document this behaviour comes from
 */
public record DeviceProfile(String name, String userAgent, List<String> tlsProtocols, boolean validatesServer,
                            boolean wildcardSetting, String source) {

    public DeviceProfile {
        tlsProtocols = List.copyOf(tlsProtocols);
    }
}
