package io.sipshield.emulator.srtp;

import java.util.Objects;

/**
 * The outcome of unprotecting one packet.
 *
 * @param status    what happened
 * @param rtpPacket the plain RTP (or RTCP) packet when {@code status} is {@link SrtpStatus#OK}, else null
 */
public record SrtpResult(SrtpStatus status, byte[] rtpPacket) {

    private static final SrtpResult AUTH_FAIL = new SrtpResult(SrtpStatus.AUTH_FAIL, null);
    private static final SrtpResult REPLAY = new SrtpResult(SrtpStatus.REPLAY, null);
    private static final SrtpResult TOO_OLD = new SrtpResult(SrtpStatus.TOO_OLD, null);
    private static final SrtpResult MALFORMED = new SrtpResult(SrtpStatus.MALFORMED, null);
    private static final SrtpResult KEY_EXPIRED = new SrtpResult(SrtpStatus.KEY_EXPIRED, null);

    public SrtpResult {
        Objects.requireNonNull(status, "status");
        if ((status == SrtpStatus.OK) != (rtpPacket != null)) {
            throw new IllegalArgumentException("rtpPacket: present exactly when status is OK, status was " + status);
        }
    }

    public static SrtpResult ok(byte[] rtpPacket) {
        return new SrtpResult(SrtpStatus.OK, Objects.requireNonNull(rtpPacket, "rtpPacket"));
    }

    /** A shared result for a failed packet. */
    public static SrtpResult failed(SrtpStatus status) {
        return switch (status) {
            case AUTH_FAIL -> AUTH_FAIL;
            case REPLAY -> REPLAY;
            case TOO_OLD -> TOO_OLD;
            case MALFORMED -> MALFORMED;
            case KEY_EXPIRED -> KEY_EXPIRED;
            case OK -> throw new IllegalArgumentException("status: OK needs a packet");
        };
    }

    public boolean isOk() {
        return status == SrtpStatus.OK;
    }

    @Override
    public String toString() {
        return rtpPacket == null ? "SrtpResult[" + status + "]"
                : "SrtpResult[" + status + ", " + rtpPacket.length + " bytes]";
    }
}
