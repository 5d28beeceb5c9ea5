package io.sipshield.harness.load;

import java.time.Duration;
import java.util.SortedMap;

/**
 * The counters of a run at one moment, for live progress and the final summary.
 *
 * @param elapsed    time since the run started
 * @param started    phones started so far
 * @param handshakes TLS handshakes completed
 * @param registered phones registered now
 * @param inCall     phones in an answered call now
 * @param calls      calls that ended (answered, media sent, hung up)
 * @param reRegistrations refreshes of a registration before it expired
 * @param keepAlives CRLF keep-alive pings sent
 * @param failures   failures by cause ({@code "register 401"}, {@code "tls alert handshake_failure"})
 * @param drops      connections that failed under a registered phone
 * @param recoveries of those, the ones whose phone reconnected and registered again (RFC 5626 §4.5)
 * @param resumedHandshakes of the {@code handshakes}, those that resumed the phone's earlier TLS session
 *                   (a reconnect, when the phone's resumption and the server allow it); the rest were full
 */
public record LoadSnapshot(Duration elapsed, long started, long handshakes, long registered, long inCall, long calls,
                           long reRegistrations, long keepAlives, SortedMap<String, Long> failures, long drops,
                           long recoveries, long resumedHandshakes) {

    public LoadSnapshot {
        failures = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(failures));
    }

    /** A snapshot whose handshakes were all full. */
    public LoadSnapshot(Duration elapsed, long started, long handshakes, long registered, long inCall, long calls,
                        long reRegistrations, long keepAlives, SortedMap<String, Long> failures, long drops,
                        long recoveries) {
        this(elapsed, started, handshakes, registered, inCall, calls, reRegistrations, keepAlives, failures, drops,
                recoveries, 0);
    }

    /** Handshakes that were full (not resumed). */
    public long fullHandshakes() {
        return handshakes - resumedHandshakes;
    }

    /** A snapshot of a run without connection drops. */
    public LoadSnapshot(Duration elapsed, long started, long handshakes, long registered, long inCall, long calls,
                        long reRegistrations, long keepAlives, SortedMap<String, Long> failures) {
        this(elapsed, started, handshakes, registered, inCall, calls, reRegistrations, keepAlives, failures, 0, 0);
    }

    /** Every failure counted, whatever its cause. */
    public long failureCount() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }
}
