package io.sipshield.harness.cli;

import io.sipshield.certs.format.CertificateFileContents;
import io.sipshield.certs.format.CertificateFileException;
import io.sipshield.certs.format.CertificateFiles;
import java.nio.file.Path;

/** Input a command cannot use: reported as one line on standard error, exit 2. */
final class UnusableInput extends Exception {

    UnusableInput(String message) {
        super(message);
    }

    /** Reads any certificate, key or CRL file; anything unreadable becomes one clear line. */
    static CertificateFileContents readCertificateFile(Path file) throws UnusableInput {
        try {
            return CertificateFiles.read(file);
        } catch (CertificateFileException e) {
            throw new UnusableInput(e.getMessage());
        } catch (RuntimeException e) {
            throw new UnusableInput(file + ": cannot be read as a certificate file (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }
}
