package io.sipshield.harness.report.merge;

import java.nio.file.Path;
import java.util.List;

/**
 * What a merge wrote.
 *
 * @param kind    what was merged
 * @param summary one line for the console ({@code merged 4 of 4 shard(s): 87 of the suite's 87 cases; ...})
 * @param files   the reports written
 * @param failed  whether the merged run failed: a case that did not pass, a shard missing, a load failure
 */
public record MergeOutcome(ReportKind kind, String summary, List<Path> files, boolean failed) {

    public MergeOutcome {
        files = List.copyOf(files);
    }
}
