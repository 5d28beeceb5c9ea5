package io.sipshield.harness.scenario;

import io.sipshield.emulator.fault.CloseConnection;
import io.sipshield.emulator.fault.CoalescedMessages;
import io.sipshield.emulator.fault.Duplicate;
import io.sipshield.emulator.fault.EndlessHeader;
import io.sipshield.emulator.fault.Fault;
import io.sipshield.emulator.fault.FaultMoment;
import io.sipshield.emulator.fault.GarbageAfterHandshake;
import io.sipshield.emulator.fault.ManySans;
import io.sipshield.emulator.fault.OversizedChain;
import io.sipshield.emulator.fault.PacketLoss;
import io.sipshield.emulator.fault.ReplaySrtp;
import io.sipshield.emulator.fault.Reorder;
import io.sipshield.emulator.fault.RestartServer;
import io.sipshield.emulator.fault.RocWrap;
import io.sipshield.emulator.fault.Stall;
import io.sipshield.emulator.fault.TamperSrtp;
import io.sipshield.emulator.fault.TinyRecords;
import io.sipshield.harness.scenario.NodeReader.Fields;
import io.sipshield.harness.scenario.YamlNode.Entry;
import io.sipshield.harness.scenario.YamlNode.Mapping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@code setup.faults}: a list of {@code { fault: <name>, <field>: <value>... }}, one per fault of
 * the vocabulary ({@link io.sipshield.emulator.fault}), fields in kebab-case as the records name them,
 * durations in seconds. Every fault of the vocabulary is read (the same values as Java tests build);
 * who plays it depends on its family. Errors name the file, line, column, field and the expected
 * names or values.
 */
final class FaultReader {

    /** One fault's fields: the required and the optional ones, and how its record is made from them. */
    private record Shape(List<String> required, List<String> optional, Maker maker) {
        List<String> keys() {
            List<String> keys = new ArrayList<>(List.of("fault"));
            keys.addAll(required);
            keys.addAll(optional);
            return keys;
        }
    }

    @FunctionalInterface
    private interface Maker {
        Fault make(FaultReader reader, Fields fields) throws ScenarioFileException;
    }

    /** Every fault by name, in the vocabulary's order. */
    private static final Map<String, Shape> SHAPES = new LinkedHashMap<>();

    static {
        SHAPES.put(CloseConnection.NAME, new Shape(List.of("when"), List.of("delay", "times", "reset"),
                (r, f) -> new CloseConnection(r.moment(f), r.seconds(f, "delay", Duration.ZERO),
                        (int) r.integer(f, "times", 1, 1_000_000, 1), r.bool(f, "reset", false))));
        SHAPES.put(Stall.NAME, new Shape(List.of("when"), List.of("duration"),
                (r, f) -> new Stall(r.moment(f), r.seconds(f, "duration", Duration.ZERO))));
        SHAPES.put(TinyRecords.NAME, new Shape(List.of("record-bytes"), List.of(),
                (r, f) -> new TinyRecords((int) r.integer(f, "record-bytes", 1, 16_384, 0))));
        SHAPES.put(CoalescedMessages.NAME, new Shape(List.of("count"), List.of(),
                (r, f) -> new CoalescedMessages((int) r.integer(f, "count", 2, 10_000, 0))));
        SHAPES.put(RestartServer.NAME, new Shape(List.of("after", "downtime"), List.of(),
                (r, f) -> new RestartServer(r.seconds(f, "after", null), r.seconds(f, "downtime", null))));
        SHAPES.put(OversizedChain.NAME, new Shape(List.of("certificates"), List.of(),
                (r, f) -> new OversizedChain((int) r.integer(f, "certificates", 1, 10_000, 0))));
        SHAPES.put(ManySans.NAME, new Shape(List.of("count"), List.of(),
                (r, f) -> new ManySans((int) r.integer(f, "count", 1, 1_000_000, 0))));
        SHAPES.put(EndlessHeader.NAME, new Shape(List.of("bytes"), List.of(),
                (r, f) -> new EndlessHeader((int) r.integer(f, "bytes", 1, Integer.MAX_VALUE, 0))));
        SHAPES.put(GarbageAfterHandshake.NAME, new Shape(List.of("bytes"), List.of("seed"),
                (r, f) -> new GarbageAfterHandshake((int) r.integer(f, "bytes", 1, 16_777_216, 0), r.seed(f))));
        SHAPES.put(PacketLoss.NAME, new Shape(List.of("percent"), List.of("seed"),
                (r, f) -> new PacketLoss(r.percent(f), r.seed(f))));
        SHAPES.put(Reorder.NAME, new Shape(List.of("percent", "depth"), List.of("seed"),
                (r, f) -> new Reorder(r.percent(f), (int) r.integer(f, "depth", 1, 1_000, 0), r.seed(f))));
        SHAPES.put(Duplicate.NAME, new Shape(List.of("percent"), List.of("seed"),
                (r, f) -> new Duplicate(r.percent(f), r.seed(f))));
        SHAPES.put(RocWrap.NAME, new Shape(List.of("packets-before-wrap"), List.of(),
                (r, f) -> new RocWrap((int) r.integer(f, "packets-before-wrap", 1, 65_535, 0))));
        SHAPES.put(TamperSrtp.NAME, new Shape(List.of("every"), List.of(),
                (r, f) -> new TamperSrtp((int) r.integer(f, "every", 1, 1_000_000, 0))));
        SHAPES.put(ReplaySrtp.NAME, new Shape(List.of("every", "lag"), List.of(),
                (r, f) -> new ReplaySrtp((int) r.integer(f, "every", 1, 1_000_000, 0),
                        (int) r.integer(f, "lag", 1, 1_000_000, 0))));
    }

