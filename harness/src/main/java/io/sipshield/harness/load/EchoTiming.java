package io.sipshield.harness.load;

import io.sipshield.emulator.media.MediaSink;
import io.sipshield.emulator.rtp.MediaSource;
import io.sipshield.emulator.rtp.RtpPacket;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;

/**
 * Times each echoed packet of one load call for the media round-trip histogram: wraps the call's
 * source to note when each payload is drawn (just before it is protected and sent) and, as a sink,
 * matches each decrypted payload that comes back to the oldest one sent with the same bytes, as
 * {@link io.sipshield.emulator.media.EchoVerifier} does (an echo re-packetizes: only the payload
 * survives). The call's own EchoVerifier keeps the min/mean/max; this feeds the percentiles.
 * Keeps at most 500 payloads outstanding (10 s of audio).
 */
final class EchoTiming implements MediaSource, MediaSink {

    private static final int OUTSTANDING_LIMIT = 500;

    private final MediaSource source;
    private final LoadMetrics metrics;
    private final Deque<Sent> outstanding = new ArrayDeque<>();

    EchoTiming(MediaSource source, LoadMetrics metrics) {
        this.source = source;
        this.metrics = metrics;
    }

    @Override
    public byte[] nextFrame() {
        byte[] frame = source.nextFrame();
        synchronized (this) {
            if (outstanding.size() == OUTSTANDING_LIMIT) {
                outstanding.removeFirst();
            }
            outstanding.addLast(new Sent(frame.clone(), System.nanoTime()));
        }
        return frame;
    }

    @Override
    public synchronized void received(RtpPacket packet, long arrivalNanos) {
        Iterator<Sent> pending = outstanding.iterator();
        while (pending.hasNext()) {
            Sent candidate = pending.next();
            if (Arrays.equals(candidate.payload, packet.payload())) {
                pending.remove();
                metrics.record(Latency.MEDIA_ROUND_TRIP, arrivalNanos - candidate.nanos);
                return;
            }
        }
    }

    private record Sent(byte[] payload, long nanos) {
    }
}
