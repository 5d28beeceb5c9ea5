package io.sipshield.harness.load;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** The final summary of a load run as plain text: counters, the percentile table, failures by cause. */
public final class LoadSummaryTable {

    private LoadSummaryTable() {
    }

    public static void print(LoadResult result, PrintWriter out) {
        LoadSnapshot end = result.end();
        out.printf(Locale.ROOT, "load: %d phones (%s) at %s/s against %s, %d call(s) each%n", result.phones(),
                result.profile(), number(result.rate()), result.target(), result.callsPerPhone());
        out.printf(Locale.ROOT, "ran %.1f s on %s%s%n", end.elapsed().toMillis() / 1000.0, result.machine(),
                (result.transport().isEmpty() ? "" : ", " + result.transport() + " transport")
                        + (result.mediaClock().isEmpty() ? "" : ", " + result.mediaClock() + " media clock"));
        if (result.users() != null && result.users().offset() > 0) {
            out.printf(Locale.ROOT, "%s (phone offset %d)%n", result.users().describe(), result.users().offset());
        }
        out.printf(Locale.ROOT, "started %d, handshakes %d, registered %d (first registrations %d, %.1f/s), "
                        + "re-registrations %d, keep-alives %d%n", end.started(), end.handshakes(), end.registered(),
                result.firstRegistrations(), result.registrationsPerSecond(), end.reRegistrations(), end.keepAlives());
        out.printf(Locale.ROOT, "TLS handshakes: %d full, %d resumed%n", end.fullHandshakes(), end.resumedHandshakes());
        if (end.drops() > 0) {
            out.printf(Locale.ROOT, "connection drops %d, recovered %d (reconnected and registered again)%n",
                    end.drops(), end.recoveries());
        }
        if (result.targetContacts() >= 0) {
            out.printf(Locale.ROOT, "mock registrar contacts at the end: %d%n", result.targetContacts());
        }
        if (result.callsPerPhone() > 0) {
            out.printf(Locale.ROOT, "calls completed %d; RTP sent %d, echoed %d, lost %d, SRTP auth failures %d%n",
                    end.calls(), result.mediaSent(), result.mediaEchoed(), result.mediaLost(), result.srtpAuthFailures());
        }
        if (result.heapPerRegisteredPhone() >= 0) {
            out.printf(Locale.ROOT, "heap after GC: %.1f MiB before, %.1f MiB held: %.1f KiB per registered phone%n",
                    result.heapBeforeBytes() / 1048576.0, result.heapHeldBytes() / 1048576.0,
                    result.heapPerRegisteredPhone() / 1024.0);
        }
        out.println();
        out.printf(Locale.ROOT, "%-20s %8s %10s %10s %10s %10s%n", "latency (ms)", "count", "p50", "p90", "p99", "max");
        for (Map.Entry<Latency, Percentiles> entry : result.latencies().entrySet()) {
            Percentiles p = entry.getValue();
            out.printf(Locale.ROOT, "%-20s %8d %10.3f %10.3f %10.3f %10.3f%n", entry.getKey().label(), p.count(),
                    Percentiles.millis(p.p50()), Percentiles.millis(p.p90()), Percentiles.millis(p.p99()),
                    Percentiles.millis(p.max()));
        }
        out.println();
        if (result.failures().isEmpty()) {
            out.println("failures: none");
        } else {
            out.printf(Locale.ROOT, "failures: %d%n", end.failureCount());
            result.failures().forEach((cause, count) -> out.printf(Locale.ROOT, "  %8d  %s%n", count, cause));
        }
        out.flush();
    }

    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
