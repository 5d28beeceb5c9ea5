package io.sipshield.harness.cli.certs;

import io.sipshield.harness.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sipshield certs tlv}: Cisco trust lists (ITLFile.tlv, ITLSEP&lt;MAC&gt;.tlv, CTLFile.tlv, CTLSEP&lt;MAC&gt;.tlv). */
@Command(name = "tlv", mixinStandardHelpOptions = true,
        description = "Build and parse Cisco .tlv trust lists, byte-compatible with usecallmanager's tlvfile.",
        subcommands = {CertsTlvBuildCommand.class, CertsTlvParseCommand.class},
        exitCodeOnInvalidInput = ExitCodes.INVALID_INPUT)
public final class CertsTlvCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand (try 'tlv build' or 'tlv parse')");
    }
}
