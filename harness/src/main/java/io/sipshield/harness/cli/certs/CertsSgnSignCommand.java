package io.sipshield.harness.cli.certs;

import io.sipshield.certs.cisco.DigestAlgorithm;
import io.sipshield.certs.cisco.SignedFile;
import io.sipshield.harness.cli.ExitCodes;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sipshield certs sgn sign --cert tftp.pem --key tftp.key SEP001122334455.cnf.xml}: signs a
 * provisioning file with a TFTP-role certificate's RSA key, as {@code sgnfile --build} does.
 */
@Command(name = "sign",
        mixinStandardHelpOptions = true,
        description = {
            "Sign a provisioning file (SEP<MAC>.cnf.xml, SoftKeys.xml, ring tones, ...) into a .sgn file with a TFTP"
                + " certificate's RSA key.",
            "The header stores --filename (default: the input's name plus .sgn); files in subdirectories pass the"
                + " relative path, e.g. --filename New_Zealand/g3-tones.xml.sgn."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the file was signed and written",
            "2:unusable input: a missing or malformed file, no key, a non-RSA certificate, a bad option"})
public final class CertsSgnSignCommand implements Callable<Integer> {

    private static final String NAME = "sipshield certs sgn sign: ";

    @Spec
    private CommandSpec spec;

    @Option(names = "--cert", required = true, paramLabel = "CERT",
            description = "The TFTP certificate (RSA). May also hold the key.")
    private Path certificate;

    @Option(names = "--key", paramLabel = "KEY", description = "Its private key (default: the key in --cert).")
    private Path key;

    @Option(names = "--filename", paramLabel = "NAME", description = "The name stored in the header (default: IN's name plus .sgn).")
    private String filename;

    @Option(names = "--digest", paramLabel = "ALGORITHM", defaultValue = "sha1",
            description = "sha1 (default) or sha512; sha256 is defined by the format but sgnfile refuses it.")
    private String digest;

    @Parameters(index = "0", paramLabel = "IN", description = "The file to sign.")
    private Path in;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OUT", description = "The .sgn file to write (default: IN.sgn).")
    private Path out;

    @Override
    public Integer call() {
        try {
            DigestAlgorithm algorithm = DigestAlgorithm.fromName(digest)
                    .orElseThrow(() -> new CiscoInputs.Unusable("--digest must be sha1, sha512 or sha256; was '" + digest + "'"));
            X509Certificate signer = CiscoInputs.certificate(certificate);
            PrivateKey privateKey = CiscoInputs.key(key != null ? key : certificate);
            byte[] payload = CiscoInputs.bytes(in);
            Path target = out != null ? out : Path.of(in + ".sgn");
            SignedFile signed = sign(signer, privateKey, payload, algorithm);
            CiscoInputs.write(target, signed.toBytes());
            spec.commandLine().getOut().printf("signed %s into %s: filename %s, %s, signed by %s%n", in, target,
                    signed.filename().orElse("?"), signed.header().digest(), signed.header().signerName().orElse("?"));
            signed.notes().forEach(note -> spec.commandLine().getOut().println("note: " + note));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        } catch (CiscoInputs.Unusable e) {
            spec.commandLine().getErr().println(NAME + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
    }

    private SignedFile sign(X509Certificate signer, PrivateKey privateKey, byte[] payload, DigestAlgorithm algorithm)
            throws CiscoInputs.Unusable {
        try {
            return SignedFile.builder()
                    .signedBy(signer, privateKey)
                    .payload(payload)
                    .digest(algorithm)
                    .filename(filename != null ? filename : SignedFile.defaultFilename(in))
                    .build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CiscoInputs.Unusable(e.getMessage());
        }
    }
}
