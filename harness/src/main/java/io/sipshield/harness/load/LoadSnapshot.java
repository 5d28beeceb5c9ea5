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
 */
public record LoadSnapshot(Duration elapsed, long started, long handshakes, long registered, long inCall, long calls,
                           long reRegistrations, long keepAlives, SortedMap<String, Long> failures) {

    public LoadSnapshot {
        failures = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(failures));
    }

    /** Every failure counted, whatever its cause. */
    public long failureCount() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }
}
