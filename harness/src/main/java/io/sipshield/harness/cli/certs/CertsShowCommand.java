package io.sipshield.harness.cli.certs;

import io.sipshield.certs.format.CertificateFileContents;
import io.sipshield.certs.format.CertificateFileException;
import io.sipshield.certs.format.CertificateFileReport;
import io.sipshield.certs.format.CertificateFiles;
import io.sipshield.harness.cli.ExitCodes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield certs show FILE [--password PW]}: what a certificate file holds, in human form.
 * The format is detected from the content; private keys are described, never printed.
 */
@Command(name = "show",
        mixinStandardHelpOptions = true,
        description = {
            "Show what a certificate file holds: format; per certificate subject, issuer, serial, validity, key, SANs,",
            "EKU, basic constraints, key usage, name constraints, CRL distribution points and SHA-256 fingerprint;",
            "per private key its type and the certificate it matches (never the key itself); per CRL its dates and",
            "revoked serials.",
            "Reads PEM (certificates, PKCS#8 or traditional keys, encrypted or not, CRLs, PKCS7), DER certificates,",
            "CRLs and PKCS#8 keys, PKCS#7 .p7b and PKCS#12 .p12/.pfx, detected from the content."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the file was read and shown",
            "2:unusable input: a missing or malformed file, a wrong or missing password, a bad option"})
public final class CertsShowCommand implements Callable<Integer> {

    /** The option that gives the password of a PKCS#12 file or an encrypted key. */
    public static final String PASSWORD_OPTION = "--password";

    private final Clock clock;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The certificate file to show.")
    private Path file;

    @Option(names = PASSWORD_OPTION, paramLabel = "PW",
            description = "Password of a PKCS#12 file or an encrypted private key.")
    private String password;

    public CertsShowCommand() {
        this(Clock.systemUTC());
    }

    /** @param clock the clock validity is judged by ("valid now", "EXPIRED") */
    CertsShowCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        CertificateFileContents contents;
        try {
            contents = CertificateFiles.read(file, password == null ? null : password.toCharArray());
        } catch (CertificateFileException e) {
            spec.commandLine().getErr().println("sipshield certs show: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        spec.commandLine().getOut().print(CertificateFileReport.render(contents, clock.instant()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
