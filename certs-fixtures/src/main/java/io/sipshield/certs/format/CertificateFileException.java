package io.sipshield.certs.format;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate file that cannot be used: says which file, which part of it (a PEM block, a
 * PKCS#12 bag, a DER offset) and what was wrong, e.g.
 * {@code pbx.pem: PEM block 2 (CERTIFICATE): bad base64 on line 14: character '!' is not base64}.
 */
public final class CertificateFileException extends IOException {

    private final String file;
    private final String block;
    private final String problem;

    /**
     * @param file    the file as the user named it
     * @param block   the part of the file at fault ("PEM block 2 (CERTIFICATE)", "PKCS#12 MAC", "DER at byte 0"),
     *                or null when the fault is the file as a whole
     * @param problem what was wrong, as one sentence without a trailing period
     */
    public CertificateFileException(String file, String block, String problem) {
        this(file, block, problem, null);
    }

    public CertificateFileException(String file, String block, String problem, Throwable cause) {
        super(format(file, block, problem), cause);
        this.file = Objects.requireNonNull(file, "file");
        this.block = block;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    private static String format(String file, String block, String problem) {
        return block == null ? file + ": " + problem : file + ": " + block + ": " + problem;
    }

    /** The file as the user named it. */
    public String file() {
        return file;
    }

    /** The part of the file at fault; empty when the fault is the file as a whole. */
    public Optional<String> block() {
        return Optional.ofNullable(block);
    }

    /** What was wrong. */
    public String problem() {
        return problem;
    }
}
