package io.sipshield.harness.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sipshield bench ...}: benchmarks that print figures (never a pass or fail). */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {"Benchmarks: 'sipshield bench srtp' measures SRTP packets/s against libsrtp2 and OpenSSL;",
            "'sipshield bench load-server' runs the load mock in a JVM of its own (scripts/bench-storm.sh, bench-10k.sh)."},
        subcommands = {BenchSrtpCommand.class, BenchLoadServerCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** Without a subcommand there is nothing to do: a usage error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand (try 'sipshield bench srtp')");
    }
}
