package io.sipshield.certs.cisco;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Immutable bytes as a trust list stores them (a serial number, a public key, a signature), compared
 * by content and printed as lower-case hex, the way {@code tlvfile --parse} prints them.
 *
 * @param bytes the bytes; copied in and out
 */
public record Octets(byte[] bytes) {

    private static final HexFormat HEX = HexFormat.of();

    public Octets {
        bytes = bytes.clone();
    }

    public static Octets of(byte... bytes) {
        return new Octets(bytes);
    }

    /** Parses lower- or upper-case hex digits, two per byte. */
    public static Octets ofHex(String hex) {
        return new Octets(HEX.parseHex(hex));
    }

    /** A copy of the bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The byte at {@code index}, as an unsigned value 0 to 255. */
    public int unsignedAt(int index) {
        return bytes[index] & 0xFF;
    }

    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Octets that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
