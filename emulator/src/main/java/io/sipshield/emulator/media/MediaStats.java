package io.sipshield.emulator.media;

/**
 * Counters of one call's media, as the phone saw them.
 *
 * @param sent         RTP packets sent (SRTP-protected when the call has SRTP)
 * @param received     datagrams received on the media port
 * @param verified     received packets that authenticated and whose payload equals one the phone sent
 * @param mismatched   received packets that authenticated but carried a payload the phone never sent
 * @param authFailures received packets whose authentication tag failed
 * @param replays      received packets rejected as replayed or too old
 * @param malformed    received packets too short or not RTP, or past their master key's lifetime
 * @param lost         packets of the incoming stream never received (RFC 3550 A.3: expected minus received)
 * @param reordered    incoming packets that arrived after one with a higher sequence number
 * @param duplicates   incoming packets received twice
 * @param jitterMillis interarrival jitter of the incoming stream (RFC 3550 A.8), milliseconds
 * @param roundTrip    send-to-echo times of the verified packets
 * @param rtcp         RTCP sent and received, and what the peer reported
 */
public record MediaStats(long sent, long received, long verified, long mismatched, long authFailures, long replays,
                         long malformed, long lost, long reordered, long duplicates, double jitterMillis,
                         RoundTrip roundTrip, RtcpStats rtcp) {

    public static final MediaStats NONE = new MediaStats(0, 0, 0, 0, 0, 0, 0);

    public MediaStats {
        java.util.Objects.requireNonNull(roundTrip, "roundTrip");
        java.util.Objects.requireNonNull(rtcp, "rtcp");
    }

    /** Echo counters only: no reception, round-trip or RTCP figures. */
    public MediaStats(long sent, long received, long verified, long mismatched, long authFailures, long replays,
                      long malformed) {
        this(sent, received, verified, mismatched, authFailures, replays, malformed, 0, 0, 0, 0, RoundTrip.NONE,
                RtcpStats.NONE);
    }

    /** These counters with the reception statistics of the incoming stream, the echo round trips and RTCP. */
    MediaStats with(ReceptionStats.Snapshot reception, RoundTrip roundTrip, RtcpStats rtcp) {
        return new MediaStats(sent, received, verified, mismatched, authFailures, replays, malformed, reception.lost(),
                reception.reordered(), reception.duplicates(), reception.jitterMillis(), roundTrip, rtcp);
    }
}
