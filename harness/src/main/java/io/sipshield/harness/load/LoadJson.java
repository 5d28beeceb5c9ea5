package io.sipshield.harness.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A load result as JSON: the run (with {@code user_prefix}, {@code first_number} and {@code phone_offset}:
 * the users it registered), the counters, {@code latencies_ms} keyed by latency
 * ({@code register_round_trip: {count, p50, p90, p99, max}}), {@code latency_histograms_us} (each latency's
 * whole HdrHistogram in microseconds, compressed and base64, see {@link LatencyDistribution#encode()}, so
 * {@code sipshield report merge} can compute the percentiles of several runs together), {@code failures}
 * by cause, and the timeline. {@link LoadJsonReader} reads it back.
 */
public final class LoadJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private LoadJson() {
    }

    public static String toJson(LoadResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode run = root.putObject("run");
        run.put("phones", result.phones());
        run.put("rate_per_second", result.rate());
        run.put("profile", result.profile());
        run.put("target", result.target());
        run.put("calls_per_phone", result.callsPerPhone());
        run.put("machine", result.machine());
        if (!result.transport().isEmpty()) {
            run.put("transport", result.transport());
        }
        if (!result.mediaClock().isEmpty()) {
            run.put("media_clock", result.mediaClock());
        }
        if (result.users() != null) {
            run.put("user_prefix", result.users().userPrefix());
            run.put("first_number", result.users().firstNumber());
            run.put("phone_offset", result.users().offset());
        }
        LoadSnapshot end = result.end();
        ObjectNode counts = root.putObject("counts");
        counts.put("elapsed_seconds", end.elapsed().toMillis() / 1000.0);
        counts.put("started", end.started());
        counts.put("handshakes", end.handshakes());
        counts.put("resumed_handshakes", end.resumedHandshakes());
        counts.put("registered", end.registered());
        counts.put("in_call", end.inCall());
        counts.put("first_registrations", result.firstRegistrations());
        counts.put("registrations_per_second", Math.round(result.registrationsPerSecond() * 10) / 10.0);
        counts.put("registration_seconds", result.registrationTime().toNanos() / 1e9);
        counts.put("re_registrations", end.reRegistrations());
        counts.put("keep_alives", end.keepAlives());
        counts.put("connection_drops", end.drops());
        counts.put("recoveries", end.recoveries());
        counts.put("calls", end.calls());
        counts.put("rtp_sent", result.mediaSent());
        counts.put("rtp_echoed", result.mediaEchoed());
        counts.put("rtp_lost", result.mediaLost());
        counts.put("srtp_auth_failures", result.srtpAuthFailures());
        if (result.targetContacts() >= 0) {
            counts.put("mock_registrar_contacts", result.targetContacts());
        }
        if (result.heapPerRegisteredPhone() >= 0) {
            counts.put("heap_before_bytes", result.heapBeforeBytes());
            counts.put("heap_held_bytes", result.heapHeldBytes());
            counts.put("heap_per_registered_phone_bytes", result.heapPerRegisteredPhone());
        }
        ObjectNode latencies = root.putObject("latencies_ms");
        result.latencies().forEach((latency, p) -> {
            ObjectNode node = latencies.putObject(latency.key());
            node.put("count", p.count());
            node.put("p50", Percentiles.millis(p.p50()));
            node.put("p90", Percentiles.millis(p.p90()));
            node.put("p99", Percentiles.millis(p.p99()));
            node.put("max", Percentiles.millis(p.max()));
        });
        if (!result.distributions().isEmpty()) {
            ObjectNode histograms = root.putObject("latency_histograms_us");
            result.distributions().forEach((latency, distribution) -> histograms.put(latency.key(),
                    distribution.encode()));
        }
        ObjectNode failures = root.putObject("failures");
        result.failures().forEach(failures::put);
        ArrayNode timeline = root.putArray("timeline");
        for (TimelinePoint point : result.timeline()) {
            ObjectNode node = timeline.addObject();
            node.put("seconds", point.at().toMillis() / 1000.0);
            node.put("registered", point.registered());
            node.put("in_call", point.inCall());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree that cannot be written: " + e.getMessage(), e);
        }
    }

    public static void write(LoadResult result, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson(result) + "\n");
    }
}
