package io.sipshield.harness.cli.phoneconfig;

import io.sipshield.harness.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sipshield phone-config}: the phones' own configuration files, as the emulator reads them. */
@Command(name = "phone-config", mixinStandardHelpOptions = true,
        description = "Vendor phone configuration files (Digium XML, DPMA res_digium_phone.conf, Algo device trees) as the emulator reads them.",
        subcommands = {PhoneConfigCheckCommand.class},
        exitCodeOnInvalidInput = ExitCodes.INVALID_INPUT)
public final class PhoneConfigCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand (try 'sipshield phone-config check FILE')");
    }
}
