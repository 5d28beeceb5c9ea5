package io.sipshield.harness.cli;

import io.sipshield.harness.cli.bench.BenchCommand;
import io.sipshield.harness.cli.certs.CertsCommand;
import io.sipshield.harness.cli.srtp.SrtpCommand;
import io.sipshield.harness.run.LiveScenarioExecutor;
import io.sipshield.harness.run.ScenarioExecutor;
import java.util.Objects;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code sipshield} command line: one executable with subcommands ({@code run}, {@code serve}, {@code probe}, {@code verify}, {@code decode}, {@code profiles}, {@code certs}, {@code srtp}, {@code bench}, {@code schema}, {@code load}, {@code asterisk-config}). Run it
 * with {@code new CommandLine(new SipshieldCommand()).execute(args)}; exit codes are {@link ExitCodes}.
 */
@Command(name = "sipshield",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "SIP-TLS/SRTP test harness: emulated phones against a mock Asterisk.",
        subcommands = {RunCommand.class, ServeCommand.class, ProbeCommand.class, VerifyCommand.class, DecodeCommand.class, ProfilesCommand.class,
                CertsCommand.class, SrtpCommand.class, BenchCommand.class, SchemaCommand.class, LoadCommand.class,
                io.sipshield.harness.cli.phoneconfig.PhoneConfigCommand.class,
                io.sipshield.harness.cli.report.ReportCommand.class, AsteriskConfigCommand.class},
        exitCodeOnInvalidInput = ExitCodes.INVALID_INPUT,
        exitCodeOnExecutionException = ExitCodes.FAILED)
public final class SipshieldCommand implements Runnable {

    private final Supplier<ScenarioExecutor> executors;
    private final boolean colour;

    @Spec
    private CommandSpec spec;

    /** For production: scenarios run live, verdicts coloured when standard output is a terminal. */
    public SipshieldCommand() {
        this(LiveScenarioExecutor::new, System.console() != null && System.getenv("NO_COLOR") == null);
    }

    /**
     * @param executors makes the executor a {@code run} uses (tests inject a fake)
     * @param colour    whether reports may use ANSI colour
     */
    public SipshieldCommand(Supplier<ScenarioExecutor> executors, boolean colour) {
        this.executors = Objects.requireNonNull(executors, "executors");
        this.colour = colour;
    }

    /** A new executor for one run. */
    ScenarioExecutor newExecutor() {
        return executors.get();
    }

    boolean colour() {
        return colour;
    }

    /** Without a subcommand there is nothing to do: a usage error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand (try 'sipshield run')");
    }
}
