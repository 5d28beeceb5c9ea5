package io.sipshield.harness.report.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipshield.harness.load.Latency;
import io.sipshield.harness.load.LatencyDistribution;
import io.sipshield.harness.load.LoadJson;
import io.sipshield.harness.load.LoadResult;
import io.sipshield.harness.load.LoadSnapshot;
import io.sipshield.harness.load.Percentiles;
import io.sipshield.harness.load.PhoneRange;
import io.sipshield.harness.load.TimelinePoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merging load JSONs: sums, the percentiles of the union (checked against one histogram of every value), refusals. */
public class LoadReportMergeTest {

    @TempDir
    Path dir;

    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * Writes a load JSON of {@code phones} phones from number {@code 1000 + offset}, whose REGISTER round trips
     * were {@code registerMicros}; one failure "register 401" per phone past the first.
     */
    public static Path writeLoad(Path file, int offset, int phones, long[] registerMicros) throws IOException {
        return writeLoad(file, offset, phones, registerMicros, "digium-d6x-2_9_2");
    }

    static Path writeLoad(Path file, int offset, int phones, long[] registerMicros, String profile) throws IOException {
        Map<Latency, LatencyDistribution> distributions = new EnumMap<>(Latency.class);
        Map<Latency, Percentiles> latencies = new EnumMap<>(Latency.class);
        for (Latency latency : Latency.values()) {
            LatencyDistribution d = latency == Latency.REGISTER ? LatencyDistribution.ofMicros(registerMicros)
                    : LatencyDistribution.EMPTY;
            distributions.put(latency, d);
            latencies.put(latency, d.percentiles());
        }
        TreeMap<String, Long> failures = new TreeMap<>();
        failures.put("register 401", (long) phones - 1);
        LoadSnapshot end = new LoadSnapshot(Duration.ofSeconds(10 + offset), phones, phones, 1, 0, 0, 2, 3, failures);
        List<TimelinePoint> timeline = List.of(new TimelinePoint(Duration.ofSeconds(1), 1, 0),
                new TimelinePoint(Duration.ofMillis(1000 + 500L * (offset % 3)), phones, 0));
        LoadResult result = new LoadResult(phones, 10, profile, "mock", 0, end, latencies, timeline, phones,
                Duration.ofSeconds(2 + offset), phones, 0, 0, 0, 100, 200, "2 processors", new PhoneRange("", 1000, offset,
                phones), distributions);
        LoadJson.write(result, file);
        return file;
    }

    private MergeOutcome merge(Path... inputs) throws ReportMergeException {
        return ReportMerge.builder().inputs(List.of(inputs)).output(dir.resolve("merged")).build().merge();
    }

    @Test
    void percentilesAreThoseOfTheUnionNotAveragesOfPercentiles() throws Exception {
        Random random = new Random(42);
        long[] fast = LongStream.range(0, 5_000).map(i -> 500 + random.nextInt(1_500)).toArray();
        long[] slow = LongStream.range(0, 500).map(i -> 40_000 + random.nextInt(200_000)).toArray();
        Path a = writeLoad(dir.resolve("a.json"), 0, 10, fast);
        Path b = writeLoad(dir.resolve("b.json"), 10, 10, slow);

        MergeOutcome outcome = merge(a, b);
        assertEquals(ReportKind.LOAD, outcome.kind());
        JsonNode merged = mapper.readTree(dir.resolve("merged/load.json").toFile());
        JsonNode register = merged.at("/latencies_ms/register_round_trip");

        Histogram direct = new Histogram(3);
        LongStream.concat(LongStream.of(fast), LongStream.of(slow)).forEach(direct::recordValue);
        assertEquals(5_500, register.get("count").asLong());
        for (String p : new String[] {"50", "90", "99"}) {
            assertEquals(direct.getValueAtPercentile(Double.parseDouble(p)) / 1000.0, register.get("p" + p).asDouble(),
                    1e-9, "p" + p);
        }
        assertEquals(direct.getMaxValue() / 1000.0, register.get("max").asDouble(), 1e-9);
        double averaged = (mapper.readTree(a.toFile()).at("/latencies_ms/register_round_trip/p99").asDouble()
                + mapper.readTree(b.toFile()).at("/latencies_ms/register_round_trip/p99").asDouble()) / 2;
        assertNotEquals(averaged, register.get("p99").asDouble(), 1.0, "an average of p99s is not the p99 of the union");
        assertEquals(5_500, LatencyDistribution.decode(merged.at("/latency_histograms_us/register_round_trip").asText())
                .count(), "the merged JSON carries the union's histogram, so it can be merged again");
    }

