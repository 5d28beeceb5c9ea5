package io.sipshield.emulator.cisco;

import java.util.Locale;
import java.util.Optional;

/** The Cisco models the emulator has profiles for (DeviceProfiles: cisco-8845@14.2, cisco-7961@9.4). */
public enum CiscoModel {
    /** 78xx/88xx on 14.x firmware. */
    CP_8845,
    /** 79x1 (7941/7961) on 9.x SIP firmware: TLS 1.0, 32-bit SRTP tags. */
    CP_7961;

    /**
     * The model a {@code loadInformation} firmware name points to. [GUESS] from Cisco's load naming:
     * 79x1 SIP loads start {@code SIP41.} (e.g. {@code SIP41.9-4-2SR3-1S}), 78xx/88xx loads
     * {@code sip78xx.}/{@code sip88xx.}; anything else is unknown.
     */
    public static Optional<CiscoModel> fromLoadName(String load) {
        String name = load.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("sip41.")) {
            return Optional.of(CP_7961);
        }
        if (name.startsWith("sip88xx.") || name.startsWith("sip78xx.") || name.startsWith("sip8845")) {
            return Optional.of(CP_8845);
        }
        return Optional.empty();
    }
}
