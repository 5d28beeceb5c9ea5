package io.sipshield.harness.cli.certs;

import io.sipshield.certs.cisco.SignatureVerification;
import io.sipshield.certs.cisco.SignedFile;
import io.sipshield.certs.cisco.TrustListFile;
import io.sipshield.certs.cisco.TrustListFormatException;
import io.sipshield.harness.cli.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield certs sgn verify SEP001122334455.cnf.xml.sgn --trust-list ITLFile.tlv}: prints a
 * signed file's header and checks its signature as a phone holding that trust list would (a TFTP or
 * CCM+TFTP record with the header's serial), or against one certificate.
 */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Print a .sgn file's header and check its signature.",
            "With --trust-list, as a phone holding that list does: a TFTP or CCM+TFTP record with the signer's serial,"
                + " and the list's own signature must verify too. With --cert, against that certificate."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the signature verifies",
            "1:it does not (or the trust list has no record to verify it, or its own signature fails)",
            "2:unusable input: a missing or malformed file, neither or both of --trust-list and --cert"})
public final class CertsSgnVerifyCommand implements Callable<Integer> {

    private static final String NAME = "sipshield certs sgn verify: ";

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The .sgn file.")
    private Path file;

    @Option(names = "--trust-list", paramLabel = "TLV", description = "The phone's trust list (ITLFile.tlv, ITLSEP<MAC>.tlv, ...).")
    private Path trustList;

    @Option(names = "--cert", paramLabel = "CERT", description = "The TFTP certificate to verify with.")
    private Path certificate;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            if ((trustList == null) == (certificate == null)) {
                throw new CiscoInputs.Unusable("give the phone's trust list (--trust-list TLV) or the signing certificate (--cert CERT),"
                        + " one of them");
            }
            SignedFile signed = SignedFile.parse(file.toString(), CiscoInputs.bytes(file));
            out.print(file + ": " + signed.describe());
            nameNote(signed).ifPresent(note -> out.println("note: " + note));
            boolean listValid = true;
            SignatureVerification verification;
            if (trustList != null) {
                TrustListFile list = TrustListFile.parse(trustList.toString(), CiscoInputs.bytes(trustList));
                SignatureVerification own = list.verify();
                out.printf("trust list %s: %s: %s%n", trustList, own.status(), own.detail());
                listValid = own.isValid();
                verification = signed.verify(list);
            } else {
                verification = signed.verify(CiscoInputs.certificate(certificate));
            }
            out.printf("signature: %s: %s%n", verification.status(), verification.detail());
            if (!listValid) {
                out.println("the trust list's own signature does not verify, so a phone would not have installed it");
            }
            out.flush();
            return verification.isValid() && listValid ? ExitCodes.OK : ExitCodes.FAILED;
        } catch (CiscoInputs.Unusable | TrustListFormatException e) {
            out.flush();
            spec.commandLine().getErr().println(NAME + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
    }

    /** A phone compares the stored name with the one it asked for ([GUESS], DEVICES.md §A.2): say when the file's own name differs. */
    private Optional<String> nameNote(SignedFile signed) {
        String own = String.valueOf(file.getFileName());
        return signed.filename()
                .filter(stored -> !stored.equals(own) && !stored.endsWith("/" + own))
                .map(stored -> "the header's FILENAME is " + stored + " but the file is named " + own
                        + "; a phone asking for " + own + " may reject it");
    }
}
