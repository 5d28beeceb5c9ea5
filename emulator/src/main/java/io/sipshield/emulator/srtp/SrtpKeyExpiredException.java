package io.sipshield.emulator.srtp;

/**
 * Thrown by {@code protect} when the sending master key may not protect another packet (RFC 3711
 * §9.2): its lifetime in packets is used up, or the packet index (SRTP: 48 bits, SRTCP: 31 bits)
 * has no next value. Rekey, or switch to another master key by MKI.
 */
public final class SrtpKeyExpiredException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public SrtpKeyExpiredException(String message) {
        super(message);
    }
}
