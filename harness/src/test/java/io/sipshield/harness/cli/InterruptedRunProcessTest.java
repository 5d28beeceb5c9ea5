package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * scenarios that finished, marks the others interrupted, and exits 143.
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

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
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
            assertEquals(List.of("index.html", "junit.xml", "report.json"),
                    files.map(file -> file.getFileName().toString()).sorted().toList(), "no temporary file left");
        }
    }
}
