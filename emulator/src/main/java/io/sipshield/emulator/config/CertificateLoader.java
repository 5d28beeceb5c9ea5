package io.sipshield.emulator.config;

import io.sipshield.certs.format.CertificateFileContents;
import io.sipshield.certs.format.CertificateFileException;
import io.sipshield.certs.format.CertificateFiles;
import io.sipshield.emulator.ClientCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the certificate files a configuration points at with {@link CertificateFiles}; an
 * unreadable file becomes a {@link ConfigurationFileException} naming the configuration, the line
 * that loads it and the certificate file's own fault.
 */
final class CertificateLoader {

    private final String configFile;
    private final List<ConfigProblem> warnings;

    CertificateLoader(String configFile, List<ConfigProblem> warnings) {
        this.configFile = configFile;
        this.warnings = warnings;
    }

    /** The CA certificates in {@code file}; a private key in a trust file is ignored with a warning. */
    List<LoadedCertificate> anchors(Path file, int line, String element) throws ConfigurationFileException {
        return anchors(read(file, line, element), line, element);
    }

    /** The CA certificates in inline PEM text (a Digium {@code <cert>} body). */
    List<LoadedCertificate> inlineAnchors(String pem, int line, String element) throws ConfigurationFileException {
        String source = configFile + ":" + line;
        try {
            return anchors(CertificateFiles.decode(source, pem.strip().getBytes(StandardCharsets.US_ASCII), null),
                    line, element);
        } catch (CertificateFileException | RuntimeException e) {
            throw new ConfigurationFileException(configFile, line, element,
                    "expected PEM certificates: " + e.getMessage(), e);
        }
    }

    /**
     * The client certificate and key in {@code file} (Algo sipclient.pem): the certificate whose public
     * key matches the key first, then the file's other certificates as the chain to send.
     */
    ClientCredentials credentials(Path file, int line, String element) throws ConfigurationFileException {
        CertificateFileContents contents = read(file, line, element);
        if (contents.key().isEmpty()) {
            throw new ConfigurationFileException(configFile, line, element,
                    "expected a certificate and its private key in " + file + ", found no private key");
        }
        X509Certificate leaf = contents.certificateForKey().orElseThrow(() -> new ConfigurationFileException(
                configFile, line, element, "expected a certificate matching the private key in " + file + ", found "
                        + (contents.certificates().isEmpty() ? "no certificate" : "none that matches")));
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        contents.certificates().stream().filter(c -> !c.equals(leaf)).forEach(chain::add);
        return new ClientCredentials(contents.key().get(), chain);
    }

    /** Reads a file, mapping every failure to the configuration's line. */
    CertificateFileContents read(Path file, int line, String element) throws ConfigurationFileException {
        try {
            return CertificateFiles.read(file);
        } catch (CertificateFileException e) {
            throw new ConfigurationFileException(configFile, line, element, "expected a readable certificate file: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ConfigurationFileException(configFile, line, element, "expected a readable certificate file: "
                    + file + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    private List<LoadedCertificate> anchors(CertificateFileContents contents, int line, String element)
            throws ConfigurationFileException {
        if (contents.certificates().isEmpty()) {
            throw new ConfigurationFileException(configFile, line, element,
                    "expected at least one CA certificate in " + contents.source() + ", found none");
        }
        if (contents.privateKey().isPresent()) {
            warnings.add(ConfigProblem.warning(configFile, line, element, "the private key in " + contents.source()
                    + " is ignored: a trust file needs only certificates"));
        }
        return contents.certificates().stream().map(c -> new LoadedCertificate(c, contents.source())).toList();
    }
}
