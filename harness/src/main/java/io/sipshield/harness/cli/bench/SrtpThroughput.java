package io.sipshield.harness.cli.bench;

import io.sipshield.emulator.srtp.SrtpContext;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import io.sipshield.emulator.srtp.SrtpStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * sipshield's SRTP packets per second on one thread, by the protocol the C helpers follow
 * ({@code bench_common.h}): a warm-up, then {@link #ROUNDS} timed rounds per operation, the best
 * round reported (the one least disturbed by other work on the machine). Both operations are
 * warmed up before either is timed, each for half its timed part but at least {@link #MIN_WARM_UP}
 * (or the whole timed part when that is shorter, as in tests), so the JIT has compiled the path. Protect: copy a 172-byte RTP packet into the work buffer, set its sequence number,
 * {@link SrtpContext#protectInPlace}. Unprotect: copy one of {@link #RING} protected packets into the
 * work buffer, {@link SrtpContext#unprotectInPlace}; before each pass over the ring (not timed) the
 * sender refills it with the next packets, so the one receiver never sees a replay. Not a test: a plain timed loop, for {@code sipshield bench srtp}.
 */
final class SrtpThroughput {

    static final int RTP_LENGTH = 172;
    static final int RING = 8192;
    static final int ROUNDS = 10;
    private static final int HEADER_LENGTH = 12;
    private static final int BATCH = 1024;
    private static final int SSRC = 0x5eed5eed;
    static final Duration MIN_WARM_UP = Duration.ofSeconds(1);

    /** Packets per second of protect and of unprotect (best round of each). */
    record Result(double protectPerSecond, double unprotectPerSecond) {
    }

    private final Duration duration;

    /** @param duration the timed part of each operation; the warm-up takes half as long again */
    SrtpThroughput(Duration duration) {
        this.duration = Objects.requireNonNull(duration, "duration");
    }

    Result measure(SrtpCryptoSuite suite) {
        byte[] keyAndSalt = new byte[suite.keyAndSaltLength()];
        for (int i = 0; i < keyAndSalt.length; i++) {
            keyAndSalt[i] = (byte) (i * 3 + 1);
        }
        SrtpMasterKey key = SrtpMasterKey.of(suite, keyAndSalt);
        protect(suite, key, 0); // warm-up of both operations first: the JIT compiles what they share
        unprotect(suite, key, 0);
        return new Result(protect(suite, key, ROUNDS), unprotect(suite, key, ROUNDS));
    }

    private static byte[] template() {
        byte[] packet = new byte[RTP_LENGTH];
        packet[0] = (byte) 0x80;
        packet[8] = (byte) (SSRC >>> 24);
        packet[9] = (byte) (SSRC >>> 16);
        packet[10] = (byte) (SSRC >>> 8);
        packet[11] = (byte) SSRC;
        for (int i = HEADER_LENGTH; i < RTP_LENGTH; i++) {
            packet[i] = (byte) (i * 7);
        }
        return packet;
    }

    private static void setSequence(byte[] packet, long counter) {
        packet[2] = (byte) (counter >>> 8);
        packet[3] = (byte) counter;
        packet[4] = (byte) (counter >>> 16);
    }

    /** With {@code rounds} 0: only the warm-up. */
    private double protect(SrtpCryptoSuite suite, SrtpMasterKey key, int rounds) {
        SrtpContext sender = SrtpContext.create(suite, key);
        byte[] template = template();
        byte[] work = new byte[RTP_LENGTH + sender.overhead()];
        double[] results = new double[Math.max(rounds, 1)];
        long counter = 0;
        for (int round = rounds == 0 ? -1 : 0; round < rounds; round++) {
            long budget = round < 0 ? warmUp() : duration.toNanos() / ROUNDS;
            long packets = 0;
            long start = System.nanoTime();
            long elapsed;
            do {
                for (int i = 0; i < BATCH; i++, counter++) {
                    System.arraycopy(template, 0, work, 0, RTP_LENGTH);
                    setSequence(work, counter);
                    sender.protectInPlace(work, 0, RTP_LENGTH);
                }
                packets += BATCH;
                elapsed = System.nanoTime() - start;
            } while (elapsed < budget);
            if (round >= 0) {
                results[round] = packets * 1e9 / elapsed;
            }
        }
        return best(results);
    }

    private double unprotect(SrtpCryptoSuite suite, SrtpMasterKey key, int rounds) {
        SrtpContext sender = SrtpContext.create(suite, key);
        SrtpContext receiver = SrtpContext.create(suite, key);
        byte[] template = template();
        int length = RTP_LENGTH + sender.overhead();
        byte[][] ring = new byte[RING][length];
        byte[] work = new byte[length];
        double[] results = new double[Math.max(rounds, 1)];
        long counter = 0;
        for (int round = rounds == 0 ? -1 : 0; round < rounds; round++) {
            long budget = round < 0 ? warmUp() : duration.toNanos() / ROUNDS;
            long packets = 0;
            long timed = 0;
            while (timed < budget) {
                for (byte[] packet : ring) {
                    System.arraycopy(template, 0, packet, 0, RTP_LENGTH);
                    setSequence(packet, counter++);
                    sender.protectInPlace(packet, 0, RTP_LENGTH);
                }
                long start = System.nanoTime();
                for (int i = 0; i < RING; i++) {
                    System.arraycopy(ring[i], 0, work, 0, length);
                    if (receiver.unprotectInPlace(work, 0, length) != SrtpStatus.OK) {
                        throw new IllegalStateException("packet " + (counter - RING + i) + " did not unprotect");
                    }
                }
                timed += System.nanoTime() - start;
                packets += RING;
            }
            if (round >= 0) {
                results[round] = packets * 1e9 / timed;
            }
        }
        return best(results);
    }

    private long warmUp() {
        return Math.max(duration.toNanos() / 2, Math.min(duration.toNanos(), MIN_WARM_UP.toNanos()));
    }

    static double best(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }
}
