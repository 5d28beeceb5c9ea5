package io.sipshield.harness.cli.certs;

import io.sipshield.certs.CertificateSpec;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.KeyAlgorithm;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Seed 000's certificates as PEM files, and a way to run a command with its output captured. */
final class CiscoCliFixtures {

    static final IssuedCertificate SAST = CertificateSpec.root("SAST").build();
    static final IssuedCertificate ASTERISK = CertificateSpec.leaf("pbx.sip.test").sanDns("pbx.sip.test").serverAuth()
            .issuedBy(SAST).build();
    static final IssuedCertificate APACHE_EC = CertificateSpec.leaf("prov.sip.test").sanDns("prov.sip.test").serverAuth()
            .keyAlgorithm(KeyAlgorithm.EC_P256).issuedBy(SAST).build();

    private CiscoCliFixtures() {
    }

    /** Writes the certificate to NAME.pem and its key to NAME.key. */
    static Path certificate(Path dir, String name, IssuedCertificate certificate) throws IOException {
        Files.writeString(dir.resolve(name + ".key"), certificate.privateKeyPem());
        return Files.writeString(dir.resolve(name + ".pem"), certificate.certificatePem());
    }

    /** Writes certificate and key into one PEM file, as usecallmanager's mkcert does. */
    static Path combined(Path dir, String name, IssuedCertificate certificate) throws IOException {
        return Files.writeString(dir.resolve(name + ".pem"), certificate.certificatePem() + certificate.privateKeyPem());
    }

    /**
     * A command run with captured output.
     *
     * @param code the exit code
     * @param out  standard output
     * @param err  standard error
     */
    record Run(int code, String out, String err) {
    }

    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
