package io.sipshield.certs.cisco;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a trust-list record's certificate is trusted for (ROLE, tag 0x04; CUCM calls it FUNCTION),
 * with the two-byte code the file stores. Meanings from usecallmanager's device-security.html and
 * Cisco's Preferred Architecture guide (DEVICES.md §A.1). Codes 5, 6 and 8 to 20 are not defined
 * by any public source; a parsed record keeps such a code as a number.
 */
public enum TrustListRole {
    /** System Administrator Security Token: signs and verifies trust lists; at most two per list. */
    SAST(0, "SAST"),
    /** Verifies the SIP-TLS server (Asterisk). */
    CCM(1, "CCM"),
    /** CCM and TFTP combined. */
    CCM_TFTP(2, "CCM+TFTP"),
    /** Signs provisioning files (RSA); with an EC key it also verifies the HTTPS provisioning server. */
    TFTP(3, "TFTP"),
    /** Verifies the CAPF service (port 3804). */
    CAPF(4, "CAPF"),
    /** Verifies HTTPS XML-service servers; older documents call this role "HTTPS". */
    APP_SERVER(7, "APP-SERVER"),
    /** Verifies the Trust Verification Service (port 2445). */
    TVS(21, "TVS");

    private final int code;
    private final String label;

    TrustListRole(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The value stored in ROLE. */
    public int code() {
        return code;
    }

    /** The name {@code tlvfile --parse} prints: "SAST", "CCM+TFTP", "APP-SERVER". */
    public String label() {
        return label;
    }

    /** Whether a certificate in this role verifies signed provisioning files (.sgn). */
    public boolean signsProvisioningFiles() {
        return this == TFTP || this == CCM_TFTP;
    }

    /** Whether a certificate in this role is trusted for the SIP-TLS server. */
    public boolean verifiesSipServer() {
        return this == CCM || this == CCM_TFTP;
    }

    public static Optional<TrustListRole> fromCode(int code) {
        return Arrays.stream(values()).filter(role -> role.code == code).findFirst();
    }

    /**
     * Accepts the labels tlvfile uses, in any case, with '-', '_' or '+' as written:
     * "sast", "ccm", "ccm+tftp", "ccm-tftp", "tftp", "capf", "app-server", "https" (the old name), "tvs".
     */
    public static Optional<TrustListRole> fromLabel(String text) {
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace('+', '_');
        if (key.equals("HTTPS")) {
            return Optional.of(APP_SERVER);
        }
        return Arrays.stream(values()).filter(role -> role.name().equals(key)).findFirst();
    }

    /** The label of a known code ("SAST"), "unknown role 5" for another. */
    public static String describe(int code) {
        return fromCode(code).map(role -> role.label).orElse("unknown role " + code);
    }

    @Override
    public String toString() {
        return label;
    }
}
