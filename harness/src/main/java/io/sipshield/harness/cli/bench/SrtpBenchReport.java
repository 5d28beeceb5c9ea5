package io.sipshield.harness.cli.bench;

import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The table {@code sipshield bench srtp} prints: per suite and operation, packets per second of
 * sipshield, libsrtp2 and the OpenSSL loop, and sipshield's ratio to each; then the goal line
 * (at least {@link #GOAL}x the OpenSSL loop for AES_CM_128_HMAC_SHA1_80, both operations).
 */
final class SrtpBenchReport {

    /** sipshield / OpenSSL loop wanted for AES_CM_128_HMAC_SHA1_80 protect and unprotect. */
    static final double GOAL = 0.9;
    static final SrtpCryptoSuite GOAL_SUITE = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;

    /** The figures of one suite; a reference that did not run is null. */
    record Row(SrtpCryptoSuite suite, SrtpThroughput.Result sipshield, SrtpThroughput.Result libsrtp,
            SrtpThroughput.Result openssl) {
        Row {
            Objects.requireNonNull(suite, "suite");
            Objects.requireNonNull(sipshield, "sipshield");
        }
    }

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    /** Prints the table, any notes on references that did not run, and the goal line. */
    void print(PrintWriter out, Machine machine, double seconds, Map<String, String> unavailable) {
        out.printf(Locale.ROOT, "SRTP packets/s, 172-byte RTP packets (160-byte payload), one thread, best of %d rounds "
                + "in %.1f s per operation%n", SrtpThroughput.ROUNDS, seconds);
        out.println("machine: " + machine);
        out.printf(Locale.ROOT, "%-25s %-10s %12s %12s %13s %12s %11s%n", "suite", "operation", "sipshield", "libsrtp2",
                "OpenSSL loop", "vs OpenSSL", "vs libsrtp2");
        for (Row row : rows) {
            line(out, row.suite(), "protect", row.sipshield().protectPerSecond(),
                    row.libsrtp() == null ? Double.NaN : row.libsrtp().protectPerSecond(),
                    row.openssl() == null ? Double.NaN : row.openssl().protectPerSecond());
            line(out, row.suite(), "unprotect", row.sipshield().unprotectPerSecond(),
                    row.libsrtp() == null ? Double.NaN : row.libsrtp().unprotectPerSecond(),
                    row.openssl() == null ? Double.NaN : row.openssl().unprotectPerSecond());
        }
        unavailable.forEach((name, reason) -> out.println(name + ": not measured: " + reason));
        goal().ifPresent(out::println);
        out.flush();
    }

    private static void line(PrintWriter out, SrtpCryptoSuite suite, String operation, double sipshield, double libsrtp,
            double openssl) {
        out.printf(Locale.ROOT, "%-25s %-10s %12s %12s %13s %12s %11s%n", suite.sdpName(), operation, count(sipshield),
                count(libsrtp), count(openssl), ratio(sipshield, openssl), ratio(sipshield, libsrtp));
    }

    static String count(double perSecond) {
        return Double.isNaN(perSecond) ? "-" : String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    static String ratio(double sipshield, double reference) {
        return Double.isNaN(reference) ? "-" : String.format(Locale.ROOT, "%.2fx", sipshield / reference);
    }

    /** "goal ...: met" or "... not met (protect 0.85x, unprotect 0.93x)", when the OpenSSL loop ran. */
    java.util.Optional<String> goal() {
        return rows.stream().filter(row -> row.suite() == GOAL_SUITE && row.openssl() != null).findFirst().map(row -> {
            double protect = row.sipshield().protectPerSecond() / row.openssl().protectPerSecond();
            double unprotect = row.sipshield().unprotectPerSecond() / row.openssl().unprotectPerSecond();
            boolean met = protect >= GOAL && unprotect >= GOAL;
            return String.format(Locale.ROOT, "goal: at least %.2fx the OpenSSL loop for %s protect and unprotect: %s "
                    + "(protect %.2fx, unprotect %.2fx)", GOAL, GOAL_SUITE.sdpName(), met ? "met" : "NOT met", protect,
                    unprotect);
        });
    }
}
