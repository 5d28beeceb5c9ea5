package io.sipshield.harness.cli;

import io.sipshield.harness.load.LoadResult;
import io.sipshield.harness.load.LoadRun;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * {@code sipshield load --warmup W}: a storm of W phones run and discarded before the measured run,
 * in the same JVM, so the measured run meets compiled code (HotSpot's C1/C2 compile the handshake,
 * certificate check, SIP codec and digest paths during the first few thousand registrations, which
 * is most of a cold storm's CPU) as {@code openssl s_time}, a C program, always does. Each warm-up
 * phone does all a measured phone does (full handshake, certificate check, REGISTER, 401, REGISTER);
 * none of it is counted in the measured result. One line on standard error says how it went.
 */
final class LoadWarmup {

    private LoadWarmup() {
    }

    /** Runs {@code warmup} to its end without progress and prints one line about it to {@code err}. */
    static LoadResult run(LoadRun warmup, PrintWriter err) {
        err.println("warm-up: " + warmup.phones() + " phones (not counted)...");
        err.flush();
        LoadResult result = warmup.run(snapshot -> { });
        err.println(line(result) + String.format(Locale.ROOT, "; this JVM's CPU so far %.1f s", processCpuSeconds()));
        err.flush();
        return result;
    }

    /** CPU time this JVM has used (all threads: JIT compilers and GC included), or -1 when the JVM cannot tell. */
    static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? -1 : nanos / 1e9;
        }
        return -1;
    }

    /** {@code warm-up: 500 phones, 500 registered in 3.2 s, 0 failed (not counted)}. */
    static String line(LoadResult result) {
        return String.format(Locale.ROOT, "warm-up: %d phones, %d registered in %.1f s, %d failed (not counted)",
                result.phones(), result.firstRegistrations(), result.registrationTime().toMillis() / 1000.0,
                result.end().failureCount());
    }
}