    @Test
    void countsFailuresAndUsersAddUp() throws Exception {
        Path a = writeLoad(dir.resolve("a.json"), 0, 4, new long[] {100});
        Path b = writeLoad(dir.resolve("b.json"), 4, 6, new long[] {200});
        MergeOutcome outcome = merge(a, b);
        assertTrue(outcome.failed(), "the inputs had failures");
        assertTrue(outcome.summary().contains("10 phones, 2 registered, 8 failure(s), users 1000 to 1009"),
                outcome.summary());
        JsonNode merged = mapper.readTree(dir.resolve("merged/load.json").toFile());
        assertEquals(10, merged.at("/run/phones").asInt());
        assertEquals(20.0, merged.at("/run/rate_per_second").asDouble());
        assertEquals(8, merged.at("/failures/register 401").asLong());
        assertEquals(10, merged.at("/counts/first_registrations").asLong());
        assertEquals(6.0, merged.at("/counts/registration_seconds").asDouble(), "the slowest machine's time");
        assertEquals(14.0, merged.at("/counts/elapsed_seconds").asDouble());
        assertEquals(200, merged.at("/counts/heap_before_bytes").asLong());
        assertEquals(1000, merged.at("/run/first_number").asLong());
        // timeline: a at 1.0 s (1, then 4), b at 1.0 s (1) and 1.5 s (6): at 1.0 s 4 + 1, at 1.5 s 4 + 6
        assertEquals(5, merged.at("/timeline/0/registered").asLong());
        assertEquals(10, merged.at("/timeline/1/registered").asLong());
        assertTrue(Files.readString(dir.resolve("merged/load.html")).contains("users 1000 to 1009 (phone offset 0)"));
    }

    @Test
    void overlappingUsersAreRefusedNamingBothFiles() throws Exception {
        Path a = writeLoad(dir.resolve("a.json"), 0, 10, new long[] {100});
        Path b = writeLoad(dir.resolve("b.json"), 5, 10, new long[] {100});
        ReportMergeException e = assertThrows(ReportMergeException.class, () -> merge(a, b));
        assertTrue(e.getMessage().contains(a + " (users 1000 to 1009) and " + b + " (users 1005 to 1014) registered the"
                + " same users"), e.getMessage());
    }

    @Test
    void differentRunsAreRefused() throws Exception {
        Path a = writeLoad(dir.resolve("a.json"), 0, 2, new long[] {100});
        Path b = writeLoad(dir.resolve("b.json"), 2, 2, new long[] {100}, "cisco-8845-14_2");
        ReportMergeException e = assertThrows(ReportMergeException.class, () -> merge(a, b));
        assertTrue(e.getMessage().contains("(profile cisco-8845-14_2) are different load runs"), e.getMessage());
    }

    @Test
    void aLoadJsonWithoutHistogramsIsRefused() throws Exception {
        Path a = writeLoad(dir.resolve("a.json"), 0, 2, new long[] {100});
        Path b = edit(writeLoad(dir.resolve("b.json"), 2, 2, new long[] {100}), json -> json.remove("latency_histograms_us"));
        ReportMergeException e = assertThrows(ReportMergeException.class, () -> merge(a, b));
        assertTrue(e.getMessage().contains(b + ": no latency_histograms_us; percentiles cannot be merged exactly"),
                e.getMessage());
    }

    @Test
    void aLoadJsonWithoutItsUsersIsRefused() throws Exception {
        Path a = edit(writeLoad(dir.resolve("a.json"), 0, 2, new long[] {100}),
                json -> ((ObjectNode) json.get("run")).remove("first_number"));
        ReportMergeException e = assertThrows(ReportMergeException.class, () -> merge(a));
        assertTrue(e.getMessage().contains(a + ": no run.first_number"), e.getMessage());
    }

    @Test
    void aBrokenHistogramOrCountNamesTheField() throws Exception {
        Path a = edit(writeLoad(dir.resolve("a.json"), 0, 2, new long[] {100}),
                json -> ((ObjectNode) json.get("latency_histograms_us")).put("call_setup", "bm90IGhkcg=="));
        ReportMergeException e = assertThrows(ReportMergeException.class, () -> merge(a));
        assertTrue(e.getMessage().contains(a + ": latency_histograms_us.call_setup: not a compressed HdrHistogram"),
                e.getMessage());

        Path b = edit(writeLoad(dir.resolve("b.json"), 0, 2, new long[] {100}),
                json -> ((ObjectNode) json.get("counts")).put("registered", "many"));
        e = assertThrows(ReportMergeException.class, () -> merge(b));
        assertTrue(e.getMessage().contains(b + ": counts.registered: expected a whole number, 0 or more, found \"many\""),
                e.getMessage());
    }

    @Test
    void theEncodingRoundTripsAndRefusesGarbage() {
        LatencyDistribution d = LatencyDistribution.ofMicros(5, 50, 500, 5_000, 50_000);
        LatencyDistribution back = LatencyDistribution.decode(d.encode());
        assertEquals(d.percentiles(), back.percentiles());
        assertThrows(IllegalArgumentException.class, () -> LatencyDistribution.decode("%%%"));
        assertThrows(IllegalArgumentException.class, () -> LatencyDistribution.decode("AAAA"));
    }

    private Path edit(Path file, Consumer<ObjectNode> change) throws IOException {
        ObjectNode json = (ObjectNode) mapper.readTree(file.toFile());
        change.accept(json);
        mapper.writeValue(file.toFile(), json);
        return file;
    }
}
