package io.sipshield.harness.report;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipshield.emulator.media.MediaTimeline;
import io.sipshield.emulator.tls.VerifyFlag;
import io.sipshield.harness.run.Check;
import io.sipshield.harness.run.Observation;
import io.sipshield.harness.run.ScenarioResult;
import io.sipshield.harness.run.Verdict;
import io.sipshield.harness.scenario.Scenario;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run as JSON for tools: a {@code summary} (counts per verdict) and one object per scenario with its
 * file, about line, verdict, time in milliseconds, every check ({@code name}, {@code expected},
 * {@code observed}, {@code holds}), the error, the notes and the observed facts: TLS (with the
 * bitmask as hex and flag names), SIP statuses, SDP, media counters with the media over time
 * ({@code media.timeline.buckets}, one object per interval), server facts, the server chain
 * with the verification findings, the SIP messages (first lines; SDES keys are never in a trace), and for a
 * provisioned Cisco phone how each boot ended ({@code provisioning}: per phone, the first phone's at the top, a
 * {@code reboot} step's on the step), and what the mock PBX logged at WARN and above while the scenario ran
 * ({@code server_log}, only when it said something).
 */
public final class JsonReporter {

    private final ScenarioNames names;
    private final RunHeader header;
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /** @param root scenario paths are shown relative to it */
    public JsonReporter(Path root) {
        this(root, null);
    }

    /**
     * @param root   scenario paths are shown relative to it
     * @param header written first as {@code run} ({@code version}, {@code shard: {index, count}},
     *               {@code suite: {cases, digest}}); null for none
     */
    public JsonReporter(Path root, RunHeader header) {
        this.names = new ScenarioNames(root);
        this.header = header;
    }

    /** Writes the report to {@code file}, replacing it. */
    public void write(List<ScenarioResult> results, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(results, out);
        }
    }

    /** Writes the report as UTF-8 JSON to {@code out}, which stays open. */
    public void write(List<ScenarioResult> results, OutputStream out) throws IOException {
        mapper.writeValue(out, toTree(results));
    }

    /** The report as a JSON tree. */
    public ObjectNode toTree(List<ScenarioResult> results) {
        ObjectNode root = mapper.createObjectNode();
        if (header != null) {
            ObjectNode run = root.putObject("run").put("version", header.version());
            run.putObject("shard").put("index", header.shard().index()).put("count", header.shard().count());
            run.putObject("suite").put("cases", header.suite().cases()).put("digest", header.suite().digest());
            if (header.interrupted() > 0) {
                run.put("interrupted", header.interrupted()); // cases not finished: the run was stopped
            }
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("total", results.size());
        for (Verdict verdict : Verdict.values()) {
            summary.put(verdict.name().toLowerCase(Locale.ROOT),
                    results.stream().filter(result -> result.verdict() == verdict).count());
        }
        long notObservable = results.stream().mapToLong(result -> result.notObservableChecks().size()).sum();
        if (notObservable > 0) {
            summary.put("notObservableChecks", notObservable); // only against a real server (--target)
        }
        ArrayNode scenarios = root.putArray("scenarios");
        for (ScenarioResult result : results) {
            scenarios.add(scenario(result));
        }
        return root;
    }

    /** What one phone observed: TLS (with bitmask flags and alert), SIP statuses, SDP and media. */
    private static void phone(ObjectNode node, Observation.TlsObservation tls, Map<String, Integer> sipStatus,
                              Observation.SdpObservation sdp, Observation.MediaObservation media) {
        if (tls != null) {
            ObjectNode tlsNode = node.putObject("tls")
                    .put("established", tls.established())
                    .put("version", tls.version())
                    .put("cipher", tls.cipher())
                    .put("failure", tls.failure());
            if (tls.bitmask() == null) {
                tlsNode.putNull("bitmask");
            } else {
                tlsNode.put("bitmask", VerifyFlag.format(tls.bitmask()));
                ArrayNode flags = tlsNode.putArray("flags");
                VerifyFlag.decode(tls.bitmask()).forEach(flag -> flags.add(flag.name()));
            }
            if (tls.alert() != null) {
                tlsNode.putObject("alert").put("name", tls.alert().name()).put("code", tls.alert().code())
                        .put("sentBy", tls.alert().sentBy());
            }
        }
        ObjectNode sip = node.putObject("sip");
        new TreeMap<>(sipStatus).forEach(sip::put);
        if (sdp != null) {
            node.putObject("sdp").put("profile", sdp.profile()).put("suite", sdp.suite());
        }
        if (media != null) {
            ObjectNode mediaNode = node.putObject("media")
                    .put("sent", media.sent())
                    .put("received", media.received())
                    .put("verified", media.verified())
                    .put("authFailures", media.authFailures())
                    .put("replays", media.replays())
                    .put("mismatched", media.mismatched())
                    .put("lost", media.lost())
                    .put("lossPercent", media.lossPercent())
                    .put("jitterMs", media.jitterMs())
                    .put("reordered", media.reordered());
            if (media.impairment().arrived() > 0) {
                // what the scenario's media faults did, to compare with the phone's counts
                io.sipshield.emulator.media.impair.ImpairmentTally tally = media.impairment();
                mediaNode.putObject("impairment").put("arrived", tally.arrived()).put("forwarded", tally.forwarded())
                        .put("dropped", tally.dropped()).put("late", tally.late())
                        .put("duplicated", tally.duplicated()).put("tampered", tally.tampered())
                        .put("replayed", tally.replayed()).put("lost", tally.lost())
                        .put("countedAsImpaired", media.countedAsImpaired());
            }
            if (!media.timeline().isEmpty()) {
                timeline(mediaNode.putObject("timeline"), media.timeline());
            }
            if (media.tone() != null) {
                mediaNode.putObject("tone").put("frequency", media.tone().frequency())
                        .put("frames", media.tone().frames()).put("toneFrames", media.tone().toneFrames())
                        .put("present", media.tone().present());
            }
        }
    }

    /**
     * How a Cisco phone's boot ended (DEVICES.md §A.3), as {@code provisioning}: {@code trustList} (installed,
     * replaced, kept, rejected, absent), {@code config} (accepted, rejected, failed, absent), {@code itl} (the name
     * the ITL in force came under, or none), {@code ctlRecords}, {@code sast} (fixture ids) and {@code lists} (each
     * trust-list file asked for, with its decision). Nothing for a phone that was not provisioned.
     */
    private static void provisioning(ObjectNode node, Observation.ProvisioningObservation provisioning) {
        if (provisioning == null) {
            return;
        }
        ObjectNode out = node.putObject("provisioning")
                .put("trustList", provisioning.trustList())
                .put("config", provisioning.config())
                .put("itl", provisioning.itl())
                .put("ctlRecords", provisioning.ctlRecords());
        ArrayNode sast = out.putArray("sast");
        provisioning.sast().forEach(sast::add);
        ObjectNode lists = out.putObject("lists");
        provisioning.lists().forEach(lists::put);
    }

    /** The media over time: the interval, whether it was truncated, and one object per bucket in time order. */
    private static void timeline(ObjectNode node, MediaTimeline timeline) {
        node.put("intervalMillis", timeline.interval().toNanos() / 1e6).put("truncated", timeline.truncated());
        ArrayNode buckets = node.putArray("buckets");
        for (MediaTimeline.Bucket bucket : timeline.buckets()) {
            buckets.addObject()
                    .put("startMillis", bucket.startMillis())
                    .put("sent", bucket.sent())
                    .put("received", bucket.received())
                    .put("lost", bucket.lost())
                    .put("jitterMs", bucket.jitterMillis())
                    .put("authFailures", bucket.authFailures());
        }
    }

    private ObjectNode scenario(ScenarioResult result) {
        ObjectNode node = mapper.createObjectNode();
        node.put("file", names.display(result.file()));
        if (result.caseName() != null) {
            node.put("case", result.caseName());
        }
        node.put("id", Scenario.id(names.display(result.file()), result.caseName()));
        node.put("about", result.about());
        node.put("verdict", result.verdict().name());
        node.put("millis", result.elapsed().toMillis());
        ArrayNode checks = node.putArray("checks");
        for (Check check : result.checks()) {
            checks.addObject()
                    .put("name", check.name())
                    .put("expected", check.expected())
                    .put("observed", check.observed())
                    .put("holds", check.holds())
                    .put("observable", check.observable());
        }
        node.put("error", result.error());
        ArrayNode notes = node.putArray("notes");
        result.notes().forEach(notes::add);
        serverLog(node, result);
        node.set("observed", result.observation() == null ? null : observation(result.observation()));
        return node;
    }

    /**
     * {@code server_log}: what the scenario's mock logged at WARN and above, one {@code {time, level, source, text}}
     * per line, and {@code server_log_dropped} when it kept only the last lines; neither when it said nothing.
     */
    private static void serverLog(ObjectNode node, ScenarioResult result) {
        List<Observation.LogLine> lines = ServerLog.lines(result);
        if (lines.isEmpty()) {
            return;
        }
        ArrayNode log = node.putArray("server_log");
        for (Observation.LogLine line : lines) {
            log.addObject().put("time", line.at().toString()).put("level", line.level())
                    .put("source", line.source()).put("text", line.text());
        }
        if (ServerLog.dropped(result) > 0) {
            node.put("server_log_dropped", ServerLog.dropped(result));
        }
    }

    private ObjectNode observation(Observation observation) {
        ObjectNode node = mapper.createObjectNode();
        phone(node, observation.tls(), observation.sip(), observation.sdp(), observation.media());
        if (!observation.phones().isEmpty()) {
            // the first phone's boot at the top, like its TLS and SIP (expect.provisioning checks that one)
            provisioning(node, observation.phones().values().iterator().next().provisioning());
            ObjectNode phones = node.putObject("phones");
            observation.phones().forEach((name, phone) -> {
                ObjectNode phoneNode = phones.putObject(name);
                phone(phoneNode, phone.tls(), phone.sip(), phone.sdp(), phone.media());
                provisioning(phoneNode, phone.provisioning());
            });
        }
        if (!observation.steps().isEmpty()) {
            ArrayNode steps = node.putArray("steps");
            for (Observation.StepObservation step : observation.steps()) {
                ObjectNode stepNode = steps.addObject().put("index", step.index()).put("kind", step.kind())
                        .put("phone", step.phone());
                if (step.status() != null) {
                    stepNode.put("status", step.status());
                }
                if (step.received() != null) {
                    stepNode.put("received", step.received());
                }
                provisioning(stepNode, step.provisioning()); // a reboot step's boot
            }
        }
        if (observation.server() != null) {
            node.putObject("server").put("registeredContacts", observation.server().registeredContacts());
        }
        Observation.ChainObservation chain = observation.chain();
        if (chain != null) {
            ObjectNode chainNode = node.putObject("chain");
            ArrayNode subjects = chainNode.putArray("subjects");
            chain.subjects().forEach(subjects::add);
            ArrayNode findings = chainNode.putArray("findings");
            for (Observation.Finding finding : chain.findings()) {
                findings.addObject()
                        .put("depth", finding.depth())
                        .put("subject", finding.subject())
                        .put("error", finding.error())
                        .put("flag", finding.flag())
                        .put("detail", finding.detail());
            }
        }
        ArrayNode trace = node.putArray("sip-trace");
        for (Observation.SipMessage message : observation.trace()) {
            trace.addObject()
                    .put("at", message.at().toString())
                    .put("phone", message.phone())
                    .put("direction", message.direction().name().toLowerCase(Locale.ROOT))
                    .put("firstLine", message.firstLine());
        }
        return node;
    }
}
