package io.sipshield.harness.report.merge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Joins the reports of one run split across machines or CI jobs: the suite reports of
 * {@code sipshield run --shard I/N --report-dir DIR} (see {@link SuiteReportMerger}) or the load results
 * of {@code sipshield load --phone-offset K --json FILE} (see {@link LoadReportMerger}). Every input is a
 * report directory or a JSON report; all must be of one {@link ReportKind}.
 *
 * <pre>{@code
 * MergeOutcome outcome = ReportMerge.builder().output(Path.of("merged"))
 *         .inputs(List.of(Path.of("shard-1"), Path.of("shard-2"))).build().merge();
 * }</pre>
 */
public final class ReportMerge {

    private final List<Path> inputs;
    private final Path output;
    private final boolean allowPartial;

    private ReportMerge(Builder builder) {
        this.inputs = List.copyOf(builder.inputs);
        this.output = Objects.requireNonNull(builder.output, "output");
        this.allowPartial = builder.allowPartial;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads, checks and joins the inputs and writes the merged reports into the output directory.
     *
     * @throws ReportMergeException naming the file(s) at fault and what was expected
     */
    public MergeOutcome merge() throws ReportMergeException {
        if (inputs.isEmpty()) {
            throw new ReportMergeException("no input; expected report directories or JSON reports to merge");
        }
        List<MergeInput> read = new ArrayList<>();
        for (Path input : inputs) {
            read.add(MergeInput.read(input));
        }
        MergeInput first = read.get(0);
        for (MergeInput input : read) {
            if (input.kind() != first.kind()) {
                throw new ReportMergeException(first.given() + " is " + first.kind().description() + " but "
                        + input.given() + " is " + input.kind().description() + "; expected inputs of one kind");
            }
        }
        return first.kind() == ReportKind.SUITE
                ? SuiteReportMerger.merge(read, output, allowPartial)
                : LoadReportMerger.merge(read, output);
    }

    /** Configures a {@link ReportMerge}; the output directory is required. */
    public static final class Builder {
        private final List<Path> inputs = new ArrayList<>();
        private Path output;
        private boolean allowPartial;

        private Builder() {
        }

        /** Report directories or JSON reports, all of one kind. */
        public Builder inputs(List<Path> paths) {
            inputs.addAll(paths);
            return this;
        }

        /** Where the merged reports go (created when missing). */
        public Builder output(Path directory) {
            this.output = Objects.requireNonNull(directory, "output");
            return this;
        }

        /** Merge suite shards even when some are missing (the merged report says which; default false). */
        public Builder allowPartial(boolean partial) {
            this.allowPartial = partial;
            return this;
        }

        public ReportMerge build() {
            return new ReportMerge(this);
        }
    }
}
