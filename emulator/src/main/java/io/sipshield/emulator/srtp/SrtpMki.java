package io.sipshield.emulator.srtp;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A master key identifier (RFC 3711 §3.1): the bytes carried in every SRTP/SRTCP packet when MKI
 * is in use, naming the master key that protected it. SDES writes it as {@code <value>:<length>}
 * (RFC 4568 §6.1): the decimal value as a big-endian integer of {@code length} bytes. Not secret.
 *
 * @param value the MKI bytes as sent, 1 to 128 of them
 */
public record SrtpMki(byte[] value) {

    /** RFC 4568 §6.1: the MKI length is 1 to 128 bytes. */
    public static final int MAX_LENGTH = 128;

    public SrtpMki {
        Objects.requireNonNull(value, "value");
        if (value.length < 1 || value.length > MAX_LENGTH) {
            throw new IllegalArgumentException("mki: length must be 1 to " + MAX_LENGTH + " bytes, got " + value.length);
        }
        value = value.clone();
    }

    /**
     * The MKI {@code value:length} of an SDES key parameter.
     *
     * @throws IllegalArgumentException if the value is negative or does not fit in {@code length} bytes
     */
    public static SrtpMki of(BigInteger value, int length) {
        Objects.requireNonNull(value, "value");
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("mki: length must be 1 to " + MAX_LENGTH + " bytes, got " + length);
        }
        if (value.signum() < 0 || value.bitLength() > 8 * length) {
            throw new IllegalArgumentException("mki: value " + value + " does not fit in " + length
                    + (length == 1 ? " byte" : " bytes"));
        }
        byte[] bytes = new byte[length];
        byte[] magnitude = value.toByteArray(); // may carry a leading zero sign byte
        int copy = Math.min(magnitude.length, length);
        System.arraycopy(magnitude, magnitude.length - copy, bytes, length - copy, copy);
        return new SrtpMki(bytes);
    }

    /** {@link #of(BigInteger, int)} for a value that fits a long. */
    public static SrtpMki of(long value, int length) {
        return of(BigInteger.valueOf(value), length);
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** The value as SDES writes it (decimal). */
    public BigInteger decimalValue() {
        return new BigInteger(1, value);
    }

    /** Whether the MKI is {@code packet[at..at+length)}; allocates nothing. */
    boolean matches(byte[] packet, int at) {
        for (int i = 0; i < value.length; i++) {
            if (packet[at + i] != value[i]) {
                return false;
            }
        }
        return true;
    }

    void writeTo(byte[] packet, int at) {
        System.arraycopy(value, 0, packet, at, value.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SrtpMki that && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    /** {@code value:length}, the SDES form, and the bytes in hex. */
    @Override
    public String toString() {
        return "SrtpMki[" + decimalValue() + ":" + value.length + " = 0x" + HexFormat.of().formatHex(value) + "]";
    }
}
