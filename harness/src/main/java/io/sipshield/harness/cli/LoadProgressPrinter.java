package io.sipshield.harness.cli;

import io.sipshield.harness.load.LoadSnapshot;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The live progress of {@code sipshield load} on standard error: on a terminal one line rewritten
 * in place each sample; otherwise (a pipe, a CI log) one line every {@code every}. Each line: elapsed,
 * started, registered, in call, handshakes per second since the last line, failures by cause.
 */
final class LoadProgressPrinter implements Consumer<LoadSnapshot> {

    private static final int MAX_CAUSES_SHOWN = 3;

    private final PrintWriter err;
    private final boolean terminal;
    private final Duration every;
    private LoadSnapshot previous;
    private LoadSnapshot printed;
    private double lastRate;
    private Duration lastPrinted = Duration.ZERO;
    private boolean rewriting;

    LoadProgressPrinter(PrintWriter err, boolean terminal, Duration every) {
        this.err = err;
        this.terminal = terminal;
        this.every = every;
    }

    @Override
    public void accept(LoadSnapshot snapshot) {
        double handshakesPerSecond = rate(snapshot);
        previous = snapshot;
        lastRate = handshakesPerSecond;
        if (!terminal && snapshot.elapsed().minus(lastPrinted).compareTo(every) < 0) {
            return;
        }
        printed = snapshot;
        String line = line(snapshot, handshakesPerSecond);
        if (terminal) {
            err.print("\r\033[2K" + line);
            rewriting = true;
        } else {
            err.println(line);
            lastPrinted = snapshot.elapsed();
        }
        err.flush();
    }

    /**
     * Ends the rewritten line so what follows starts on a line of its own; off a terminal, prints
     * the last sample when the period had not yet come round to it.
     */
    void finish() {
        if (!terminal && previous != null && previous != printed) {
            printed = previous;
            err.println(line(previous, lastRate));
            err.flush();
        }
        if (rewriting) {
            err.println();
            err.flush();
            rewriting = false;
        }
    }

    private double rate(LoadSnapshot snapshot) {
        LoadSnapshot before = previous;
        long beforeHandshakes = before == null ? 0 : before.handshakes();
        Duration since = before == null ? snapshot.elapsed() : snapshot.elapsed().minus(before.elapsed());
        double seconds = since.toNanos() / 1e9;
        return seconds <= 0 ? 0 : (snapshot.handshakes() - beforeHandshakes) / seconds;
    }

    static String line(LoadSnapshot snapshot, double handshakesPerSecond) {
        String failures = snapshot.failures().isEmpty() ? "0" : snapshot.failureCount() + " ("
                + snapshot.failures().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .limit(MAX_CAUSES_SHOWN).map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "))
                + (snapshot.failures().size() > MAX_CAUSES_SHOWN ? ", ..." : "") + ")";
        return String.format(Locale.ROOT, "[%6.1f s] started %d, registered %d, in call %d, handshakes/s %.0f, failures %s",
                snapshot.elapsed().toMillis() / 1000.0, snapshot.started(), snapshot.registered(), snapshot.inCall(),
                handshakesPerSecond, failures);
    }
}
