package io.sipshield.harness.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipshield.harness.cli.ExitCodes;
import io.sipshield.harness.cli.SipshieldCommand;
import io.sipshield.harness.run.FakeScenarios;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import picocli.CommandLine;

/**
 * {@code sipshield report merge} over real reports: a small suite run whole and in two shards (in
 * process, fake executor), the shards merged and compared with the whole run; every refusal.
 */
@Timeout(60)
class ReportMergeCommandTest {

    @TempDir
    Path dir;

    private final ObjectMapper mapper = new ObjectMapper();
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();
    private Path suite;

    @BeforeEach
    void writeSuite() throws IOException {
        suite = Files.createDirectories(dir.resolve("suite"));
        String[] abouts = {"pass", "fail", "pass", "throw", "pass"};
        for (int i = 0; i < abouts.length; i++) {
            Files.writeString(suite.resolve("s" + i + ".yaml"), FakeScenarios.scenario(abouts[i]));
        }
    }

    private int execute(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = new CommandLine(new SipshieldCommand(() -> FakeScenarios.EXECUTOR, false));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path shard(String shard, String name) {
        Path reports = dir.resolve(name);
        execute("run", "--shard", shard, "--report-dir", reports.toString(), suite.toString());
        assertTrue(Files.isRegularFile(reports.resolve("report.json")), err.toString());
        return reports;
    }

    private int merge(String... inputs) {
        String[] args = new String[inputs.length + 4];
        args[0] = "report";
        args[1] = "merge";
        args[2] = "--out";
        args[3] = dir.resolve("merged").toString();
        System.arraycopy(inputs, 0, args, 4, inputs.length);
        return execute(args);
    }

    @Test
    void twoShardsMergeIntoWhatTheWholeRunReports() throws Exception {
        Path whole = shard("1/1", "whole");
        Path first = shard("1/2", "a");
        Path second = shard("2/2", "b");

        assertEquals(ExitCodes.FAILED, merge(first.toString(), second.toString()), err.toString());
        assertTrue(out.toString().contains("merged 2 of 2 shard(s): 5 of the suite's 5 cases; 3 passed, 1 failed, "
                + "1 errors, 0 invalid"), out.toString());

        Path merged = dir.resolve("merged");
        JsonNode mergedJson = mapper.readTree(merged.resolve("report.json").toFile());
        JsonNode wholeJson = mapper.readTree(whole.resolve("report.json").toFile());
        assertEquals(wholeJson.get("summary"), mergedJson.get("summary"));
        assertEquals(ids(wholeJson), ids(mergedJson));
        assertEquals(wholeJson.at("/run/suite"), mergedJson.at("/run/suite"));
        assertEquals(1, mergedJson.at("/run/shard/count").asInt());
        assertEquals(2, mergedJson.at("/run/merged/inputs").size());

        Document junit = xml(merged.resolve("junit.xml"));
        Document wholeJunit = xml(whole.resolve("junit.xml"));
        assertEquals(5, junit.getElementsByTagName("testcase").getLength());
        assertEquals(wholeJunit.getElementsByTagName("failure").getLength(), junit.getElementsByTagName("failure").getLength());
        assertEquals(1, junit.getElementsByTagName("error").getLength());
        assertEquals("5", junit.getDocumentElement().getElementsByTagName("testsuite").item(0).getAttributes()
                .getNamedItem("tests").getNodeValue());
        assertTrue(Files.readString(merged.resolve("junit.xml")).contains("1,2 of 2"));

        String html = Files.readString(merged.resolve("index.html"));
        assertTrue(html.contains("2 of 2 shard(s) of a suite of 5 cases"), html);
        assertTrue(html.contains("href=\"../a/index.html\""), html);
        assertTrue(html.contains("sip.register: expected 200, observed 403"), html);
    }

    @Test
    void shardsThatAllPassMergeWithExitZero() throws Exception {
        Files.writeString(suite.resolve("s1.yaml"), FakeScenarios.scenario("pass"));
        Files.writeString(suite.resolve("s3.yaml"), FakeScenarios.scenario("pass"));
        Path first = shard("1/2", "a");
        Path second = shard("2/2", "b");
        assertEquals(ExitCodes.OK, merge(second.resolve("report.json").toString(), first.toString()), err.toString());
    }

    @Test
    void aMissingShardIsRefusedUnlessPartial() throws Exception {
        Path first = shard("1/3", "a");
        Path third = shard("3/3", "c");
        assertEquals(ExitCodes.INVALID_INPUT, merge(first.toString(), third.toString()));
        assertTrue(err.toString().contains("shard(s) 2/3 missing: the inputs hold shards 1,3 of 3"), err.toString());
        assertFalse(Files.exists(dir.resolve("merged")));

        assertEquals(ExitCodes.FAILED, execute("report", "merge", "--partial", "--out", dir.resolve("merged").toString(),
                first.toString(), third.toString()), err.toString());
        JsonNode json = mapper.readTree(dir.resolve("merged/report.json").toFile());
        assertEquals(2, json.at("/run/merged/missingShards/0").asInt());
        assertTrue(json.at("/run/shard").isMissingNode(), "a partial merge is not the whole suite");
    }

    @Test
    void theSameShardTwiceIsRefused() {
        Path first = shard("1/2", "a");
        assertEquals(ExitCodes.INVALID_INPUT, merge(first.toString(), first.toString()));
        assertTrue(err.toString().contains("shard 1/2 is in both " + first + " and " + first), err.toString());
    }

    @Test
    void aCaseInTwoInputsIsRefusedNamingBothFiles() throws Exception {
        Path first = shard("1/2", "a");
        Path copy = copy(first, "c", json -> ((ObjectNode) json.at("/run/shard")).put("index", 2));
        assertEquals(ExitCodes.INVALID_INPUT, merge(first.toString(), copy.toString()));
        assertTrue(err.toString().contains("is in both " + first + " and " + copy + ": the shards overlap"),
                err.toString());
    }

    @Test
    void differentVersionsAreRefused() throws Exception {
        Path first = shard("1/2", "a");
        Path second = copy(shard("2/2", "b"), "c", json -> ((ObjectNode) json.get("run")).put("version", "0.0.1-old"));
        assertEquals(ExitCodes.INVALID_INPUT, merge(first.toString(), second.toString()));
        assertTrue(err.toString().contains("(sipshield 0.0.1-old) come from different sipshield versions"),
                err.toString());
    }

    @Test
    void shardsOfDifferentSuitesAreRefused() throws Exception {
        Path first = shard("1/2", "a");
        Files.writeString(suite.resolve("s0.yaml"), FakeScenarios.scenario("fail"));
        Path second = shard("2/2", "b");
        assertEquals(ExitCodes.INVALID_INPUT, merge(first.toString(), second.toString()));
        assertTrue(err.toString().contains("ran different suites"), err.toString());
    }

    @Test
    void differentShardCountsAreRefused() {
        Path first = shard("1/2", "a");
        Path second = shard("2/3", "b");
        assertEquals(ExitCodes.INVALID_INPUT, merge(first.toString(), second.toString()));
        assertTrue(err.toString().contains("expected one shard count"), err.toString());
    }

    @Test
    void shardsThatDoNotAddUpToTheSuiteAreRefused() throws Exception {
        Path first = copy(shard("1/2", "a"), "c", json -> {
            ArrayNode scenarios = (ArrayNode) json.get("scenarios");
            scenarios.remove(scenarios.size() - 1);
        });
        Path junit = first.resolve("junit.xml");
        String xml = Files.readString(junit);
        int last = xml.lastIndexOf("<testcase");
        Files.writeString(junit, xml.substring(0, last) + xml.substring(xml.indexOf("</testcase>", last) + 11));
        Path second = shard("2/2", "b");
        assertEquals(ExitCodes.INVALID_INPUT, merge(first.toString(), second.toString()));
        assertTrue(err.toString().contains("the 2 shards hold 4 cases but the suite has 5"), err.toString());
    }

    @Test
    void aJunitReportThatDisagreesWithItsJsonIsRefused() throws Exception {
        Path first = shard("1/2", "a");
        Path junit = first.resolve("junit.xml");
        String xml = Files.readString(junit);
        int last = xml.lastIndexOf("<testcase");
        Files.writeString(junit, xml.substring(0, last) + xml.substring(xml.indexOf("</testcase>", last) + 11));
        assertEquals(ExitCodes.INVALID_INPUT, merge(first.toString(), shard("2/2", "b").toString()));
        assertTrue(err.toString().contains(junit + " holds 2 test cases but " + first.resolve("report.json")
                + " holds 3 scenarios"), err.toString());
    }

    @Test
    void aSuiteReportAndALoadResultDoNotMix() throws Exception {
        Path first = shard("1/2", "a");
        Path load = io.sipshield.harness.report.merge.LoadReportMergeTest.writeLoad(dir.resolve("load.json"), 0, 5,
                new long[] {1000, 2000});
        assertEquals(ExitCodes.INVALID_INPUT, merge(first.toString(), load.toString()));
        assertTrue(err.toString().contains(first + " is a suite report") && err.toString().contains(load
                + " is a load result") && err.toString().contains("expected inputs of one kind"), err.toString());
    }

    @Test
    void unusableInputsAreNamedWithWhatWasExpected() throws Exception {
        Path first = shard("1/2", "a");
        Path notJson = Files.writeString(dir.resolve("broken.json"), "{ not json");
        assertRefused(notJson + ": not JSON", first.toString(), notJson.toString());

        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertRefused(text + ": expected a report directory or a .json report", text.toString());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertRefused(empty + ": a directory without report.json or load.json", empty.toString());

        assertRefused(dir.resolve("nowhere") + ": no such file or directory", dir.resolve("nowhere").toString());

        Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
        assertRefused(array + ": expected a JSON object", array.toString());

        Path other = Files.writeString(dir.resolve("other.json"), "{\"hello\": 1}");
        assertRefused(other + ": neither a suite report", other.toString());

        Path lonely = Files.createDirectories(dir.resolve("lonely"));
        Files.copy(first.resolve("report.json"), lonely.resolve("report.json"));
        assertRefused("a suite report without " + lonely.resolve("junit.xml"), lonely.toString());

        Path old = copy(first, "old", json -> ((ObjectNode) json).remove("run"));
        assertRefused(old.resolve("report.json") + ": no 'run' object", old.toString());

        Path badVerdict = copy(first, "verdict", json -> ((ObjectNode) json.at("/scenarios/0")).put("verdict", "MAYBE"));
        assertRefused("scenarios[0].verdict: 'MAYBE' is not one of PASS, FAIL, ERROR, INVALID", badVerdict.toString());

        Path badJunit = copy(first, "junit", json -> { });
        Files.writeString(badJunit.resolve("junit.xml"), "<html/>");
        assertRefused(badJunit.resolve("junit.xml") + ": expected JUnit XML", badJunit.toString());

        Files.writeString(badJunit.resolve("junit.xml"), "<testsuites><testsuite>");
        assertRefused(badJunit.resolve("junit.xml") + ": not JUnit XML", badJunit.toString());

        assertEquals(ExitCodes.INVALID_INPUT, execute("report", "merge", "--out", dir.resolve("m").toString()));
        assertTrue(err.toString().contains("INPUT"), err.toString());
    }

    private void assertRefused(String message, String... inputs) {
        assertEquals(ExitCodes.INVALID_INPUT, merge(inputs), out.toString());
        assertTrue(err.toString().contains(message), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    /** A copy of a report directory with its report.json edited. */
    private Path copy(Path reports, String name, Consumer<JsonNode> edit) throws IOException {
        Path copy = Files.createDirectories(dir.resolve(name));
        for (String file : new String[] {"junit.xml", "index.html"}) {
            Files.copy(reports.resolve(file), copy.resolve(file));
        }
        JsonNode json = mapper.readTree(reports.resolve("report.json").toFile());
        edit.accept(json);
        mapper.writeValue(copy.resolve("report.json").toFile(), json);
        return copy;
    }

    private static Set<String> ids(JsonNode report) {
        Set<String> ids = new HashSet<>();
        report.get("scenarios").forEach(node -> ids.add(node.get("id").asText() + " " + node.get("verdict").asText()));
        return ids;
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }
}
