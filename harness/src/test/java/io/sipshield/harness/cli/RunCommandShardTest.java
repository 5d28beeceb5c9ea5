package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipshield.harness.report.RunHeader;
import io.sipshield.harness.run.FakeScenarios;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/** {@code sipshield run --shard I/N}: parsing, the split, an empty shard, and reports that name the shard. */
@Timeout(60)
class RunCommandShardTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine cli = new CommandLine(new SipshieldCommand(() -> FakeScenarios.EXECUTOR, false));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path suite(String... abouts) throws Exception {
        Path suite = Files.createDirectories(dir.resolve("suite"));
        for (int i = 0; i < abouts.length; i++) {
            Files.writeString(suite.resolve("s" + i + ".yaml"), FakeScenarios.scenario(abouts[i]));
        }
        return suite;
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/4", "5/4", "x/y", "4", "1/0"})
    void aBadShardIsAUsageErrorNamingTheExpectedForm(String shard) throws Exception {
        Path suite = suite("pass");
        assertEquals(ExitCodes.INVALID_INPUT, execute("run", "--shard", shard, suite.toString()));
        assertTrue(err.toString().contains("--shard"), err.toString());
        assertTrue(err.toString().contains("I/N with 1 <= I <= N (1-based), e.g. 2/4"), err.toString());
    }

    @Test
    void eachShardRunsItsShareAndTheReportsNameIt() throws Exception {
        Path suite = suite("pass", "pass", "pass", "fail", "pass");
        Path reports = dir.resolve("reports-2");
        // sorted keys s0..s4: shard 2/2 holds positions 1 and 3, so s1 and s3; s3 fails
        assertEquals(ExitCodes.FAILED, execute("run", "--shard", "2/2", "--report-dir", reports.toString(),
                suite.toString()), out + "\n" + err);
        assertTrue(out.toString().contains("shard 2/2: 2 of the suite's 5 cases"), out.toString());

        JsonNode json = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
        assertEquals(2, json.at("/run/shard/index").asInt());
        assertEquals(2, json.at("/run/shard/count").asInt());
        assertEquals(5, json.at("/run/suite/cases").asInt());
        assertEquals(64, json.at("/run/suite/digest").asText().length());
        assertEquals(2, json.at("/summary/total").asInt());

        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(reports.resolve("junit.xml").toFile());
        assertEquals("2/2", property(junit, RunHeader.SHARD_PROPERTY));
        assertEquals("5", property(junit, RunHeader.SUITE_CASES_PROPERTY));
        assertTrue(Files.readString(reports.resolve("index.html")).contains("shard 2/2 of a suite of 5 cases"));
    }

    @Test
    void aShardIsJudgedByItsOwnCasesOnly() throws Exception {
        Path suite = suite("pass", "pass", "pass", "fail", "pass");
        // shard 2/3 holds positions 1 and 4 (s1, s4): the failing s3 is another shard's
        assertEquals(ExitCodes.OK, execute("run", "--shard", "2/3", suite.toString()), out.toString());
        assertEquals(ExitCodes.FAILED, execute("run", "--shard", "1/3", suite.toString()), out.toString());
    }

    @Test
    void aShardWithNoCaseIsASuccessWithANote() throws Exception {
        Path suite = suite("pass", "pass");
        Path reports = dir.resolve("reports-3");
        assertEquals(ExitCodes.OK, execute("run", "--shard", "3/3", "--report-dir", reports.toString(), suite.toString()),
                out + "\n" + err);
        assertTrue(out.toString().contains("shard 3/3: 0 of the suite's 2 cases; none fell to this shard"), out.toString());
        assertEquals("", err.toString());
        JsonNode json = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
        assertEquals(0, json.at("/summary/total").asInt());
        assertEquals(3, json.at("/run/shard/index").asInt());
    }

    @Test
    void aDirectoryWithoutScenariosIsStillUnusableInputWhenSharded() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        assertEquals(ExitCodes.INVALID_INPUT, execute("run", "--shard", "1/2", dir.resolve("empty").toString()));
        assertTrue(err.toString().contains("no scenario file"), err.toString());
    }

    private static String property(Document junit, String name) {
        NodeList properties = junit.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            if (property.getAttribute("name").equals(name)) {
                return property.getAttribute("value");
            }
        }
        return null;
    }
}
