package io.sipshield.harness.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sipshield bench srtp} produces its table; what the figures are is not tested (a benchmark
 * is not a timed test), only that every cell is a measurement or says why it is missing.
 */
class BenchSrtpCommandTest {

    private static final Pattern NUMBER = Pattern.compile("[0-9][0-9,]*");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bench(String... args) {
        CommandLine cli = new CommandLine(new BenchSrtpCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String[] row(String suite, String operation) {
        return out.toString().lines().filter(line -> line.startsWith(suite + " ") && line.contains(" " + operation + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no " + suite + " " + operation + " row in\n" + out))
                .trim().split("\\s+");
    }

    @Test
    void sipshieldOnlyGivesANumberPerOperation() {
        assertEquals(0, bench("--no-native", "--seconds", "0.1", "--suite", "AEAD_AES_128_GCM"));
        for (String operation : new String[] {"protect", "unprotect"}) {
            String[] cells = row("AEAD_AES_128_GCM", operation);
            assertTrue(NUMBER.matcher(cells[2]).matches(), String.join(" ", cells));
            assertEquals("-", cells[3], "libsrtp2 not run");
        }
        assertTrue(out.toString().contains("machine: "), out.toString());
    }

    @Test
    void withTheReferencesEveryCellIsAFigureOrSaysWhatToInstall() {
        assertEquals(0, bench("--seconds", "0.1", "--suite", "AES_CM_128_HMAC_SHA1_80"));
        String text = out.toString();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertFalse(text.contains("not measured"), "CI installs gcc, libsrtp2-dev and libssl-dev:\n" + text);
        }
        String[] cells = row("AES_CM_128_HMAC_SHA1_80", "unprotect");
        if (text.contains("libsrtp2: not measured")) {
            assertTrue(text.contains("apt-get install gcc libsrtp2-dev"), text);
        } else {
            assertTrue(NUMBER.matcher(cells[3]).matches(), text);
            assertTrue(cells[6].endsWith("x"), text);
        }
        if (text.contains("OpenSSL loop: not measured")) {
            assertTrue(text.contains("apt-get install gcc libssl-dev"), text);
        } else {
            assertTrue(NUMBER.matcher(cells[4]).matches(), text);
            assertTrue(text.contains("goal: at least 0.90x the OpenSSL loop for AES_CM_128_HMAC_SHA1_80"), text);
        }
    }

    @Test
    void anUnknownSuiteIsUnusableInput() {
        assertEquals(2, bench("--suite", "AES_CM_128_HMAC_SHA1_99"));
        assertTrue(err.toString().contains("--suite: unknown suite 'AES_CM_128_HMAC_SHA1_99'"), err.toString());
        assertEquals(2, bench("--seconds", "0"));
    }

    @Test
    void reportShowsRatiosAndTheGoal() {
        SrtpBenchReport report = new SrtpBenchReport();
        report.add(new SrtpBenchReport.Row(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80,
                new SrtpThroughput.Result(2_000_000, 1_800_000), new SrtpThroughput.Result(1_000_000, 900_000),
                new SrtpThroughput.Result(2_500_000, 2_000_000)));
        StringWriter text = new StringWriter();
        report.print(new PrintWriter(text), new Machine(2, "Test CPU", "JDK 17", LocalDate.of(2026, 1, 2)), 2,
                Map.of());
        String table = text.toString();
        assertTrue(table.contains("machine: 2 processors, Test CPU, JDK 17, 2026-01-02"), table);
        assertTrue(table.contains("2,000,000"), table);
        assertTrue(table.contains("0.80x") && table.contains("2.00x"), table);
        assertTrue(table.contains("NOT met (protect 0.80x, unprotect 0.90x)"), table);
    }

    @Test
    void cpuModelComesFromProcCpuinfo(@TempDir Path dir) throws Exception {
        Path cpuinfo = Files.writeString(dir.resolve("cpuinfo"), "processor\t: 0\nmodel name\t: Example CPU 9000\n");
        assertEquals("Example CPU 9000", Machine.cpuModel(cpuinfo).orElseThrow());
        assertTrue(Machine.cpuModel(dir.resolve("none")).isEmpty());
    }
}
