package io.sipshield.harness.cli.certs;

import io.sipshield.certs.cisco.SignedFile;
import io.sipshield.certs.cisco.TrustListFormatException;
import io.sipshield.harness.cli.ExitCodes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield certs sgn strip SEP001122334455.cnf.xml.sgn}: writes the original file, the bytes
 * after the signed header, as {@code sgnfile --remove} does. The signature is not checked.
 */
@Command(name = "strip",
        mixinStandardHelpOptions = true,
        description = {
            "Write the original file inside a .sgn (or .sha512) file: the bytes after its signed header.",
            "The signature is not checked; use 'sgn verify' for that."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the original file was written",
            "2:unusable input: a missing or malformed file, no OUT for a name without .sgn or .sha512"})
public final class CertsSgnStripCommand implements Callable<Integer> {

    private static final String NAME = "sipshield certs sgn strip: ";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The .sgn file.")
    private Path file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OUT",
            description = "Where to write the original (default: FILE without .sgn or .sha512).")
    private Path out;

    @Override
    public Integer call() {
        try {
            Path target = out != null ? out : withoutExtension();
            SignedFile signed = SignedFile.parse(file.toString(), CiscoInputs.bytes(file));
            byte[] original = signed.strip();
            CiscoInputs.write(target, original);
            spec.commandLine().getOut().printf("wrote %s: %d bytes (the header said %s)%n", target, original.length,
                    signed.filename().map(name -> "FILENAME " + name).orElse("no FILENAME"));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        } catch (CiscoInputs.Unusable | TrustListFormatException e) {
            spec.commandLine().getErr().println(NAME + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
    }

    private Path withoutExtension() throws CiscoInputs.Unusable {
        String name = file.toString();
        for (String extension : new String[] {".sgn", ".sha512"}) {
            if (name.endsWith(extension) && name.length() > extension.length()) {
                return Path.of(name.substring(0, name.length() - extension.length()));
            }
        }
        throw new CiscoInputs.Unusable(file + ": the name does not end with .sgn or .sha512; give OUT");
    }
}
