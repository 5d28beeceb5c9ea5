package io.sipshield.harness.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * How a run's cases are dealt out to shards, and what identifies the whole suite.
 *
 * <p>Each case has a <em>key</em>: its file's path below the PATH argument it was found under
 * ({@code digium/tls-one-way-ok.yaml}; a file given directly is its file name), with {@code [row]} for a
 * row of a table of cases. Keys are sorted by their characters (not by locale, not by the file system's
 * order); equal keys (two PATH arguments holding the same relative file) keep the command line's order.
 * The case at position {@code p} of that order goes to shard {@code p % N + 1} ({@link Shard#owns}).
 *
 * <p>The {@link SuiteManifest} hashes every key with the SHA-256 of its file's bytes, so two shards
 * run from different checkouts (a scenario renamed, added or edited) carry different digests and
 * {@code sipshield report merge} refuses to join them.
 *
 * @param <T> what is planned for each case
 */
public final class ShardPlan<T> {

    /**
     * One case to place.
     *
     * @param key         the case's key, as above
     * @param fileDigest  hex SHA-256 of its file's bytes, or {@code "unreadable"}
     * @param item        what to run for it
     */
    public record Entry<T>(String key, String fileDigest, T item) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(fileDigest, "fileDigest");
        }
    }

    private final List<Entry<T>> entries;
    private final int[] positions;

    /** @param entries every case of the suite, in the order they would run */
    public ShardPlan(List<Entry<T>> entries) {
        this.entries = List.copyOf(entries);
        Integer[] order = IntStream.range(0, this.entries.size()).boxed().toArray(Integer[]::new);
        // a stable sort: equal keys keep the command line's order
        java.util.Arrays.sort(order, Comparator.comparing(i -> this.entries.get(i).key()));
        positions = new int[order.length];
        for (int position = 0; position < order.length; position++) {
            positions[order[position]] = position;
        }
    }

    /** The items that fall to {@code shard}, in the run order. */
    public List<T> select(Shard shard) {
        List<T> selected = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (shard.owns(positions[i])) {
                selected.add(entries.get(i).item());
            }
        }
        return selected;
    }

    /** The whole suite: how many cases and the digest of their keys and files. */
    public SuiteManifest manifest() {
        MessageDigest sha256 = sha256();
        entries.stream().sorted(Comparator.comparing(Entry::key)).forEach(entry -> {
            sha256.update(entry.key().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(entry.fileDigest().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
        });
        return new SuiteManifest(entries.size(), HexFormat.of().formatHex(sha256.digest()));
    }

    /**
     * The key of a case: {@code file}'s path below {@code root} (the PATH argument it was found under,
     * {@code /} as separator), or its file name when {@code root} is the file itself; plus {@code [caseName]}
     * for a row of a table of cases.
     */
    public static String key(Path root, Path file, String caseName) {
        Path relative = root.equals(file) || !file.startsWith(root) ? file.getFileName() : root.relativize(file);
        String shown = (relative == null ? file : relative).toString().replace(file.getFileSystem().getSeparator(), "/");
        return caseName == null ? shown : shown + "[" + caseName + "]";
    }

    /** Hex SHA-256 of the file's bytes, or {@code "unreadable"} (the run reports why elsewhere). */
    public static String fileDigest(Path file) {
        try {
            return fileDigest(Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            return "unreadable";
        }
    }

    /** Hex SHA-256 of {@code bytes}. */
    public static String fileDigest(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
