package io.sipshield.harness.cli.certs;

import io.sipshield.harness.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sipshield certs}: the test PKI and the certificate files phones and PBXs use. */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "The test PKI and certificate files: generate the fixture catalogue, show any certificate file, build and check Cisco trust lists (.tlv) and signed files (.sgn).",
        subcommands = {CertsGenerateCommand.class, CertsShowCommand.class, CertsTlvCommand.class, CertsSgnCommand.class},
        exitCodeOnInvalidInput = ExitCodes.INVALID_INPUT)
public final class CertsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand (try 'sipshield certs --help')");
    }
}
