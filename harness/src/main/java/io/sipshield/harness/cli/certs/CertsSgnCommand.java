package io.sipshield.harness.cli.certs;

import io.sipshield.harness.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sipshield certs sgn}: Cisco .sgn signed provisioning files (SEP&lt;MAC&gt;.cnf.xml.sgn, ...). */
@Command(name = "sgn", mixinStandardHelpOptions = true,
        description = "Sign, verify and strip Cisco .sgn files, byte-compatible with usecallmanager's sgnfile.",
        subcommands = {CertsSgnSignCommand.class, CertsSgnVerifyCommand.class, CertsSgnStripCommand.class},
        exitCodeOnInvalidInput = ExitCodes.INVALID_INPUT)
public final class CertsSgnCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand (try 'sgn sign', 'sgn verify' or 'sgn strip')");
    }
}
