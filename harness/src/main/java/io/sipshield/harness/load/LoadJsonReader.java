package io.sipshield.harness.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads what {@link LoadJson} wrote back into a {@link LoadResult}, for {@code sipshield report merge}.
 * Anything missing or of the wrong type fails with the file, the field ({@code counts.registered}) and
 * what was expected; {@code latency_histograms_us} is optional here (older files lack it) and then
 * {@link LoadResult#distributions()} is empty.
 */
public final class LoadJsonReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;

    private LoadJsonReader(Path file) {
        this.file = file;
    }

    /** Whether {@code root} looks like a load result (it has {@code run.phones} and {@code latencies_ms}). */
    public static boolean looksLikeLoad(JsonNode root) {
        return root.path("run").has("phones") && root.has("latencies_ms");
    }

    /**
     * Reads {@code file}.
     *
     * @throws IOException naming the file and, for a bad value, the field and what was expected
     */
    public static LoadResult read(Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": expected a JSON object written by 'sipshield load --json'");
        }
        return read(file, root);
    }

    /** Reads an already parsed tree; {@code file} only names it in errors. */
    public static LoadResult read(Path file, JsonNode root) throws IOException {
        return new LoadJsonReader(file).result(root);
    }

    private LoadResult result(JsonNode root) throws IOException {
        JsonNode run = object(root, "run");
        JsonNode counts = object(root, "counts");
        LoadSnapshot end = new LoadSnapshot(seconds(counts, "counts", "elapsed_seconds"),
                whole(counts, "counts", "started"), whole(counts, "counts", "handshakes"),
                whole(counts, "counts", "registered"), counts.path("in_call").asLong(0), whole(counts, "counts", "calls"),
                whole(counts, "counts", "re_registrations"), whole(counts, "counts", "keep_alives"),
                failures(object(root, "failures")), counts.path("connection_drops").asLong(0),
                counts.path("recoveries").asLong(0), counts.path("resumed_handshakes").asLong(0));
        Map<Latency, Percentiles> latencies = new EnumMap<>(Latency.class);
        JsonNode percentiles = object(root, "latencies_ms");
        for (Latency latency : Latency.values()) {
            JsonNode node = percentiles.get(latency.key());
            if (node != null) {
                String at = "latencies_ms." + latency.key();
                latencies.put(latency, new Percentiles(whole(node, at, "count"), millis(node, at, "p50"),
                        millis(node, at, "p90"), millis(node, at, "p99"), millis(node, at, "max")));
            }
        }
        Map<Latency, LatencyDistribution> distributions = new EnumMap<>(Latency.class);
        JsonNode histograms = root.get("latency_histograms_us");
        if (histograms != null) {
            for (Latency latency : Latency.values()) {
                JsonNode text = histograms.get(latency.key());
                if (text == null || !text.isTextual()) {
                    throw bad("latency_histograms_us." + latency.key(), "a base64 HdrHistogram", text);
                }
                try {
                    distributions.put(latency, LatencyDistribution.decode(text.asText()));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ": latency_histograms_us." + latency.key() + ": " + e.getMessage(), e);
                }
            }
        }
        PhoneRange users = null;
        if (run.has("first_number")) {
            users = new PhoneRange(run.path("user_prefix").asText(""), whole(run, "run", "first_number"),
                    whole(run, "run", "phone_offset"), (int) whole(run, "run", "phones"));
        }
        return new LoadResult((int) whole(run, "run", "phones"), number(run, "run", "rate_per_second"),
                text(run, "run", "profile"), text(run, "run", "target"), (int) whole(run, "run", "calls_per_phone"),
                end, latencies, timeline(root), whole(counts, "counts", "first_registrations"),
                counts.has("registration_seconds") ? seconds(counts, "counts", "registration_seconds") : Duration.ZERO,
                (int) counts.path("mock_registrar_contacts").asLong(-1), whole(counts, "counts", "rtp_sent"),
                whole(counts, "counts", "rtp_echoed"), whole(counts, "counts", "srtp_auth_failures"),
                counts.path("heap_before_bytes").asLong(-1), counts.path("heap_held_bytes").asLong(-1),
                run.path("machine").asText(""), users, distributions, run.path("transport").asText(""),
                run.path("media_clock").asText(""));
    }

    private List<TimelinePoint> timeline(JsonNode root) throws IOException {
        JsonNode points = root.get("timeline");
        if (points == null || !points.isArray()) {
            throw bad("timeline", "an array", points);
        }
        List<TimelinePoint> timeline = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            String at = "timeline[" + i + "]";
            JsonNode point = points.get(i);
            timeline.add(new TimelinePoint(seconds(point, at, "seconds"), whole(point, at, "registered"),
                    whole(point, at, "in_call")));
        }
        return timeline;
    }

    private SortedMap<String, Long> failures(JsonNode node) throws IOException {
        SortedMap<String, Long> failures = new TreeMap<>();
        for (var it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            if (!field.getValue().canConvertToExactIntegral() || field.getValue().asLong() < 0) {
                throw bad("failures." + field.getKey(), "a count", field.getValue());
            }
            failures.put(field.getKey(), field.getValue().asLong());
        }
        return failures;
    }

    private JsonNode object(JsonNode parent, String name) throws IOException {
        JsonNode node = parent.get(name);
        if (node == null || !node.isObject()) {
            throw bad(name, "an object", node);
        }
        return node;
    }

    private long whole(JsonNode parent, String at, String name) throws IOException {
        JsonNode node = parent.get(name);
        if (node == null || !node.isNumber() || !node.canConvertToExactIntegral() || node.asLong() < 0) {
            throw bad(at + "." + name, "a whole number, 0 or more", node);
        }
        return node.asLong();
    }

    private double number(JsonNode parent, String at, String name) throws IOException {
        JsonNode node = parent.get(name);
        if (node == null || !node.isNumber() || node.asDouble() < 0) {
            throw bad(at + "." + name, "a number, 0 or more", node);
        }
        return node.asDouble();
    }

    private String text(JsonNode parent, String at, String name) throws IOException {
        JsonNode node = parent.get(name);
        if (node == null || !node.isTextual()) {
            throw bad(at + "." + name, "text", node);
        }
        return node.asText();
    }

    private Duration seconds(JsonNode parent, String at, String name) throws IOException {
        return Duration.ofNanos(Math.round(number(parent, at, name) * 1e9));
    }

    private Duration millis(JsonNode parent, String at, String name) throws IOException {
        return Duration.ofNanos(Math.round(number(parent, at, name) * 1e6));
    }

    private IOException bad(String field, String expected, JsonNode found) {
        return new IOException(file + ": " + field + ": expected " + expected + ", found "
                + (found == null ? "nothing" : found.toString()));
    }
}
