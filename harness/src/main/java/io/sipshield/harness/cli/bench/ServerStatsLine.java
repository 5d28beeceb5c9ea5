package io.sipshield.harness.cli.bench;

import io.sipshield.emulator.srtp.SrtpStatus;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.ServerSessionResumption;
import io.sipshield.harness.mock.SrtpReceiveCounts;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Locale;

/**
 * One line of the load server's figures, for a script to grep: elapsed seconds, contacts the
 * registrar holds, TLS handshakes (full and resumed), the JVM's CPU time and used heap, then the
 * open call channels and the SRTP packets the mock received: authenticated ({@code srtp_ok}),
 * failed authentication ({@code srtp_auth_failures}) and dropped for any reason
 * ({@code srtp_rejected}: authentication, replay, too old, malformed, key expired).
 * {@code stats t=12.0s contacts=2000 handshakes=2000 full=2000 resumed=0 cpu=31.2s heap=210.4MiB
 * channels=0 srtp_ok=0 srtp_auth_failures=0 srtp_rejected=0}
 */
final class ServerStatsLine {

    private final MockAsterisk pbx;
    private final long startNanos;

    ServerStatsLine(MockAsterisk pbx, long startNanos) {
        this.pbx = pbx;
        this.startNanos = startNanos;
    }

    String line(String label) {
        ServerSessionResumption.Stats tls = pbx.tlsSessionStats();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        SrtpReceiveCounts srtp = pbx.srtpReceived();
        return String.format(Locale.ROOT, "%s t=%.1fs contacts=%d handshakes=%d full=%d resumed=%d cpu=%.1fs heap=%.1fMiB"
                        + " channels=%d srtp_ok=%d srtp_auth_failures=%d srtp_rejected=%d",
                label, (System.nanoTime() - startNanos) / 1e9, pbx.registrar().bindings().size(),
                tls.handshakesCompleted(), tls.full(), tls.resumed(), processCpuSeconds(), heap.getUsed() / 1048576.0,
                pbx.activeChannels().channels().size(), srtp.count(SrtpStatus.OK), srtp.authFailures(),
                srtp.rejected());
    }

    /** CPU time of this JVM so far (every thread, GC included), or -1 where the JVM does not say. */
    static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? -1 : nanos / 1e9;
        }
        return -1;
    }
}
