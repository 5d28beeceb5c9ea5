package io.sipshield.emulator.media.impair;

/**
 * What a {@link PacketImpairment} did to the RTP datagrams of one stream, counted the way the
 * receiver behind it must count them (RFC 3550 A.1 and A.3 for loss and order, RFC 3711 §3.3 for
 * authentication and replay), so a test compares the two exactly. "Intact" means delivered and not
 * tampered with; "original" means the first copy of a packet.
 *
 * <p>With SRTP the receiver must see {@code tampered} authentication failures, {@code duplicated +
 * replayed} replays (a copy of a packet it already accepted), {@code late} reordered packets and
 * {@code lost} lost ones, as long as no packet is held back further than its replay window (64).
 *
 * @param arrived    RTP datagrams that reached the impairment (RTCP and non-RTP datagrams pass uncounted)
 * @param forwarded  originals delivered intact
 * @param dropped    originals dropped ({@link io.sipshield.emulator.fault.PacketLoss})
 * @param late       intact originals delivered after an intact original that arrived after them
 *                   ({@link io.sipshield.emulator.fault.Reorder}); the receiver's "reordered"
 * @param duplicated extra copies delivered at once after their original ({@link io.sipshield.emulator.fault.Duplicate})
 * @param tampered   originals delivered with one bit flipped ({@link io.sipshield.emulator.fault.TamperSrtp})
 * @param replayed   copies delivered again some packets later ({@link io.sipshield.emulator.fault.ReplaySrtp})
 * @param lost       originals the receiver can miss: before the last intact one and never delivered
 *                   intact (dropped or tampered); RFC 3550's expected minus received
 * @param inFlight   packets held back and replays due, not yet delivered (0 once the stream has paused)
 */
public record ImpairmentTally(long arrived, long forwarded, long dropped, long late, long duplicated, long tampered,
                              long replayed, long lost, long inFlight) {

    public static final ImpairmentTally NONE = new ImpairmentTally(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The copies a receiver with SRTP must refuse as replays (or as too old). */
    public long copies() {
        return duplicated + replayed;
    }

    /** One line for reports, e.g. "150 arrived: 7 dropped, 5 late, 8 duplicated, 0 tampered, 0 replayed". */
    public String describe() {
        return arrived + " arrived: " + dropped + " dropped, " + late + " late, " + duplicated + " duplicated, "
                + tampered + " tampered, " + replayed + " replayed";
    }
}
