package io.sipshield.harness.run;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One part of a run split across machines or CI jobs: shard {@code index} of {@code count}, both
 * 1-based as people count ({@code 2/4} is the second of four). The work is dealt out by
 * {@link #owns(int)}: the cases are put in one fixed order (see {@link ShardPlan}) and the case at
 * position {@code p} (from 0) belongs to shard {@code p % count + 1}, so every case lands in exactly one
 * shard, the shards differ in size by at most one, and the split depends only on the cases' ids, never on
 * the machine, the file system's order or {@code --jobs}.
 *
 * @param index which shard, 1 to {@code count}
 * @param count how many shards the work is split into, at least 1
 */
public record Shard(int index, int count) {

    /** The whole run, unsplit. */
    public static final Shard WHOLE = new Shard(1, 1);

    /** What {@link #parse} accepts, for error messages. */
    public static final String FORM = "I/N with 1 <= I <= N (1-based), e.g. 2/4";

    private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    public Shard {
        if (count < 1) {
            throw new IllegalArgumentException("shard count must be at least 1, got " + count + "; expected " + FORM);
        }
        if (index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " does not exist: the index runs from 1 to "
                    + count + "; expected " + FORM);
        }
    }

    /**
     * Reads {@code I/N}, e.g. {@code 2/4}.
     *
     * @throws IllegalArgumentException naming the text and the expected form ({@code 0/4}, {@code 5/4},
     *                                  {@code x/y} and {@code 4} are all refused)
     */
    public static Shard parse(String text) {
        Matcher matcher = TEXT.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a shard; expected " + FORM);
        }
        int index = Integer.parseInt(matcher.group(1));
        int count = Integer.parseInt(matcher.group(2));
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("'" + text + "' is not a shard: " + (count < 1 ? "N must be at least 1"
                    : "I must lie between 1 and " + count) + "; expected " + FORM);
        }
        return new Shard(index, count);
    }

    /** Whether the case at {@code position} (from 0) of the fixed order belongs to this shard. */
    public boolean owns(int position) {
        if (position < 0) {
            throw new IllegalArgumentException("position must be 0 or more, got " + position);
        }
        return position % count == index - 1;
    }

    /** Whether this is the whole run ({@code 1/1}). */
    public boolean whole() {
        return count == 1;
    }

    /** {@code 2/4}. */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
