package io.sipshield.emulator.media;

import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.RtpPacket;
import io.sipshield.emulator.rtp.WavFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Records received G.711 audio as 8 kHz 16-bit PCM, in RTP timestamp order: a gap in the
 * timestamps (lost packets, silence suppression) becomes silence, up to 5 seconds (a longer jump
 * is a new timestamp base and is not filled); a packet older than what has been written (late or
 * duplicate) is dropped and counted. Audio is kept in memory (16 kB per second) until
 * {@link #save} or {@link #toWav}.
 *
 * A sink: called on the media event loop; the other methods may be called from any thread.
 */
public final class WavRecorder implements MediaSink {

    private static final int MAX_GAP = 5 * G711.CLOCK_RATE;

    private short[] samples = new short[G711.CLOCK_RATE];
    private int count;
    private boolean started;
    private long nextTimestamp;
    private long dropped;
    private long undecodable;

    @Override
    public synchronized void received(RtpPacket packet, long arrivalNanos) {
        Optional<G711> law = G711.forPayloadType(packet.payloadType());
        if (law.isEmpty()) {
            undecodable++;
            return;
        }
        byte[] payload = packet.payload();
        if (started) {
            int ahead = (int) (packet.timestamp() - nextTimestamp);
            if (ahead < 0) {
                dropped++;
                return;
            }
            if (ahead <= MAX_GAP) {
                ensure(ahead);
                count += ahead; // new array slots are already silence (0)
            }
        }
        started = true;
        ensure(payload.length);
        for (byte code : payload) {
            samples[count++] = law.get().decode(code);
        }
        nextTimestamp = (packet.timestamp() + payload.length) & 0xFFFF_FFFFL;
    }

    private void ensure(int more) {
        if (count + more > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(samples.length * 2, count + more));
        }
    }

    /** The samples recorded so far. */
    public synchronized short[] samples() {
        return Arrays.copyOf(samples, count);
    }

    /** How long the recording is. */
    public synchronized Duration duration() {
        return Duration.ofMillis(count * 1000L / G711.CLOCK_RATE);
    }

    /** Packets dropped because they were older than what was already written. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Packets that were not G.711. */
    public synchronized long undecodable() {
        return undecodable;
    }

    /** The recording as a WAV file (8 kHz 16-bit mono PCM). */
    public synchronized byte[] toWav() {
        return WavFile.encode(samples, count, G711.CLOCK_RATE);
    }

    /** Writes the recording to a WAV file. Do not call on an event loop: it writes to disk. */
    public void save(Path file) throws IOException {
        java.nio.file.Files.write(file, toWav());
    }
}
