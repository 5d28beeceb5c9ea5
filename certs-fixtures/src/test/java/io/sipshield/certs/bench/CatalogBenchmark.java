package io.sipshield.certs.bench;

import io.sipshield.certs.CrlName;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Measures the fixture catalogue: cold generation of every certificate and CRL in a fresh catalog
 * (the first run in a fresh JVM, then more runs with a warm JIT), and cached access afterwards.
 * A plain main, not a test: timings vary with the machine and never fail a build. Run it as the
 * certs-fixtures README's "Benchmarks" section says, and record the figures there.
 *
 * <p>Arguments: {@code [coldRuns] [cachedRounds]} (default 5 and 1000).
 */
public final class CatalogBenchmark {

    private CatalogBenchmark() {
    }

    public static void main(String[] args) {
        int coldRuns = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int cachedRounds = args.length > 1 ? Integer.parseInt(args[1]) : 1000;

        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        double[] coldMillis = new double[coldRuns];
        double[] coldCpuMillis = new double[coldRuns];
        FixtureCatalog catalog = null;
        int keys = 0;
        for (int run = 0; run < coldRuns; run++) {
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            catalog = FixtureCatalog.create();
            catalog.all();
            catalog.allCrls();
            coldMillis[run] = (System.nanoTime() - start) / 1e6;
            coldCpuMillis[run] = (processCpuNanos() - cpuStart) / 1e6;
            keys = catalog.keyPairsGenerated();
        }

        long start = System.nanoTime();
        int lookups = 0;
        for (int round = 0; round < cachedRounds; round++) {
            for (FixtureName name : FixtureName.values()) {
                catalog.get(name);
                lookups++;
            }
            for (CrlName name : CrlName.values()) {
                catalog.crl(name);
                lookups++;
            }
        }
        double cachedNanos = (double) (System.nanoTime() - start) / lookups;

        double[] warm = Arrays.copyOfRange(coldMillis, Math.min(1, coldRuns - 1), coldRuns);
        Arrays.sort(warm);
        double[] warmCpu = Arrays.copyOfRange(coldCpuMillis, Math.min(1, coldRuns - 1), coldRuns);
        Arrays.sort(warmCpu);
        System.out.printf("catalogue: %d certificates, %d CRLs, %d key pairs%n",
                FixtureName.values().length, CrlName.values().length, keys);
        System.out.printf("cold, first run in a fresh JVM: %.0f ms wall, %.0f ms CPU (all threads)%n", coldMillis[0], coldCpuMillis[0]);
        System.out.printf("cold, warm JIT (median of %d runs, min %.0f, max %.0f): %.0f ms wall, %.0f ms CPU%n",
                warm.length, warm[0], warm[warm.length - 1], warm[warm.length / 2], warmCpu[warmCpu.length / 2]);
        System.out.printf("cached lookup: %.0f ns per get (%d lookups)%n", cachedNanos, lookups);
        System.out.printf("machine: %d CPUs, %s; JDK %s %s; load average %.2f before, %.2f after%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"), System.getProperty("java.vendor"),
                System.getProperty("java.version"), loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** CPU time of the whole process (every thread), or -1 where the JDK cannot tell. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
