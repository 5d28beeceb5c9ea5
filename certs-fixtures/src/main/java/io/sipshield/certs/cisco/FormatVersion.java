package io.sipshield.certs.cisco;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A two-byte major.minor version as the Cisco header stores it: the header format version
 * (VERSION, tag 0x01) or the signer version (SIGNER_VERSION, tag 0x1C) of a trust list.
 *
 * @param major 0 to 255
 * @param minor 0 to 255
 */
public record FormatVersion(int major, int minor) {

    /** The header version of every {@code .tlv} trust list. */
    public static final FormatVersion TRUST_LIST = new FormatVersion(1, 2);
    /** The header version of a {@code .sgn} signed file. */
    public static final FormatVersion SIGNED_FILE = new FormatVersion(1, 0);
    /** The header version of an encrypted {@code .enc.sgn} configuration file. */
    public static final FormatVersion ENCRYPTED_SIGNED_FILE = new FormatVersion(2, 0);
    /** Signer version 1.0, the default: RSA records only as far as the phones are concerned. */
    public static final FormatVersion SIGNER_1_0 = new FormatVersion(1, 0);
    /** Signer version 1.1: enables EC records and HTTPS provisioning on port 6971 (http-provisioning.html). */
    public static final FormatVersion SIGNER_1_1 = new FormatVersion(1, 1);

    private static final Pattern TEXT = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})");

    public FormatVersion {
        if (major < 0 || major > 255 || minor < 0 || minor > 255) {
            throw new IllegalArgumentException("a version is two bytes, each 0 to 255; got " + major + "." + minor);
        }
    }

    /** Parses {@code "1.1"}. */
    public static FormatVersion parse(String text) {
        Matcher matcher = TEXT.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a version like 1.0 or 1.1");
        }
        return new FormatVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    Octets encode() {
        return Octets.of((byte) major, (byte) minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
