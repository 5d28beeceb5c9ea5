package io.sipshield.harness.load;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters and histograms of one run, written from every event loop at once. Gauges
 * (registered, in call) go up and down; everything else only counts up.
 */
final class LoadMetrics {

    final AtomicLong started = new AtomicLong();
    final AtomicLong handshakes = new AtomicLong();
    /** Of the handshakes, those that resumed a session. */
    final AtomicLong resumedHandshakes = new AtomicLong();
    final AtomicLong registered = new AtomicLong();
    final AtomicLong firstRegistrations = new AtomicLong();
    final AtomicLong inCall = new AtomicLong();
    final AtomicLong calls = new AtomicLong();
    final AtomicLong reRegistrations = new AtomicLong();
    final AtomicLong keepAlives = new AtomicLong();
    final AtomicLong finished = new AtomicLong();
    /** Connections that failed under a registered phone (RFC 5626 flow failures). */
    final AtomicLong drops = new AtomicLong();
    /** Of those, the ones the phone recovered from (reconnected and registered again). */
    final AtomicLong recoveries = new AtomicLong();
    final AtomicLong mediaSent = new AtomicLong();
    final AtomicLong mediaEchoed = new AtomicLong();
    final AtomicLong srtpAuthFailures = new AtomicLong();
    /** {@link System#nanoTime()} when the latest first registration completed (0 before any). */
    final AtomicLong lastFirstRegistrationNanos = new AtomicLong();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<Latency, LatencyHistogram> histograms = new EnumMap<>(Latency.class);

    LoadMetrics() {
        for (Latency latency : Latency.values()) {
            histograms.put(latency, new LatencyHistogram());
        }
    }

    void record(Latency latency, long nanos) {
        histograms.get(latency).recordNanos(nanos);
    }

    void fail(String cause) {
        failures.computeIfAbsent(cause, key -> new LongAdder()).increment();
    }

    Map<Latency, Percentiles> percentiles() {
        Map<Latency, Percentiles> result = new EnumMap<>(Latency.class);
        histograms.forEach((latency, histogram) -> result.put(latency, histogram.percentiles()));
        return result;
    }

    /** Every latency measured so far, whole, for exact merging across runs. */
    Map<Latency, LatencyDistribution> distributions() {
        Map<Latency, LatencyDistribution> result = new EnumMap<>(Latency.class);
        histograms.forEach((latency, histogram) -> result.put(latency, histogram.distribution()));
        return result;
    }

    SortedMap<String, Long> failures() {
        SortedMap<String, Long> copy = new TreeMap<>();
        failures.forEach((cause, count) -> copy.put(cause, count.sum()));
        return copy;
    }

    LoadSnapshot snapshot(Duration elapsed) {
        return new LoadSnapshot(elapsed, started.get(), handshakes.get(), registered.get(), inCall.get(), calls.get(),
                reRegistrations.get(), keepAlives.get(), failures(), drops.get(), recoveries.get(), resumedHandshakes.get());
    }
}
