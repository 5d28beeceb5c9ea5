package io.sipshield.emulator.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Algo firmware lines whose trust stores differ (seed 003, "Uploading Public CA Certificates"):
 * 1.7.x trusts only {@code certs/siptrusted.pem} for SIP; 3.1 and later trust the built-in public
 * roots plus {@code certs/trusted/*.pem|cer|crt}.
 */
public enum AlgoFirmware {
    /** Firmware 1.7.x: SIP trust is certs/siptrusted.pem alone (PEM only). */
    V1_7("1.7", "algo-8301@1.7"),
    /** Firmware 3.1 and later: built-in public roots plus certs/trusted/. */
    V3_1("3.1", "algo-8301@3.1");

    private final String label;
    private final String profile;

    AlgoFirmware(String label, String profile) {
        this.label = label;
        this.profile = profile;
    }

    /** As people write it: {@code 1.7} or {@code 3.1}. */
    public String label() {
        return label;
    }

    /** The base device profile for an 8301 on this firmware. */
    public String profile() {
        return profile;
    }

    /**
     * {@code 1.7}, {@code 1.7.6}, {@code 3.1}, {@code 3.2}, {@code 5.5}: any 1.x from 1.7 maps to 1.7,
     * any later major to 3.1.
     */
    public static Optional<AlgoFirmware> parse(String version) {
        String v = version.trim();
        if (v.matches("1\\.(7|8|9)(\\..*)?")) {
            return Optional.of(V1_7);
        }
        if (v.matches("3\\.([1-9]\\d*)(\\..*)?|[4-9](\\..*)?")) {
            return Optional.of(V3_1);
        }
        return Optional.empty();
    }

    static String accepted() {
        return Arrays.stream(values()).map(AlgoFirmware::label).collect(Collectors.joining(" or ")) + " (e.g. 1.7.6, 3.2)";
    }
}
