package io.sipshield.harness.cli.report;

import io.sipshield.harness.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sipshield report}: work on reports already written. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Work on written reports: merge the reports of a run split across machines or CI jobs.",
        subcommands = {ReportMergeCommand.class},
        exitCodeOnInvalidInput = ExitCodes.INVALID_INPUT)
public final class ReportCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand (try 'sipshield report merge')");
    }
}
