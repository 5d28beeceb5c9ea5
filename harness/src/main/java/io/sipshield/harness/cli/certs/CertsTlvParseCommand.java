package io.sipshield.harness.cli.certs;

import io.sipshield.certs.cisco.SignatureVerification;
import io.sipshield.certs.cisco.TrustListFile;
import io.sipshield.certs.cisco.TrustListFormatException;
import io.sipshield.harness.cli.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield certs tlv parse ITLFile.tlv}: prints a trust list's header and records with their
 * roles, and checks its signature against its own SAST record as {@code tlvfile --parse} does, or,
 * with {@code --known-sast}, against certificates a phone already trusts.
 */
@Command(name = "parse",
        mixinStandardHelpOptions = true,
        description = {
            "Print a .tlv trust list: header, every record with its role, notes, and whether the signature verifies with"
                + " the list's own SAST record.",
            "With --known-sast, also whether it verifies with certificates a phone already holds: a phone with a stored"
                + " list accepts a new one only when a known SAST signed it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the list is well formed and its signature verifies",
            "1:the signature does not verify (or no SAST record can verify it)",
            "2:unusable input: a missing file, bytes that are not a trust list"})
public final class CertsTlvParseCommand implements Callable<Integer> {

    private static final String NAME = "sipshield certs tlv parse: ";

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The .tlv file.")
    private Path file;

    @Option(names = "--known-sast", paramLabel = "CERT",
            description = "A SAST certificate the phone already trusts; repeat for several.")
    private List<Path> knownSast = List.of();

    @Override
    public Integer call() {
        TrustListFile list;
        List<X509Certificate> known = new ArrayList<>();
        try {
            for (Path certificate : knownSast) {
                known.add(CiscoInputs.certificate(certificate));
            }
            list = TrustListFile.parse(file.toString(), CiscoInputs.bytes(file));
        } catch (CiscoInputs.Unusable | TrustListFormatException e) {
            spec.commandLine().getErr().println(NAME + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(file + ": " + list.describe());
        boolean valid = list.verify().isValid();
        if (!known.isEmpty()) {
            SignatureVerification byKnown = list.verify(known);
            out.printf("signature with the known SAST certificate(s): %s: %s%n", byKnown.status(), byKnown.detail());
            valid &= byKnown.isValid();
        }
        out.flush();
        return valid ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
