package io.sipshield.emulator.media;

import io.sipshield.emulator.rtp.RtcpReportBlock;
import java.time.Duration;

/**
 * RTCP of one call: reports sent and received, and what the peer said about our stream.
 *
 * @param sent       compound packets sent (SRTCP-protected when the call has SRTP)
 * @param received   compound packets received and read
 * @param rejected   received packets dropped: SRTCP authentication or replay failure, or not valid RTCP
 * @param peerReport the peer's latest report block about our stream, or null
 * @param roundTrip  the latest round trip computed from LSR/DLSR (RFC 3550 §6.4.1), or null
 * @param peerLeft   whether the peer sent a BYE
 */
public record RtcpStats(long sent, long received, long rejected, RtcpReportBlock peerReport, Duration roundTrip,
                        boolean peerLeft) {

    public static final RtcpStats NONE = new RtcpStats(0, 0, 0, null, null, false);
}
