package io.sipshield.harness.load;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a load run found.
 *
 * @param phones            phones asked for
 * @param rate              phones started per second
 * @param profile           the device profile's name
 * @param target            {@code mock} or {@code host:port}
 * @param callsPerPhone     calls each phone was to place
 * @param end               the counters when the run stopped (before the phones unregistered)
 * @param latencies         percentiles of each latency
 * @param timeline          registered and in-call phones, one point per progress sample
 * @param firstRegistrations phones that registered at least once
 * @param registrationTime  from the start to the last phone's first successful registration (zero when none)
 * @param targetContacts    contacts the embedded mock's registrar held at the end, or -1 for a remote target
 * @param mediaSent         RTP packets sent in all calls
 * @param mediaEchoed       packets echoed back that authenticated and matched a payload sent
 * @param srtpAuthFailures  received SRTP packets whose authentication tag failed
 * @param heapBeforeBytes   used heap after a GC before any phone started, or -1 when not measured
 * @param heapHeldBytes     used heap after a GC while the phones were held, or -1 when not measured
 * @param machine           processors, JVM and date, for the record next to the figures
 * @param users             the SIP users the phones registered as ({@code --first-number}, {@code --phone-offset}),
 *                          or null when not known
 * @param distributions     every latency measured, whole (empty when not kept): what
 *                          {@code sipshield report merge} joins exactly
 * @param transport         the event loops' I/O transport ({@code epoll} or {@code nio}; several joined by
 *                          {@code "; "} after a merge), or empty when not known (an older report)
 * @param mediaClock        how the calls kept their 20 ms clocks ({@code shared} or {@code per-call}, see
 *                          {@link MediaClocking}; joined by {@code "; "} after a merge), or empty when not known
 */
public record LoadResult(int phones, double rate, String profile, String target, int callsPerPhone, LoadSnapshot end,
                         Map<Latency, Percentiles> latencies, List<TimelinePoint> timeline, long firstRegistrations,
                         Duration registrationTime,
                         int targetContacts, long mediaSent, long mediaEchoed, long srtpAuthFailures,
                         long heapBeforeBytes, long heapHeldBytes, String machine, PhoneRange users,
                         Map<Latency, LatencyDistribution> distributions, String transport, String mediaClock) {

    public LoadResult {
        transport = transport == null ? "" : transport;
        mediaClock = mediaClock == null ? "" : mediaClock;
        latencies = java.util.Collections.unmodifiableMap(new EnumMap<>(latencies));
        timeline = List.copyOf(timeline);
        distributions = distributions.isEmpty() ? Map.of()
                : java.util.Collections.unmodifiableMap(new EnumMap<>(distributions));
    }

    /** A result whose transport and media clock are not known (a report written before they were recorded). */
    public LoadResult(int phones, double rate, String profile, String target, int callsPerPhone, LoadSnapshot end,
                      Map<Latency, Percentiles> latencies, List<TimelinePoint> timeline, long firstRegistrations,
                      Duration registrationTime, int targetContacts, long mediaSent, long mediaEchoed,
                      long srtpAuthFailures, long heapBeforeBytes, long heapHeldBytes, String machine, PhoneRange users,
                      Map<Latency, LatencyDistribution> distributions) {
        this(phones, rate, profile, target, callsPerPhone, end, latencies, timeline, firstRegistrations,
                registrationTime, targetContacts, mediaSent, mediaEchoed, srtpAuthFailures, heapBeforeBytes,
                heapHeldBytes, machine, users, distributions, "", "");
    }

    /** A result without its users or whole distributions (they cannot be merged exactly). */
    public LoadResult(int phones, double rate, String profile, String target, int callsPerPhone, LoadSnapshot end,
                      Map<Latency, Percentiles> latencies, List<TimelinePoint> timeline, long firstRegistrations,
                      Duration registrationTime, int targetContacts, long mediaSent, long mediaEchoed,
                      long srtpAuthFailures, long heapBeforeBytes, long heapHeldBytes, String machine) {
        this(phones, rate, profile, target, callsPerPhone, end, latencies, timeline, firstRegistrations,
                registrationTime, targetContacts, mediaSent, mediaEchoed, srtpAuthFailures, heapBeforeBytes,
                heapHeldBytes, machine, null, Map.of(), "", "");
    }

    /** Failures by cause. */
    public SortedMap<String, Long> failures() {
        return end.failures();
    }

    /** Whether anything failed. */
    public boolean failed() {
        return end.failureCount() > 0;
    }

    /** First registrations per second over {@link #registrationTime()}, or 0. */
    public double registrationsPerSecond() {
        double seconds = registrationTime.toNanos() / 1e9;
        return seconds <= 0 ? 0 : firstRegistrations / seconds;
    }

    /** Echoed packets missing: sent minus echoed (0 when none were sent). */
    public long mediaLost() {
        return Math.max(0, mediaSent - mediaEchoed);
    }

    /** Heap used per registered phone (mock included when embedded), or -1 when not measured or none registered. */
    public long heapPerRegisteredPhone() {
        if (heapBeforeBytes < 0 || heapHeldBytes < 0 || end.registered() == 0) {
            return -1;
        }
        return (heapHeldBytes - heapBeforeBytes) / end.registered();
    }
}
