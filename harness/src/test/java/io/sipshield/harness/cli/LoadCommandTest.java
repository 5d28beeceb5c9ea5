package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sipshield.harness.load.LoadSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code sipshield load}: exit codes, the summary, JSON and the HTML page, against the embedded mock. */
@Timeout(120)
class LoadCommandTest {

    private final CliConsole cli = new CliConsole();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--phones 0                          | phones must be 1 to 100000, got 0",
        "--phones 2 --rate fast              | --rate: 'fast' is not a rate",
        "--phones 2 --profile nokia-3310     | --profile: unknown device profile 'nokia-3310'",
        "--phones 2 --target somewhere       | --target: expected mock or HOST:PORT",
        "--phones 2 --media loud             | --media: unknown media 'loud'; expected tone or silence",
        "--phones 2 --duration 5x            | --duration: '5x' is not a duration",
        "--phones 2 --calls-per-phone -1     | calls per phone must be 0 to 10000, got -1",
        "--phones 2 --server-name pbx.test   | --trust and --server-name are for a HOST:PORT target",
        "--phones 2 --warmup -1              | --warmup: expected 0 to 100000 phones, got -1",
        "--phones 2 --target 127.0.0.1:5061 --trust /nonexistent/ca.pem | /nonexistent/ca.pem"})
    void unusableInputExitsTwoNamingTheOption(String args, String message) {
        assertEquals(ExitCodes.INVALID_INPUT, cli.command("load", args.strip().split("\\s+")));
        assertTrue(cli.err().contains(message), cli.err());
    }

    @Test
    void aMissingPhoneCountIsAUsageError() {
        assertEquals(ExitCodes.INVALID_INPUT, cli.command("load", "--rate", "10"));
        assertTrue(cli.err().contains("--phones"), cli.err());
    }

    @Test
    void aCleanRunExitsZeroWithSummaryJsonAndChart(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("out/load.json");
        Path reports = dir.resolve("report");
        int code = cli.command("load", "--phones", "8", "--rate", "40/s", "--calls-per-phone", "1",
                "--call-duration", "0.4", "--media", "silence", "--timeout", "30",
                "--json", json.toString(), "--report-dir", reports.toString());

        assertEquals(ExitCodes.OK, code, cli.out() + "\n" + cli.err());
        String summary = cli.out();
        assertTrue(summary.contains("failures: none"), summary);
        assertTrue(summary.contains("register round trip"), summary);
        assertTrue(summary.contains("mock registrar contacts at the end: 8"), summary);
        assertTrue(cli.err().contains("registered"), "progress on stderr: " + cli.err());

        JsonNode root = JsonMapper.builder().build().readTree(json.toFile());
        assertEquals(8, root.path("latencies_ms").path("register_round_trip").path("count").asLong());
        assertEquals(8, root.path("latencies_ms").path("call_setup").path("count").asLong());
        assertTrue(root.path("latencies_ms").path("media_round_trip").path("count").asLong() > 0);
        assertEquals(0, root.path("counts").path("srtp_auth_failures").asLong());
        assertTrue(root.path("failures").isEmpty());
        assertTrue(root.path("timeline").isArray());

        String html = Files.readString(reports.resolve("load.html"));
        assertTrue(html.contains("<svg"), html);
        assertTrue(html.contains("class=\"registered\""), html);
        assertTrue(html.contains("<td>call setup</td><td>8</td>"), html);
    }

    @Test
    void aWarmUpRunsInRoundsOfAtMostThePhonesAndIsNotCounted(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("load.json");
        int code = cli.command("load", "--phones", "3", "--rate", "100", "--warmup", "5", "--timeout", "30", "--json",
                json.toString());

        assertEquals(ExitCodes.OK, code, cli.out() + "\n" + cli.err());
        String progress = cli.err();
        assertTrue(progress.contains("warm-up: 3 phones, 3 registered in "), progress);
        assertTrue(progress.contains("warm-up: 2 phones, 2 registered in "), progress);
        assertEquals(2, progress.lines().filter(line -> line.matches("warm-up: .* registered in .*")).count(), progress);
        JsonNode root = JsonMapper.builder().build().readTree(json.toFile());
        assertEquals(3, root.path("latencies_ms").path("register_round_trip").path("count").asLong(), root.toString());
    }

    @Test
    void theEmbeddedMocksLogGoesToTheReportDirectoryNotBetweenTheProgressLines(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("reports");
        assertEquals(ExitCodes.OK, cli.command("load", "--phones", "2", "--rate", "20", "--timeout", "30",
                "--report-dir", reports.toString()), cli.out() + "\n" + cli.err());
        // the mock writes a line (Asterisk's VERBOSE) for every TLS connection it accepts
        String mockLog = Files.readString(reports.resolve(MockLogRouting.FILE_NAME));
        assertTrue(mockLog.contains("TLS connection from"), mockLog);
    }

    @Test
    void failuresExitOneAndAreCountedByCause() {
        int code = cli.command("load", "--phones", "3", "--rate", "30", "--password", "not-the-password",
                "--timeout", "30");

        assertEquals(ExitCodes.FAILED, code, cli.out() + "\n" + cli.err());
        assertTrue(cli.out().contains("failures: 3"), cli.out());
        assertTrue(cli.out().contains("register 401"), cli.out());
    }

    @Test
    void progressOffATerminalIsOneLinePerPeriod() {
        StringWriter text = new StringWriter();
        LoadProgressPrinter printer = new LoadProgressPrinter(new PrintWriter(text), false, Duration.ofSeconds(5));
        for (int second = 1; second <= 10; second++) {
            TreeMap<String, Long> failures = new TreeMap<>();
            if (second > 6) {
                failures.put("register 401", 2L);
            }
            printer.accept(new LoadSnapshot(Duration.ofSeconds(second), second * 10L, second * 10L, second * 9L, 0, 0, 0, 0,
                    failures));
        }
        printer.finish();
        String[] lines = text.toString().split("\n");
        assertEquals(2, lines.length, text.toString());
        assertEquals("[   5.0 s] started 50, registered 45, in call 0, handshakes/s 10, failures 0", lines[0]);
        assertEquals("[  10.0 s] started 100, registered 90, in call 0, handshakes/s 10, failures 2 (register 401 2)",
                lines[1]);
    }

    @Test
    void progressOnATerminalRewritesOneLine() {
        StringWriter text = new StringWriter();
        LoadProgressPrinter printer = new LoadProgressPrinter(new PrintWriter(text), true, Duration.ofSeconds(5));
        printer.accept(new LoadSnapshot(Duration.ofSeconds(1), 1, 1, 1, 0, 0, 0, 0, new TreeMap<>()));
        printer.accept(new LoadSnapshot(Duration.ofSeconds(2), 2, 2, 2, 0, 0, 0, 0, new TreeMap<>()));
        printer.finish();
        assertEquals(2, text.toString().split("\r").length - 1, "each sample rewrites the line");
        assertTrue(text.toString().endsWith("\n"));
    }

    @Test
    void ratesAndDurationsAcceptTheirUsualSpellings() throws UnusableInput {
        assertEquals(200.0, LoadCommand.rate("200/s"));
        assertEquals(12.5, LoadCommand.rate("12.5"));
        assertEquals(Duration.ofMinutes(10), LoadCommand.duration("--duration", "10m"));
        assertEquals(Duration.ofMillis(250), LoadCommand.duration("--duration", "250ms"));
        assertEquals(Duration.ofSeconds(60), LoadCommand.duration("--duration", "60"));
    }
}