    /** The seed a fault uses when the file gives none, so a run can be repeated. */
    static final long DEFAULT_SEED = 1;

    private final NodeReader reader;

    FaultReader(NodeReader reader) {
        this.reader = reader;
    }

    /** Every fault name, in the vocabulary's order. */
    static List<String> names() {
        return List.copyOf(SHAPES.keySet());
    }

    /** The keys one fault takes ({@code fault} first). */
    static List<String> keys(String name) {
        return SHAPES.get(name).keys();
    }

    /** Every key any fault takes: the keys of {@code setup.faults[]}. */
    static List<String> allKeys() {
        Set<String> keys = new LinkedHashSet<>();
        SHAPES.values().forEach(shape -> keys.addAll(shape.keys()));
        return List.copyOf(keys);
    }

    /** {@code setup.faults}, or an empty list when absent. */
    List<Fault> faults(Optional<YamlNode> node) throws ScenarioFileException {
        if (node.isEmpty()) {
            return List.of();
        }
        String expected = "a list of faults, like [{ fault: close-connection, when: on-register }]";
        List<YamlNode> items = reader.list(node.get(), "setup.faults", expected);
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            faults.add(fault(items.get(i), "setup.faults[" + i + "]"));
        }
        return faults;
    }

    private Fault fault(YamlNode node, String field) throws ScenarioFileException {
        String names = String.join(", ", SHAPES.keySet());
        if (!(node instanceof Mapping mapping)) {
            throw reader.wrongType(node, field, "a mapping with fault: one of " + names);
        }
        Optional<Entry> nameEntry = mapping.entries().stream().filter(e -> e.key().equals("fault")).findFirst();
        if (nameEntry.isEmpty()) {
            throw reader.error(node.mark(), field, "missing key 'fault'", "fault: one of " + names);
        }
        String name = reader.name(nameEntry.get().value(), field + ".fault", "fault", SHAPES::containsKey, names);
        Shape shape = SHAPES.get(name);
        Fields fields = reader.mapping(node, field, shape.keys());
        for (String key : shape.required()) {
            fields.required(key, describe(name, key));
        }
        try {
            return shape.maker().make(this, fields);
        } catch (IllegalArgumentException e) {
            // the record's own check ("tiny-records: record-bytes must be at least 1, was 0")
            throw reader.error(node.mark(), field, e.getMessage(), "the fields of " + name + ": "
                    + String.join(", ", shape.keys().subList(1, shape.keys().size())));
        }
    }

    private static String describe(String fault, String key) {
        return switch (key) {
            case "when" -> "the moment, one of: " + Arrays.stream(FaultMoment.values()).map(FaultMoment::label)
                    .collect(Collectors.joining(", "));
            case "after", "downtime", "delay", "duration" -> "seconds, like 1.5";
            case "percent" -> "a percentage in (0, 100]";
            default -> "a whole number (" + fault + ")";
        };
    }

    private FaultMoment moment(Fields fields) throws ScenarioFileException {
        YamlNode node = fields.required("when", describe(CloseConnection.NAME, "when"));
        return reader.keyword(node, fields.field("when"), FaultMoment.values(), FaultMoment::label);
    }

    /** Seconds as a {@link Duration}; {@code fallback} when absent (null: the key is required). */
    private Duration seconds(Fields fields, String key, Duration fallback) throws ScenarioFileException {
        Optional<YamlNode> node = fields.optional(key);
        if (node.isEmpty()) {
            if (fallback == null) {
                throw reader.error(fields.mark(), fields.field(), "missing key '" + key + "'", key + ": seconds, like 1.5");
            }
            return fallback;
        }
        double value = reader.number(node.get(), fields.field(key), 0, 86_400);
        return Duration.ofNanos(Math.round(value * 1e9));
    }

    private long integer(Fields fields, String key, long min, long max, long fallback) throws ScenarioFileException {
        Optional<YamlNode> node = fields.optional(key);
        return node.isEmpty() ? fallback : reader.integer(node.get(), fields.field(key), min, max);
    }

    private boolean bool(Fields fields, String key, boolean fallback) throws ScenarioFileException {
        Optional<YamlNode> node = fields.optional(key);
        return node.isEmpty() ? fallback : reader.bool(node.get(), fields.field(key));
    }

    private double percent(Fields fields) throws ScenarioFileException {
        YamlNode node = fields.required("percent", "a percentage in (0, 100]");
        return reader.number(node, fields.field("percent"), 0, 100);
    }

    private long seed(Fields fields) throws ScenarioFileException {
        return integer(fields, "seed", Long.MIN_VALUE, Long.MAX_VALUE, DEFAULT_SEED);
    }
}
