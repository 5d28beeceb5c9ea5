package io.sipshield.benchmarks;

import io.sipshield.emulator.srtp.SrtpContext;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import io.sipshield.emulator.srtp.SrtpStatus;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SRTP protect and unprotect of 172-byte RTP packets (12-byte header, 160-byte G.711 payload) per
 * suite, one thread, packets per second; the same work as {@code sipshield bench srtp} and its C
 * references (bench_common.h). Run with {@code -prof gc}: {@code gc.alloc.rate.norm} shows 0 B/op
 * for both, the packet path allocating nothing.
 *
 * <pre>
 * ./mvnw -Pbench -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar SrtpBenchmark -prof gc
 * java -jar benchmarks/target/benchmarks.jar SrtpBenchmark -p suite=AES_CM_128_HMAC_SHA1_80
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SrtpBenchmark {

    static final int RTP_LENGTH = 172;
    static final int RING = 8192;
    private static final int SSRC = 0x5eed5eed;

    /** The suite and its key, shared by both benchmarks. */
    @State(Scope.Thread)
    public static class Keys {
        @Param({"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AES_192_CM_HMAC_SHA1_80",
            "AES_256_CM_HMAC_SHA1_80", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM"})
        public String suite;

        SrtpCryptoSuite cryptoSuite;
        SrtpMasterKey key;

        @Setup(Level.Trial)
        public void setUp() {
            cryptoSuite = SrtpCryptoSuite.valueOf(suite);
            byte[] keyAndSalt = new byte[cryptoSuite.keyAndSaltLength()];
            for (int i = 0; i < keyAndSalt.length; i++) {
                keyAndSalt[i] = (byte) (i * 3 + 1);
            }
            key = SrtpMasterKey.of(cryptoSuite, keyAndSalt);
        }
    }

    static byte[] template() {
        byte[] packet = new byte[RTP_LENGTH];
        packet[0] = (byte) 0x80;
        packet[8] = (byte) (SSRC >>> 24);
        packet[9] = (byte) (SSRC >>> 16);
        packet[10] = (byte) (SSRC >>> 8);
        packet[11] = (byte) SSRC;
        for (int i = 12; i < RTP_LENGTH; i++) {
            packet[i] = (byte) (i * 7);
        }
        return packet;
    }

    static void setSequence(byte[] packet, long counter) {
        packet[2] = (byte) (counter >>> 8);
        packet[3] = (byte) counter;
        packet[4] = (byte) (counter >>> 16);
    }

    /** A sender and its work buffer. */
    @State(Scope.Thread)
    public static class Sending {
        SrtpContext sender;
        byte[] template;
        byte[] work;
        long counter;

        @Setup(Level.Trial)
        public void setUp(Keys keys) {
            sender = SrtpContext.create(keys.cryptoSuite, keys.key);
            template = template();
            work = new byte[RTP_LENGTH + sender.overhead()];
        }
    }

    /**
     * A ring of protected packets with consecutive sequence numbers for one long-lived receiver:
     * before each pass (not timed) the sender refills it with the next packets, in place.
     */
    @State(Scope.Thread)
    public static class Receiving {
        SrtpContext sender;
        SrtpContext receiver;
        byte[] template;
        byte[][] ring;
        byte[] work;
        int length;
        long counter;

        @Setup(Level.Trial)
        public void setUp(Keys keys) {
            sender = SrtpContext.create(keys.cryptoSuite, keys.key);
            receiver = SrtpContext.create(keys.cryptoSuite, keys.key);
            length = RTP_LENGTH + sender.overhead();
            template = template();
            ring = new byte[RING][length];
            work = new byte[length];
        }

        @Setup(Level.Invocation)
        public void refill() {
            for (byte[] packet : ring) {
                System.arraycopy(template, 0, packet, 0, RTP_LENGTH);
                setSequence(packet, counter++);
                sender.protectInPlace(packet, 0, RTP_LENGTH);
            }
        }
    }

    @Benchmark
    public int protect(Sending state) {
        System.arraycopy(state.template, 0, state.work, 0, RTP_LENGTH);
        setSequence(state.work, state.counter++);
        return state.sender.protectInPlace(state.work, 0, RTP_LENGTH);
    }

    @Benchmark
    @OperationsPerInvocation(RING)
    public int unprotect(Receiving state) {
        int ok = 0;
        for (int i = 0; i < RING; i++) {
            System.arraycopy(state.ring[i], 0, state.work, 0, state.length);
            if (state.receiver.unprotectInPlace(state.work, 0, state.length) == SrtpStatus.OK) {
                ok++;
            }
        }
        if (ok != RING) {
            throw new IllegalStateException((RING - ok) + " of " + RING + " packets did not unprotect");
        }
        return ok;
    }
}
