package io.sipshield.emulator.media;

import io.sipshield.emulator.rtp.RtpPacket;
import io.sipshield.emulator.srtp.SrtpStatus;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;

/**
 * The sink of an echo call: every decrypted packet that comes back must carry a payload the
 * phone sent and has not yet seen back (an echo re-packetizes, so sequence numbers, timestamps
 * and SSRC are the echoer's own; the payload is what must survive). Measures each echo's round
 * trip, and counts every datagram's unprotect outcome. Remembers the last 1000 payloads sent
 * (20 s of audio): an echo later than that counts as mismatched.
 */
public final class EchoVerifier implements MediaSink {

    private static final int OUTSTANDING_LIMIT = 1000;

    private final Deque<Sent> outstanding = new ArrayDeque<>();
    private final RoundTrip.Counter roundTrips = new RoundTrip.Counter();
    private long sent;
    private long received;
    private long verified;
    private long mismatched;
    private long authFailures;
    private long replays;
    private long malformed;

    /** Records a payload the phone is sending now. */
    public void sent(byte[] payload) {
        sent(payload, System.nanoTime());
    }

    /** Records a payload the phone sent at {@code sentNanos} ({@link System#nanoTime()}). */
    public synchronized void sent(byte[] payload, long sentNanos) {
        sent++;
        if (outstanding.size() == OUTSTANDING_LIMIT) {
            outstanding.removeFirst();
        }
        outstanding.addLast(new Sent(payload, sentNanos));
    }

    /** Records the outcome of unprotecting (or decoding) one received datagram. */
    public synchronized void unprotected(SrtpStatus status) {
        received++;
        switch (status) {
            case OK -> { }
            case AUTH_FAIL -> authFailures++;
            case REPLAY, TOO_OLD -> replays++;
            default -> malformed++; // MALFORMED, and KEY_EXPIRED: the packet cannot be used either way
        }
    }

    @Override
    public synchronized void received(RtpPacket packet, long arrivalNanos) {
        Iterator<Sent> pending = outstanding.iterator();
        while (pending.hasNext()) {
            Sent candidate = pending.next();
            if (Arrays.equals(candidate.payload, packet.payload())) {
                pending.remove();
                verified++;
                roundTrips.add(arrivalNanos - candidate.nanos);
                return;
            }
        }
        mismatched++;
    }

    /** The echo counters (the other fields of {@link MediaStats} are empty). */
    public synchronized MediaStats stats() {
        return new MediaStats(sent, received, verified, mismatched, authFailures, replays, malformed);
    }

    /** Send-to-echo times of the verified packets. */
    public synchronized RoundTrip roundTrip() {
        return roundTrips.summary();
    }

    private record Sent(byte[] payload, long nanos) {
    }
}
