package io.sipshield.emulator.media;

/**
 * Counters of one call's media, as the phone saw them.
 *
 * @param sent         RTP packets sent (SRTP-protected)
 * @param received     datagrams received on the media port
 * @param verified     received packets that authenticated and whose payload equals one the phone sent
 * @param mismatched   received packets that authenticated but carried a payload the phone never sent
 * @param authFailures received packets whose authentication tag failed
 * @param replays      received packets rejected as replayed or too old
 * @param malformed    received packets too short or not RTP
 */
public record MediaStats(long sent, long received, long verified, long mismatched, long authFailures, long replays,
                         long malformed) {

    public static final MediaStats NONE = new MediaStats(0, 0, 0, 0, 0, 0, 0);
}
