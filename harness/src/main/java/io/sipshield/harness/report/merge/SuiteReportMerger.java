package io.sipshield.harness.report.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipshield.harness.report.ReportDirectory;
import io.sipshield.harness.report.RunHeader;
import io.sipshield.harness.run.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.w3c.dom.Element;

/**
 * Joins the suite reports of the shards of one run ({@code sipshield run --shard I/N --report-dir DIR})
 * into {@code report.json}, {@code junit.xml} and {@code index.html}.
 *
 * <p>Refused, with the files named: a report without its {@code run} header; reports from different
 * sipshield versions, different suites (the {@link io.sipshield.harness.run.SuiteManifest} digests
 * differ: a scenario added, renamed or edited between the shards' checkouts) or different shard counts;
 * the same shard twice; a case (report id) in two reports (overlapping shards); a {@code junit.xml} that
 * does not hold the same number of cases as its {@code report.json}; a shard missing (unless partial
 * merges are allowed); a complete set of shards whose cases do not add up to the suite.
 *
 * <p>A shard stopped by SIGTERM still holds every case of its shard (those that did not finish are ERROR
 * {@code interrupted: ...}, counted in its {@code run.interrupted}); it joins like any other, and the merged
 * report lists it under {@code run.merged.interruptedShards} and counts {@code summary.interrupted} (absent when none).
 */
final class SuiteReportMerger {

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private SuiteReportMerger() {
    }

    /** One shard's report, read and checked on its own. */
    record ShardReport(MergeInput input, SuiteHeader header, List<JsonNode> scenarios, List<Element> testcases) {

        String name() {
            return input.given().toString();
        }
    }

    static MergeOutcome merge(List<MergeInput> inputs, Path out, boolean allowPartial) throws ReportMergeException {
        List<ShardReport> reports = new ArrayList<>();
        for (MergeInput input : inputs) {
            reports.add(read(input));
        }
        ShardReport first = reports.get(0);
        Map<Integer, ShardReport> byShard = new HashMap<>();
        Map<String, ShardReport> byCase = new HashMap<>();
        for (ShardReport report : reports) {
            sameRun(first, report);
            ShardReport twin = byShard.putIfAbsent(report.header().shard().index(), report);
            if (twin != null) {
                throw new ReportMergeException("shard " + report.header().shard() + " is in both " + twin.name() + " and "
                        + report.name() + "; expected each shard once");
            }
            for (JsonNode scenario : report.scenarios()) {
                String id = scenario.path("id").asText();
                ShardReport other = byCase.putIfAbsent(id, report);
                if (other != null) {
                    throw new ReportMergeException("case " + id + " is in both " + other.name() + " and " + report.name()
                            + ": the shards overlap (were they run with different --shard counts or paths?)");
                }
            }
        }
        int count = first.header().shard().count();
        List<Integer> missing = IntStream.rangeClosed(1, count).filter(i -> !byShard.containsKey(i)).boxed().toList();
        if (!missing.isEmpty() && !allowPartial) {
            throw new ReportMergeException("shard(s) " + missing.stream().map(i -> i + "/" + count)
                    .collect(Collectors.joining(", ")) + " missing: the inputs hold shards " + shards(byShard.keySet())
                    + " of " + count + "; give every shard's report, or pass --partial to merge what is there");
        }
        int cases = byCase.size();
        int suiteCases = first.header().suite().cases();
        if (missing.isEmpty() && cases != suiteCases) {
            throw new ReportMergeException("the " + count + " shards hold " + cases + " cases but the suite has "
                    + suiteCases + "; were the shards run with different PATH arguments?");
        }
        return write(reports, missing, out);
    }

