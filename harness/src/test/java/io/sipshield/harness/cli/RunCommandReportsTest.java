package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipshield.harness.run.FakeScenarios;
import io.sipshield.harness.run.ScenarioExecutor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import picocli.CommandLine;

@Timeout(30)
class RunCommandReportsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Like the fake executor, and {@code hang} sleeps past the time limit. */
    private static final ScenarioExecutor EXECUTOR = scenario -> {
        if (scenario.about().equals("hang")) {
            Thread.sleep(60_000);
        }
        return FakeScenarios.EXECUTOR.execute(scenario);
    };

    private int execute(String... args) {
        CommandLine cli = new CommandLine(new SipshieldCommand(() -> EXECUTOR, false));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private void scenarios(String... abouts) throws IOException {
        Files.createDirectories(dir.resolve("suite"));
        for (String about : abouts) {
            Files.writeString(dir.resolve("suite").resolve(about + ".yaml"),
                    about.equals("invalid") ? FakeScenarios.INVALID : FakeScenarios.scenario(about));
        }
    }

    @Test
    void writesAllThreeReportsEvenWhenScenariosFailErrorTimeOutOrAreInvalid() throws Exception {
        scenarios("pass", "fail", "throw", "hang", "invalid");
        Path reports = dir.resolve("out/reports");
        assertEquals(ExitCodes.INVALID_INPUT,
                execute("run", "--timeout", "1", "--report-dir", reports.toString(), dir.resolve("suite").toString()));

        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(reports.resolve("junit.xml").toFile());
        assertEquals(5, junit.getElementsByTagName("testcase").getLength());
        assertEquals(1, junit.getElementsByTagName("failure").getLength());
        assertEquals(3, junit.getElementsByTagName("error").getLength());
        assertTrue(Files.readString(reports.resolve("junit.xml")).contains("timed out after 1 s"));

        JsonNode json = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
        assertEquals(5, json.at("/summary/total").asInt());
        assertEquals(1, json.at("/summary/pass").asInt());
        assertEquals(2, json.at("/summary/error").asInt());

        String html = Files.readString(reports.resolve("index.html"));
        assertTrue(html.contains("1 passed, 1 failed, 2 errors, 1 invalid"), html);
        assertEquals("", err.toString());
    }

    @Test
    void writesNoReportWithoutTheOption() throws Exception {
        scenarios("pass");
        assertEquals(ExitCodes.OK, execute("run", dir.resolve("suite").toString()));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("suite")), files.toList());
        }
    }

    @Test
    void aReportDirectoryThatCannotBeCreatedIsUnusableInputOnOneLine() throws Exception {
        scenarios("pass");
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        assertEquals(ExitCodes.INVALID_INPUT,
                execute("run", "--report-dir", file.resolve("reports").toString(), dir.resolve("suite").toString()));
        String error = err.toString();
        assertTrue(error.startsWith("sipshield run: cannot create report directory " + file.resolve("reports")), error);
        assertEquals(1, error.lines().count(), error);
        assertFalse(error.contains("\tat "), error);
        assertTrue(out.toString().contains("1 passed, 0 failed"), out.toString());
    }

    @Test
    void theProgressLineCanBeForcedOn() throws Exception {
        scenarios("pass", "fail");
        execute("run", "--progress", dir.resolve("suite").toString());
        assertTrue(out.toString().contains("[1/2] "), out.toString());
    }
}
