package io.sipshield.emulator.cisco;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Cisco phone's MAC address as its file names carry it: twelve upper-case hex digits
 * ({@code SEP001122334455.cnf.xml}, {@code ITLSEP001122334455.tlv}).
 *
 * @param hex twelve upper-case hex digits
 */
public record CiscoMac(String hex) {

    private static final Pattern HEX12 = Pattern.compile("[0-9A-F]{12}");

    public CiscoMac {
        Objects.requireNonNull(hex, "hex");
        if (!HEX12.matcher(hex).matches()) {
            throw new IllegalArgumentException("MAC: expected 12 hex digits, got '" + hex + "'");
        }
    }

    /**
     * Accepts {@code 00:11:22:33:44:55}, {@code 00-11-22-33-44-55}, {@code 001122334455} and the device
     * name {@code SEP001122334455}, in any case.
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static CiscoMac parse(String text) {
        Objects.requireNonNull(text, "text");
        String key = text.trim().toUpperCase(Locale.ROOT);
        if (key.startsWith("SEP")) {
            key = key.substring(3);
        }
        key = key.replace(":", "").replace("-", "").replace(".", "");
        if (!HEX12.matcher(key).matches()) {
            throw new IllegalArgumentException("MAC '" + text + "': expected 12 hex digits, as 00:11:22:33:44:55,"
                    + " 001122334455 or SEP001122334455");
        }
        return new CiscoMac(key);
    }

    /** {@code SEP<MAC>}: the device name. */
    public String deviceName() {
        return "SEP" + hex;
    }

    /** {@code CTLSEP<MAC>.tlv}. */
    public String ctlFileName() {
        return "CTLSEP" + hex + ".tlv";
    }

    /** {@code ITLSEP<MAC>.tlv}. */
    public String itlFileName() {
        return "ITLSEP" + hex + ".tlv";
    }

    /** {@code SEP<MAC>.cnf.xml}. */
    public String configFileName() {
        return deviceName() + ".cnf.xml";
    }

    @Override
    public String toString() {
        return hex;
    }
}
