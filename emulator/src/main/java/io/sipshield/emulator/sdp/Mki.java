package io.sipshield.emulator.sdp;

import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The master key identifier of one SDES key (RFC 4568 §6.1, {@code <value>:<length>}): a decimal
 * value and the number of bytes it takes in every SRTP packet (1 to 128). The value is kept as
 * written, because some peers judge the text (Asterisk takes an MKI only when it starts with 1).
 *
 * @param value  the decimal value as written
 * @param length the MKI length in bytes, 1 to 128
 */
public record Mki(String value, int length) {

    /** RFC 4568 §6.1: the MKI length is 1 to 128 bytes. */
    public static final int MAX_LENGTH = 128;

    private static final Pattern SYNTAX = Pattern.compile("([0-9]+):([0-9]{1,3})");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    public Mki {
        Objects.requireNonNull(value, "value");
        if (!DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException("mki: value must be decimal digits, got '" + value + "'");
        }
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("mki: length must be 1 to " + MAX_LENGTH + " bytes, got " + length);
        }
        BigInteger number = new BigInteger(value);
        if (number.bitLength() > 8 * length) {
            throw new IllegalArgumentException("mki: value " + value + " does not fit in " + length
                    + (length == 1 ? " byte" : " bytes"));
        }
    }

    /** An MKI of {@code length} bytes holding {@code value}. */
    public static Mki of(long value, int length) {
        if (value < 0) {
            throw new IllegalArgumentException("mki: value must not be negative, got " + value);
        }
        return new Mki(Long.toString(value), length);
    }

    /**
     * Reads {@code <value>:<length>}.
     *
     * @throws SdpParseException with field {@code mki}
     */
    public static Mki parse(String text) {
        var matcher = SYNTAX.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw new SdpParseException("mki", "expected <value>:<length 1-3 digits>, got '" + text + "'");
        }
        int length = Integer.parseInt(matcher.group(2));
        try {
            return new Mki(matcher.group(1), length);
        } catch (IllegalArgumentException e) {
            throw new SdpParseException("mki", e.getMessage().substring("mki: ".length()));
        }
    }

    /** The value as a number. */
    public BigInteger number() {
        return new BigInteger(value);
    }

    /** The MKI as it travels in SRTP packets: {@link #length} bytes, big-endian. */
    public byte[] bytes() {
        byte[] bytes = new byte[length];
        byte[] magnitude = number().toByteArray();
        int copy = Math.min(magnitude.length, length);
        System.arraycopy(magnitude, magnitude.length - copy, bytes, length - copy, copy);
        return bytes;
    }

    /** {@code <value>:<length>}, as written in SDP. */
    @Override
    public String toString() {
        return value + ":" + length;
    }
}
