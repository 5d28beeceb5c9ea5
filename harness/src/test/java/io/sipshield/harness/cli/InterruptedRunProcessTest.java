package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.format.PemFiles;
import io.sipshield.emulator.fault.FaultMoment;
import io.sipshield.emulator.fault.Stall;
import io.sipshield.harness.mock.MediaEncryption;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.MockEndpoint;
import io.sipshield.harness.report.RunHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Nothing lost (issue 11): {@code sipshield run} in its own JVM, stopped with SIGTERM
 * ({@link Process#destroy()} on Linux) while a slow scenario runs, still writes the reports of the
 * scenarios that finished, marks the others interrupted, and exits 143. A stopped shard's reports carry
 * its shard and suite, so {@code report merge} joins it with the other shards; a stopped {@code --compare}
 * writes each side's reports.
 */
@Tag("slow")
@Timeout(150)
class InterruptedRunProcessTest {

    private static final String QUICK = """
            about: %s
            setup:
              server: { mock: { certificate: pbx-server, endpoints: [ { id: "101", password: pass101 } ] } }
              phones:
                - { name: alice, profile: digium-d6x-2_9_2, user: "101", password: pass101, trust: [test-root] }
            steps:
              - register: alice
            %s
            expect:
              tls: { established: true }
              sip: { register: 200 }
            """;

    @TempDir
    Path dir;

    private Process process;
    private MockAsterisk target;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (target != null) {
            target.close();
        }
    }

    /** {@code java -cp ... Main ARGS}, its console in {@code log}. */
    private Process start(Path log, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** Waits until the console matches {@code regex}, then stops the process with SIGTERM and waits for it. */
    private String stopWhen(Path log, String regex) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.readString(log).matches(regex)) {
            assertTrue(process.isAlive(), "the run ended before " + regex + ": " + Files.readString(log));
            assertTrue(System.nanoTime() < deadline, regex + " did not show in time: " + Files.readString(log));
            Thread.sleep(100);
        }
        process.destroy(); // SIGTERM
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the stopped run did not exit");
        String console = Files.readString(log);
        assertEquals(ExitCodes.INTERRUPTED, process.exitValue(), console);
        return console;
    }

    @Test
    void aShardStoppedBySigtermNamesItsShardAndMergesWithTheOthers() throws Exception {
        List<String> files = List.of(scenario("a-first.yaml", "").toString(), scenario("b-second.yaml", "").toString(),
                scenario("c-slow.yaml", "  - wait: 120").toString(), scenario("d-never.yaml", "").toString());
        // sorted by key, shard 1/2 holds a-first and c-slow, shard 2/2 b-second and d-never
        List<String> args = new ArrayList<>(List.of("run", "--jobs", "1", "--shard", "1/2", "--report-dir",
                dir.resolve("shard-1").toString()));
        args.addAll(files);
        Path log = dir.resolve("console.txt");
        process = start(log, args);
        String console = stopWhen(log, "(?s).*a-first\\.yaml\\s+PASS.*");
        assertTrue(console.contains("interrupted: 1 of 2 scenarios finished; the other 1 are reported as interrupted"),
                console);

        JsonNode shard1 = new ObjectMapper().readTree(dir.resolve("shard-1/report.json").toFile());
        assertEquals(1, shard1.at("/run/shard/index").asInt(), shard1.toPrettyString());
        assertEquals(2, shard1.at("/run/shard/count").asInt());
        assertEquals(4, shard1.at("/run/suite/cases").asInt());
        assertEquals(1, shard1.at("/run/interrupted").asInt());
        assertTrue(Files.readString(dir.resolve("shard-1/junit.xml"))
                .contains("name=\"" + RunHeader.INTERRUPTED_PROPERTY + "\" value=\"1\""));

        CliConsole cli = CliConsole.merged();
        List<String> shard2 = new ArrayList<>(List.of("run", "--shard", "2/2", "--report-dir",
                dir.resolve("shard-2").toString()));
        shard2.addAll(files);
        assertEquals(ExitCodes.OK, cli.run(shard2.toArray(String[]::new)), cli.out());

        assertEquals(ExitCodes.FAILED, cli.run("report", "merge", "--out", dir.resolve("merged").toString(),
                dir.resolve("shard-1").toString(), dir.resolve("shard-2").toString()), cli.out());
        assertTrue(cli.out().contains("merged 2 of 2 shard(s): 4 of the suite's 4 cases; 3 passed, 0 failed, 1 errors,"
                + " 0 invalid; shard(s) 1 stopped before 1 case(s) finished (ERROR, interrupted)"), cli.out());
        JsonNode merged = new ObjectMapper().readTree(dir.resolve("merged/report.json").toFile());
        assertEquals(1, merged.at("/summary/interrupted").asInt(), merged.toPrettyString());
        assertEquals(1, merged.at("/run/merged/interruptedShards/0").asInt());
        // the stopped shard ran in dir, this one here: the files are named relative to each working directory
        JsonNode slow = null;
        for (JsonNode scenario : merged.path("scenarios")) {
            if (scenario.path("file").asText().endsWith("c-slow.yaml")) {
                slow = scenario;
            }
        }
        assertTrue(slow != null, merged.toPrettyString());
        assertEquals("ERROR", slow.path("verdict").asText());
        assertEquals(ReportsOnShutdown.INTERRUPTED, slow.path("error").asText());
        assertTrue(Files.readString(dir.resolve("merged/index.html")).contains("(stopped: 1 interrupted)"));
    }

    @Test
    void aComparisonStoppedBySigtermWritesEachSidesReports() throws Exception {
        FixtureCatalog fixtures = FixtureCatalog.create();
        // the target stalls every REGISTER, so its first scenario waits (Timer F, 32 s) when the signal comes
        target = MockAsterisk.builder().certificate(fixtures.get(FixtureName.PBX_SERVER))
                .bindAddress("127.0.0.1").port(0).endpoint(new MockEndpoint("101", "pass101", MediaEncryption.NO))
                .faults(List.of(new Stall(FaultMoment.ON_REGISTER, Duration.ZERO)))
                .build().start();
        Path root = dir.resolve("root.pem");
        Files.writeString(root, PemFiles.certificates(List.of(fixtures.get(FixtureName.TEST_ROOT).certificate())));
        Path log = dir.resolve("console.txt");
        process = start(log, List.of("run", "--jobs", "1", "--compare", "mock,127.0.0.1:" + target.address().getPort(),
                "--trust", root.toString(), "--server-name", "pbx.sip.test",
                "--report-dir", dir.resolve("reports").toString(),
                scenario("a-first.yaml", "").toString(), scenario("b-second.yaml", "").toString()));
        String console = stopWhen(log, "(?s).*Run 2 of 2: the target.*");
        assertTrue(console.contains("the mock: interrupted: 2 of 2 scenarios finished"), console);
        assertTrue(console.contains("the target: interrupted: 0 of 2 scenarios finished; the other 2 are reported as"
                + " interrupted"), console);

        JsonNode mock = new ObjectMapper().readTree(dir.resolve("reports/mock/report.json").toFile());
        assertEquals(2, mock.at("/summary/pass").asInt(), mock.toPrettyString());
        assertEquals(2, mock.at("/run/suite/cases").asInt());
        assertTrue(mock.at("/run/interrupted").isMissingNode(), "the mock side finished");
        JsonNode onTarget = new ObjectMapper().readTree(dir.resolve("reports/target/report.json").toFile());
        assertEquals(2, onTarget.at("/summary/error").asInt(), onTarget.toPrettyString());
        assertEquals(2, onTarget.at("/run/interrupted").asInt());
        assertEquals(ReportsOnShutdown.INTERRUPTED, onTarget.at("/scenarios/0/error").asText());
        assertTrue(Files.isRegularFile(dir.resolve("reports/target/junit.xml")));
        assertTrue(Files.notExists(dir.resolve("reports/compare.json")), "no comparison of a stopped run");
    }

    private Path scenario(String name, String steps) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, QUICK.formatted(name, steps));
        return file;
    }

    @Test
    void aRunStoppedBySigtermStillWritesTheReportsOfTheFinishedScenarios() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName(), "run", "--jobs", "1", "--report-dir", dir.resolve("reports").toString()));
        command.add(scenario("a-first.yaml", "").toString());
        command.add(scenario("b-second.yaml", "").toString());
        command.add(scenario("c-slow.yaml", "  - wait: 120").toString());
        command.add(scenario("d-never.yaml", "").toString());
        Path log = dir.resolve("console.txt");
        process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.readString(log).matches("(?s).*b-second\\.yaml\\s+PASS.*")) {
            assertTrue(process.isAlive(), "the run ended before the second scenario passed: " + Files.readString(log));
            assertTrue(System.nanoTime() < deadline, "the second scenario did not pass in time: " + Files.readString(log));
            Thread.sleep(100);
        }
        process.destroy(); // SIGTERM, while c-slow.yaml waits
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the stopped run did not exit");
        List<String> lines = Files.readAllLines(log);
        String console = String.join("\n", lines);
        assertEquals(ExitCodes.INTERRUPTED, process.exitValue(), console);
        assertTrue(console.contains("interrupted: 2 of 4 scenarios finished; the other 2 are reported as interrupted"), console);
        assertTrue(console.contains("2 passed, 0 failed, 2 errors"), console);

        Path reports = dir.resolve("reports");
        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(reports.resolve("junit.xml").toFile());
        NodeList cases = junit.getElementsByTagName("testcase");
        assertEquals(4, cases.getLength());
        assertEquals("a-first.yaml", ((Element) cases.item(0)).getAttribute("name"));
        assertEquals(0, ((Element) cases.item(0)).getElementsByTagName("error").getLength());
        Element slow = (Element) cases.item(2);
        assertEquals("c-slow.yaml", slow.getAttribute("name"));
        assertTrue(((Element) slow.getElementsByTagName("error").item(0)).getAttribute("message").startsWith("interrupted:"));

        JsonNode json = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
        assertEquals(4, json.at("/summary/total").asInt());
        assertEquals(2, json.at("/summary/pass").asInt());
        assertEquals(2, json.at("/summary/error").asInt());
        assertEquals("PASS", json.at("/scenarios/1/verdict").asText());
        assertEquals("ERROR", json.at("/scenarios/3/verdict").asText());
        assertEquals(ReportsOnShutdown.INTERRUPTED, json.at("/scenarios/3/error").asText());

        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(reports.resolve("index.html").toFile());
        try (Stream<Path> files = Files.list(reports)) {
            // beside the reports, the mock's own log when the mock logged anything (MockLogRouting)
            assertEquals(List.of("index.html", "junit.xml", "report.json"),
                    files.map(file -> file.getFileName().toString()).filter(name -> !name.equals("mock.log"))
                            .sorted().toList(), "no temporary file left");
        }
    }
}
