package io.sipshield.harness.report.merge;

import io.sipshield.harness.load.Latency;
import io.sipshield.harness.load.LatencyDistribution;
import io.sipshield.harness.load.LoadHtmlReport;
import io.sipshield.harness.load.LoadJson;
import io.sipshield.harness.load.LoadJsonReader;
import io.sipshield.harness.load.LoadResult;
import io.sipshield.harness.load.LoadSnapshot;
import io.sipshield.harness.load.Percentiles;
import io.sipshield.harness.load.PhoneRange;
import io.sipshield.harness.load.TimelinePoint;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Joins load results run on several machines at once ({@code sipshield load --phone-offset K}) into one
 * {@code load.json} and {@code load.html}.
 *
 * <p>Counts, phones, rates and failures by cause are summed; the latency percentiles are those of the
 * union of every measurement (the HdrHistograms are added, {@link LatencyDistribution#plus}), never
 * averages of percentiles. The elapsed time and the time to the last first registration are the
 * longest of the inputs, so the merged registrations per second is all first registrations over the
 * slowest machine's time: right when the machines started together. The timeline adds the machines'
 * registered and in-call phones at each sample time (each machine counted at its latest sample).
 * Heap figures are summed when every input measured them.
 *
 * <p>Refused, with the files named: an input without {@code latency_histograms_us} (percentiles could
 * not be merged exactly) or without its users ({@code run.first_number}); inputs with different
 * profiles, targets or calls per phone; two inputs whose users overlap (the same phone registered twice).
 */
final class LoadReportMerger {

    private LoadReportMerger() {
    }

    private record Named(Path file, LoadResult result) {
    }

    static MergeOutcome merge(List<MergeInput> inputs, Path out) throws ReportMergeException {
        List<Named> results = new ArrayList<>();
        for (MergeInput input : inputs) {
            LoadResult result;
            try {
                result = LoadJsonReader.read(input.json(), input.tree());
            } catch (IOException e) {
                throw new ReportMergeException(e.getMessage(), e);
            }
            if (result.distributions().isEmpty()) {
                throw new ReportMergeException(input.json() + ": no latency_histograms_us; percentiles cannot be merged"
                        + " exactly without them (expected a load JSON from this sipshield version)");
            }
            if (result.users() == null) {
                throw new ReportMergeException(input.json() + ": no run.first_number and run.phone_offset; expected a "
                        + "load JSON from this sipshield version, which names the users it registered");
            }
            results.add(new Named(input.json(), result));
        }
        check(results);
        LoadResult merged = merged(results.stream().map(Named::result).toList());
        Path json = out.resolve(MergeInput.LOAD_JSON);
        Path html;
        try {
            LoadJson.write(merged, json);
            html = LoadHtmlReport.write(merged, out);
        } catch (IOException e) {
            throw new ReportMergeException("cannot write the merged load result into " + out + ": " + e.getMessage(), e);
        }
        String line = "merged " + results.size() + " load result(s): " + merged.phones() + " phones, "
                + merged.end().registered() + " registered, " + merged.end().failureCount() + " failure(s)"
                + (merged.users() == null ? "" : ", " + merged.users().describe());
        return new MergeOutcome(ReportKind.LOAD, line, List.of(json, html), merged.failed());
    }

    private static void check(List<Named> results) throws ReportMergeException {
        Named first = results.get(0);
        for (Named named : results) {
            same(first, named, "profile", first.result().profile(), named.result().profile());
            same(first, named, "target", first.result().target(), named.result().target());
            same(first, named, "calls per phone", first.result().callsPerPhone(), named.result().callsPerPhone());
        }
        for (int i = 0; i < results.size(); i++) {
            for (int j = i + 1; j < results.size(); j++) {
                PhoneRange a = results.get(i).result().users();
                PhoneRange b = results.get(j).result().users();
                if (a.overlaps(b)) {
                    throw new ReportMergeException(results.get(i).file() + " (" + a.describe() + ") and "
                            + results.get(j).file() + " (" + b.describe() + ") registered the same users; expected "
                            + "disjoint --phone-offset ranges (machine k of N with --phones M: --phone-offset k*M)");
                }
            }
        }
    }

    private static void same(Named first, Named other, String what, Object a, Object b) throws ReportMergeException {
        if (!a.equals(b)) {
            throw new ReportMergeException(first.file() + " (" + what + " " + a + ") and " + other.file() + " (" + what
                    + " " + b + ") are different load runs; expected one " + what + " across the merged results");
        }
    }

    /** The inputs as one run. */
    static LoadResult merged(List<LoadResult> results) {
        LoadResult first = results.get(0);
        Map<Latency, LatencyDistribution> distributions = new EnumMap<>(Latency.class);
        for (LoadResult result : results) {
            result.distributions().forEach((latency, d) -> distributions.merge(latency, d, LatencyDistribution::plus));
        }
        Map<Latency, Percentiles> latencies = new EnumMap<>(Latency.class);
        distributions.forEach((latency, d) -> latencies.put(latency, d.percentiles()));
        SortedMap<String, Long> failures = new TreeMap<>();
        results.forEach(result -> result.failures().forEach((cause, n) -> failures.merge(cause, n, Long::sum)));
        LoadSnapshot end = new LoadSnapshot(max(results, r -> r.end().elapsed()), sum(results, r -> r.end().started()),
                sum(results, r -> r.end().handshakes()), sum(results, r -> r.end().registered()),
                sum(results, r -> r.end().inCall()), sum(results, r -> r.end().calls()),
                sum(results, r -> r.end().reRegistrations()), sum(results, r -> r.end().keepAlives()), failures,
                sum(results, r -> r.end().drops()), sum(results, r -> r.end().recoveries()),
                sum(results, r -> r.end().resumedHandshakes()));
        boolean heap = results.stream().allMatch(r -> r.heapBeforeBytes() >= 0 && r.heapHeldBytes() >= 0);
        boolean contacts = results.stream().allMatch(r -> r.targetContacts() >= 0);
        return new LoadResult((int) sum(results, LoadResult::phones), results.stream().mapToDouble(LoadResult::rate).sum(),
                first.profile(), first.target(), first.callsPerPhone(), end, latencies, timeline(results),
                sum(results, LoadResult::firstRegistrations), max(results, LoadResult::registrationTime),
                contacts ? (int) sum(results, LoadResult::targetContacts) : -1, sum(results, LoadResult::mediaSent),
                sum(results, LoadResult::mediaEchoed), sum(results, LoadResult::srtpAuthFailures),
                heap ? sum(results, LoadResult::heapBeforeBytes) : -1, heap ? sum(results, LoadResult::heapHeldBytes) : -1,
                String.join("; ", new TreeSet<>(results.stream().map(LoadResult::machine).toList())), users(results),
                distributions, joined(results, LoadResult::transport), joined(results, LoadResult::mediaClock));
    }

    /** The distinct non-empty values of the inputs, sorted, joined by "; ". */
    private static String joined(List<LoadResult> results, Function<LoadResult, String> value) {
        return String.join("; ", new TreeSet<>(results.stream().map(value).filter(text -> !text.isEmpty()).toList()));
    }

    /** The users of all inputs when they form one range, else null. */
    private static PhoneRange users(List<LoadResult> results) {
        List<PhoneRange> ranges = results.stream().map(LoadResult::users)
                .sorted(Comparator.comparingLong(PhoneRange::first)).toList();
        PhoneRange first = ranges.get(0);
        long next = first.first();
        for (PhoneRange range : ranges) {
            if (!range.userPrefix().equals(first.userPrefix()) || range.first() != next) {
                return null;
            }
            next = range.last() + 1;
        }
        return new PhoneRange(first.userPrefix(), first.firstNumber(), first.offset(),
                (int) (next - first.first()));
    }

    /** At each sample time of any input, every input's latest sample at or before it, added. */
    private static List<TimelinePoint> timeline(List<LoadResult> results) {
        TreeSet<Duration> times = new TreeSet<>();
        results.forEach(result -> result.timeline().forEach(point -> times.add(point.at())));
        List<TimelinePoint> merged = new ArrayList<>();
        int[] cursor = new int[results.size()];
        for (Duration at : times) {
            long registered = 0;
            long inCall = 0;
            for (int i = 0; i < results.size(); i++) {
                List<TimelinePoint> points = results.get(i).timeline();
                while (cursor[i] < points.size() && points.get(cursor[i]).at().compareTo(at) <= 0) {
                    cursor[i]++;
                }
                if (cursor[i] > 0) {
                    registered += points.get(cursor[i] - 1).registered();
                    inCall += points.get(cursor[i] - 1).inCall();
                }
            }
            merged.add(new TimelinePoint(at, registered, inCall));
        }
        return merged;
    }

    private static long sum(List<LoadResult> results, java.util.function.ToLongFunction<LoadResult> value) {
        return results.stream().mapToLong(value).sum();
    }

    private static Duration max(List<LoadResult> results, java.util.function.Function<LoadResult, Duration> value) {
        return results.stream().map(value).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }
}
