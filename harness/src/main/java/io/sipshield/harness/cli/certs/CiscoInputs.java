package io.sipshield.harness.cli.certs;

import io.sipshield.certs.format.CertificateFileContents;
import io.sipshield.certs.format.CertificateFileException;
import io.sipshield.certs.format.CertificateFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Reads what the {@code tlv} and {@code sgn} commands take: certificates and keys in any format
 * {@link CertificateFiles} reads (a PEM holding both, as usecallmanager's mkcert writes, works too),
 * and the Cisco files themselves. Every fault is an {@link Unusable} whose message is one line
 * naming the file.
 */
final class CiscoInputs {

    /** Input the command cannot use: exit code 2, the message on standard error. */
    static final class Unusable extends Exception {

        Unusable(String message) {
            super(message);
        }
    }

    /**
     * A certificate with its private key.
     *
     * @param certificate the certificate
     * @param key         its private key (test keys only; never printed)
     */
    record CertificateWithKey(X509Certificate certificate, PrivateKey key) {

        @Override
        public String toString() {
            return "CertificateWithKey[" + certificate.getSubjectX500Principal().getName() + "]";
        }
    }

    private CiscoInputs() {
    }

    /** The certificate of a file: the one its private key belongs to when it holds a key, else the first. */
    static X509Certificate certificate(Path file) throws Unusable {
        return certificate(read(file), file);
    }

    /**
     * A certificate and its key from {@code CERT:KEY} or from one file holding both.
     *
     * @param option the option it came with, for messages ("--sast")
     */
    static CertificateWithKey certificateWithKey(String spec, String option) throws Unusable {
        Path whole = Path.of(spec);
        int colon = spec.lastIndexOf(':');
        if (Files.exists(whole) || colon <= 0 || colon == spec.length() - 1) {
            CertificateFileContents contents = read(whole);
            PrivateKey key = contents.key().orElseThrow(() -> new Unusable(option + " " + spec
                    + ": no private key to sign with; give " + option + " CERT:KEY or a PEM file holding both"));
            return new CertificateWithKey(certificate(contents, whole), key);
        }
        return new CertificateWithKey(certificate(Path.of(spec.substring(0, colon))), key(Path.of(spec.substring(colon + 1))));
    }

    /** A certificate from {@code CERT} or from the certificate part of {@code CERT:KEY}. */
    static X509Certificate certificateOf(String spec) throws Unusable {
        Path whole = Path.of(spec);
        int colon = spec.lastIndexOf(':');
        if (Files.exists(whole) || colon <= 0) {
            return certificate(whole);
        }
        return certificate(Path.of(spec.substring(0, colon)));
    }

    /** The private key a file holds. */
    static PrivateKey key(Path file) throws Unusable {
        return read(file).key().orElseThrow(() -> new Unusable(file + ": holds no private key"));
    }

    static byte[] bytes(Path file) throws Unusable {
        if (Files.isDirectory(file)) {
            throw new Unusable(file + ": is a directory, not a file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Unusable(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new Unusable(file + ": permission denied");
        } catch (IOException e) {
            throw new Unusable(file + ": cannot read the file: " + e.getMessage());
        }
    }

    static void write(Path file, byte[] bytes) throws Unusable {
        try {
            Files.write(file, bytes);
        } catch (NoSuchFileException e) {
            throw new Unusable(file + ": cannot write: the directory " + file.toAbsolutePath().getParent() + " does not exist");
        } catch (AccessDeniedException e) {
            throw new Unusable(file + ": cannot write: permission denied");
        } catch (IOException e) {
            throw new Unusable(file + ": cannot write: " + e.getMessage());
        }
    }

    private static X509Certificate certificate(CertificateFileContents contents, Path file) throws Unusable {
        Optional<X509Certificate> certificate = contents.certificateForKey().or(() -> contents.certificates().stream().findFirst());
        return certificate.orElseThrow(() -> new Unusable(file + ": holds no certificate"));
    }

    private static CertificateFileContents read(Path file) throws Unusable {
        try {
            return CertificateFiles.read(file);
        } catch (CertificateFileException e) {
            throw new Unusable(e.getMessage());
        }
    }
}
