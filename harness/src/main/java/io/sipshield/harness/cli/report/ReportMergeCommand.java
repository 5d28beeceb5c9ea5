package io.sipshield.harness.cli.report;

import io.sipshield.harness.cli.ExitCodes;
import io.sipshield.harness.report.merge.MergeOutcome;
import io.sipshield.harness.report.merge.ReportMerge;
import io.sipshield.harness.report.merge.ReportMergeException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield report merge --out DIR INPUT...}: joins the reports of the shards of one suite run
 * ({@code run --shard I/N --report-dir}) into junit.xml, report.json and index.html, or several machines'
 * load results ({@code load --phone-offset K --json}) into load.json and load.html. See
 * {@link ReportMerge} and docs/scale-out.md.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Join the reports of a run split across machines or CI jobs.",
            "Suite shards ('sipshield run --shard I/N --report-dir DIR'): give each DIR (or its report.json); writes",
            "junit.xml, report.json and index.html. Load runs ('sipshield load --phone-offset K --json FILE'): give",
            "each FILE; writes load.json and load.html with the percentiles of all measurements together."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:merged; every case passed (suites) or nothing failed (load)",
            "1:merged, but a case did not pass, a shard is missing (--partial) or a load phone failed",
            "2:not merged: an unreadable or invalid input, mixed kinds, different suites or versions, a case in two"
                + " inputs, overlapping phone ranges, a missing shard without --partial"})
public final class ReportMergeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the merged reports go.")
    private Path out;

    @Option(names = "--partial",
            description = "Merge suite shards even when some are missing; the merged report names them (exit 1).")
    private boolean partial;

    @Parameters(paramLabel = "INPUT", arity = "1..*",
            description = "Report directories or JSON reports, all of one kind.")
    private List<Path> inputs;

    @Override
    public Integer call() {
        MergeOutcome outcome;
        try {
            outcome = ReportMerge.builder().inputs(inputs).output(out).allowPartial(partial).build().merge();
        } catch (ReportMergeException e) {
            spec.commandLine().getErr().println("sipshield report merge: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        spec.commandLine().getOut().println(outcome.summary());
        outcome.files().forEach(file -> spec.commandLine().getOut().println("report: " + file));
        spec.commandLine().getOut().flush();
        return outcome.failed() ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
