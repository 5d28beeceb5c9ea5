package io.sipshield.emulator.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.rtp.RtpPacket;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The in-place packet path allocates nothing once an SSRC is known: thousands of protect and
 * unprotect calls in a row are measured with the JVM's per-thread allocation counter (the JMH
 * benchmark's {@code -prof gc} shows the same at full speed). This is a property check, not a
 * timing: nothing here depends on how fast the machine is.
 */
class SrtpAllocationTest {

    private static final int PACKETS = 5_000;

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** What reading the counter twice allocates by itself. */
    private static long measurementCost() {
        long first = allocatedBytes();
        return allocatedBytes() - first;
    }

    @ParameterizedTest
    @EnumSource(SrtpCryptoSuite.class)
    void srtpProtectAndUnprotectInPlaceAllocateNothing(SrtpCryptoSuite suite) {
        Assumptions.assumeTrue(allocatedBytes() >= 0, "this JVM does not count allocations per thread");
        SrtpMasterKey key = SrtpMasterKey.random(suite, new SecureRandom());
        SrtpContext sender = SrtpContext.create(suite, key);
        SrtpContext receiver = SrtpContext.create(suite, key);
        byte[] template = new RtpPacket(0, false, 0, 0, 0x5eed5eedL, new byte[160]).encode();
        byte[] buffer = new byte[template.length + sender.overhead()];

        run(sender, receiver, template, buffer, 0, 2_000); // the first packets create the stream and link the code
        long before = allocatedBytes();
        run(sender, receiver, template, buffer, 2_000, PACKETS);
        long allocated = allocatedBytes() - before - measurementCost();

        assertEquals(2_000 + PACKETS, receiver.stats().unprotectedOk());
        assertTrue(allocated < PACKETS, suite + ": " + allocated + " bytes allocated for " + PACKETS
                + " packets each way");
    }

    private static void run(SrtpContext sender, SrtpContext receiver, byte[] template, byte[] buffer, int from,
            int count) {
        for (int seq = from; seq < from + count; seq++) {
            System.arraycopy(template, 0, buffer, 0, template.length);
            buffer[2] = (byte) (seq >>> 8);
            buffer[3] = (byte) seq;
            int length = sender.protectInPlace(buffer, 0, template.length);
            if (receiver.unprotectInPlace(buffer, 0, length) != SrtpStatus.OK) {
                throw new AssertionError("packet " + seq + " did not unprotect");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, names = {"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    void srtcpProtectAndUnprotectInPlaceAllocateNothing(SrtpCryptoSuite suite) {
        Assumptions.assumeTrue(allocatedBytes() >= 0, "this JVM does not count allocations per thread");
        SrtpMasterKey key = SrtpMasterKey.random(suite, new SecureRandom());
        SrtcpContext sender = SrtcpContext.create(suite, key);
        SrtcpContext receiver = SrtcpContext.create(suite, key);
        byte[] template = HexFormat.of().parseHex("80c80006" + "5eed5eed" + "00".repeat(20));
        byte[] buffer = new byte[template.length + sender.overhead()];
        runRtcp(sender, receiver, template, buffer, 2_000);
        long before = allocatedBytes();
        runRtcp(sender, receiver, template, buffer, PACKETS);
        long allocated = allocatedBytes() - before - measurementCost();
        assertEquals(2_000 + PACKETS, receiver.stats().unprotectedOk());
        assertTrue(allocated < PACKETS, suite + ": " + allocated + " bytes allocated for " + PACKETS + " packets");
    }

    private static void runRtcp(SrtcpContext sender, SrtcpContext receiver, byte[] template, byte[] buffer,
            int count) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(template, 0, buffer, 0, template.length);
            if (receiver.unprotectInPlace(buffer, 0, sender.protectInPlace(buffer, 0, template.length)) != SrtpStatus.OK) {
                throw new AssertionError("SRTCP packet " + i + " did not unprotect");
            }
        }
    }
}