    private static ShardReport read(MergeInput input) throws ReportMergeException {
        SuiteHeader header = SuiteHeader.read(input);
        JsonNode scenarios = input.tree().get("scenarios");
        if (!scenarios.isArray()) {
            throw new ReportMergeException(input.json() + ": 'scenarios': expected an array");
        }
        List<JsonNode> list = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            JsonNode scenario = scenarios.get(i);
            if (!scenario.path("id").isTextual() || !scenario.path("verdict").isTextual()) {
                throw new ReportMergeException(input.json() + ": scenarios[" + i + "]: expected 'id' and 'verdict'");
            }
            verdict(input, i, scenario.path("verdict").asText());
            list.add(scenario);
        }
        List<Element> testcases = JUnitReports.testcases(input.junit());
        if (testcases.size() != list.size()) {
            throw new ReportMergeException(input.junit() + " holds " + testcases.size() + " test cases but "
                    + input.json() + " holds " + list.size() + " scenarios; expected the two reports of one run");
        }
        return new ShardReport(input, header, list, testcases);
    }

    private static void verdict(MergeInput input, int index, String verdict) throws ReportMergeException {
        try {
            Verdict.valueOf(verdict);
        } catch (IllegalArgumentException e) {
            throw new ReportMergeException(input.json() + ": scenarios[" + index + "].verdict: '" + verdict
                    + "' is not one of PASS, FAIL, ERROR, INVALID", e);
        }
    }

    private static void sameRun(ShardReport first, ShardReport report) throws ReportMergeException {
        SuiteHeader a = first.header();
        SuiteHeader b = report.header();
        if (!a.version().equals(b.version())) {
            throw new ReportMergeException(first.name() + " (sipshield " + a.version() + ") and " + report.name()
                    + " (sipshield " + b.version() + ") come from different sipshield versions; expected one version");
        }
        if (!a.suite().equals(b.suite())) {
            throw new ReportMergeException(first.name() + " (suite of " + a.suite().cases() + " cases, digest "
                    + a.suite().digest().substring(0, 12) + ") and " + report.name() + " (" + b.suite().cases()
                    + " cases, digest " + b.suite().digest().substring(0, 12) + ") ran different suites (scenario files"
                    + " added, renamed or edited between them); expected shards of one checkout");
        }
        if (a.shard().count() != b.shard().count()) {
            throw new ReportMergeException(first.name() + " is shard " + a.shard() + " but " + report.name()
                    + " is shard " + b.shard() + "; expected one shard count");
        }
    }

    private static MergeOutcome write(List<ShardReport> reports, List<Integer> missing, Path out)
            throws ReportMergeException {
        List<ShardReport> ordered = reports.stream()
                .sorted(Comparator.comparingInt(report -> report.header().shard().index())).toList();
        SuiteHeader header = ordered.get(0).header();
        List<JsonNode> scenarios = ordered.stream().flatMap(report -> report.scenarios().stream())
                .sorted(Comparator.comparing((JsonNode node) -> node.path("file").asText())
                        .thenComparing(node -> node.path("case").asText("")))
                .toList();
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode run = root.putObject("run").put("version", header.version());
        if (missing.isEmpty()) {
            run.putObject("shard").put("index", 1).put("count", 1);
        }
        run.putObject("suite").put("cases", header.suite().cases()).put("digest", header.suite().digest());
        ObjectNode merged = run.putObject("merged").put("shardCount", header.shard().count());
        ArrayNode missingNode = merged.putArray("missingShards");
        missing.forEach(missingNode::add);
        List<Integer> interruptedShards = ordered.stream().filter(report -> report.header().interrupted() > 0)
                .map(report -> report.header().shard().index()).toList();
        int interrupted = ordered.stream().mapToInt(report -> report.header().interrupted()).sum();
        ArrayNode interruptedNode = merged.putArray("interruptedShards");
        interruptedShards.forEach(interruptedNode::add);
        ArrayNode inputs = merged.putArray("inputs");
        for (ShardReport report : ordered) {
            inputs.addObject().put("source", report.input().json().toString())
                    .put("shard", report.header().shard().index()).put("cases", report.scenarios().size());
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("total", scenarios.size());
        Map<Verdict, Long> counts = new LinkedHashMap<>();
        for (Verdict verdict : Verdict.values()) {
            long n = scenarios.stream().filter(node -> node.path("verdict").asText().equals(verdict.name())).count();
            counts.put(verdict, n);
            summary.put(verdict.name().toLowerCase(Locale.ROOT), n);
        }
        if (interrupted > 0) { // as a whole run's summary otherwise
            summary.put("interrupted", interrupted);
        }
        // any other count a summary carries (e.g. notObservableChecks) is the sum of the shards'
        for (ShardReport report : ordered) {
            for (var it = report.input().tree().path("summary").fields(); it.hasNext(); ) {
                var field = it.next();
                if (field.getValue().isIntegralNumber() && !recounted(field.getKey())) {
                    summary.put(field.getKey(), summary.path(field.getKey()).asLong(0) + field.getValue().asLong());
                }
            }
        }
        ArrayNode all = root.putArray("scenarios");
        scenarios.forEach(all::add);

        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(RunHeader.VERSION_PROPERTY, header.version());
        if (missing.isEmpty()) {
            properties.put(RunHeader.SHARD_PROPERTY, "1/1");
        }
        properties.put(RunHeader.SUITE_CASES_PROPERTY, Integer.toString(header.suite().cases()));
        properties.put(RunHeader.SUITE_DIGEST_PROPERTY, header.suite().digest());
        if (interrupted > 0) {
            properties.put(RunHeader.INTERRUPTED_PROPERTY, Integer.toString(interrupted));
        }
        properties.put(JUnitReports.SHARDS_PROPERTY, shards(ordered.stream()
                .map(report -> report.header().shard().index()).toList()) + " of " + header.shard().count());

        Path json = out.resolve(ReportDirectory.JSON);
        Path junit = out.resolve(ReportDirectory.JUNIT);
        Path html = out.resolve(ReportDirectory.HTML);
        try {
            Files.createDirectories(out);
            MAPPER.writeValue(json.toFile(), root);
            JUnitReports.write(ordered.stream().flatMap(report -> report.testcases().stream()).toList(), properties,
                    junit);
            Files.writeString(html, MergedSuiteHtml.page(header, ordered, scenarios, missing, counts, out));
        } catch (IOException e) {
            throw new ReportMergeException("cannot write the merged report into " + out + ": " + e.getMessage(), e);
        }
        boolean allPassed = counts.get(Verdict.PASS) == scenarios.size();
        String line = "merged " + ordered.size() + " of " + header.shard().count() + " shard(s): " + scenarios.size()
                + " of the suite's " + header.suite().cases() + " cases; " + counts.get(Verdict.PASS) + " passed, "
                + counts.get(Verdict.FAIL) + " failed, " + counts.get(Verdict.ERROR) + " errors, "
                + counts.get(Verdict.INVALID) + " invalid"
                + (missing.isEmpty() ? "" : "; shard(s) " + shards(missing) + " missing")
                + (interrupted == 0 ? "" : "; shard(s) " + shards(interruptedShards) + " stopped before " + interrupted
                        + " case(s) finished (ERROR, interrupted)");
        return new MergeOutcome(ReportKind.SUITE, line, List.of(junit, json, html), !allPassed || !missing.isEmpty());
    }

    private static boolean recounted(String summaryField) {
        return summaryField.equals("total") || summaryField.equals("interrupted") || java.util.Arrays.stream(Verdict.values())
                .anyMatch(verdict -> verdict.name().toLowerCase(Locale.ROOT).equals(summaryField));
    }

    private static String shards(java.util.Collection<Integer> indexes) {
        return new TreeSet<>(indexes).stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
