package io.sipshield.emulator.sdp;

import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The lifetime of one SDES master key (RFC 4568 §6.1): how many packets it may protect, written
 * either in decimal or as a power of two ({@code 2^31}). The text is kept as written, so a line
 * formats back to what was received.
 *
 * @param text the lifetime as written, e.g. {@code 2^31} or {@code 1048576}
 */
public record KeyLifetime(String text) {

    private static final Pattern SYNTAX = Pattern.compile("(2\\^)?[0-9]+");
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    public KeyLifetime {
        Objects.requireNonNull(text, "text");
        if (!SYNTAX.matcher(text).matches()) {
            throw new IllegalArgumentException("lifetime: expected digits or 2^digits, got '" + text + "'");
        }
    }

    /**
     * Reads a lifetime as written in a key parameter.
     *
     * @throws SdpParseException with field {@code lifetime}
     */
    public static KeyLifetime parse(String text) {
        if (text == null || !SYNTAX.matcher(text).matches()) {
            throw new SdpParseException("lifetime", "expected digits or 2^digits, got '" + text + "'");
        }
        return new KeyLifetime(text);
    }

    /** {@code 2^exponent} packets, written that way. */
    public static KeyLifetime powerOfTwo(int exponent) {
        if (exponent < 0) {
            throw new IllegalArgumentException("exponent: expected 0 or more, got " + exponent);
        }
        return new KeyLifetime("2^" + exponent);
    }

    /** A decimal number of packets. */
    public static KeyLifetime packets(long packets) {
        if (packets < 0) {
            throw new IllegalArgumentException("packets: expected 0 or more, got " + packets);
        }
        return new KeyLifetime(Long.toString(packets));
    }

    /** Whether it is written as {@code 2^n}. */
    public boolean exponential() {
        return text.startsWith("2^");
    }

    /**
     * The exponent of a {@code 2^n} lifetime ({@link Integer#MAX_VALUE} when it has more digits
     * than an int holds), or -1 for a decimal one.
     */
    public int exponent() {
        if (!exponential()) {
            return -1;
        }
        BigInteger exponent = new BigInteger(text.substring(2));
        return exponent.bitLength() < 32 ? exponent.intValue() : Integer.MAX_VALUE;
    }

    /** The number of packets, saturating at {@link Long#MAX_VALUE} (2^63 - 1). */
    public long packets() {
        if (exponential()) {
            int exponent = exponent();
            return exponent >= 63 ? Long.MAX_VALUE : 1L << exponent;
        }
        return new BigInteger(text).min(LONG_MAX).longValueExact();
    }

    @Override
    public String toString() {
        return text;
    }
}
