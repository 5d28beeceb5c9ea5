package io.sipshield.harness.cli.srtp;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield srtp ...}: SRTP by hand. {@code protect} and {@code unprotect} run single
 * packets through the engine with SDES key material given on the command line.
 */
@Command(name = "srtp",
        mixinStandardHelpOptions = true,
        description = "Protect or unprotect SRTP and SRTCP packets with an SDES a=crypto key.",
        subcommands = {SrtpProtectCommand.class, SrtpUnprotectCommand.class, DecryptPcapCommand.class})
public final class SrtpCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** Without a subcommand there is nothing to do: a usage error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand (try 'sipshield srtp protect --help')");
    }
}
