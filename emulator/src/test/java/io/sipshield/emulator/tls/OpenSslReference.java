package io.sipshield.emulator.tls;

import static org.junit.jupiter.api.Assertions.fail;

import io.sipshield.certs.Pem;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Assumptions;

/**
 * OpenSSL's own verifier as the reference: compiles src/test/c/openssl_verify.c with gcc against
 * Debian's libssl-dev into a temporary folder, then runs it on a {@link VerificationCase}. Without
 * gcc or the OpenSSL headers the test is skipped with the reason, or fails when CI=true.
 */
final class OpenSslReference {

    private static final String SOURCE = "src/test/c/openssl_verify.c";
    private static final String PACKAGES = "gcc libssl-dev";

    private final Path workDir;
    private final Path binary;

    private OpenSslReference(Path workDir, Path binary) {
        this.workDir = workDir;
        this.binary = binary;
    }

    /** One error the callback saw. */
    record Error(int depth, int code) {
        @Override
        public String toString() {
            return "depth " + depth + " " + VerifyError.byCode(code).map(VerifyError::name).orElse("code " + code);
        }
    }

    /** What OpenSSL and PJSIP's rules concluded. */
    record Verdict(long bitmask, List<Error> errors) {
    }

    /** Compiles the helper, or skips (fails in CI) with what to install. */
    static OpenSslReference compile(Path workDir) {
        Path source = Path.of(SOURCE).toAbsolutePath();
        if (!Files.isRegularFile(source)) {
            fail("the OpenSSL reference helper " + source + " is missing");
        }
        Path binary = workDir.resolve("openssl_verify");
        String problem;
        try {
            Process gcc = new ProcessBuilder("gcc", "-O1", "-o", binary.toString(), source.toString(), "-lcrypto")
                    .redirectErrorStream(true).start();
            String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            problem = gcc.waitFor(2, TimeUnit.MINUTES) && gcc.exitValue() == 0 ? null
                    : "gcc could not build " + SOURCE + " against OpenSSL: " + output.strip();
        } catch (IOException e) {
            problem = "gcc is not installed (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted while compiling the OpenSSL reference";
        }
        if (problem != null) {
            String message = problem + "; install Debian's " + PACKAGES + " (apt-get install -y " + PACKAGES + ")";
            if (System.getenv("CI") != null && !System.getenv("CI").isBlank()) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return new OpenSslReference(workDir, binary);
    }

    Verdict verify(VerificationCase verification) {
        try {
            Path dir = Files.createTempDirectory(workDir, "case");
            Path trust = dir.resolve("trust.pem");
            Path chain = dir.resolve("chain.pem");
            Files.writeString(trust, Pem.certificates(verification.trust()));
            Files.writeString(chain, Pem.certificates(verification.presented()));
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--trust", trust.toString(),
                    "--chain", chain.toString(), "--at", Long.toString(verification.clock().getEpochSecond()),
                    "--host", verification.host(), "--depth", Integer.toString(verification.maxDepth()),
                    "--level", Integer.toString(verification.securityLevel()),
                    "--purpose", verification.purpose() == TlsPurpose.CLIENT ? "client" : "server"));
            if (verification.partialChain()) {
                command.add("--partial-chain");
            }
            if (verification.allowWildcards()) {
                command.add("--wildcard");
            }
            if (verification.crlCheck() != CrlCheck.OFF) {
                command.addAll(List.of("--crl-check", verification.crlCheck() == CrlCheck.LEAF ? "leaf" : "all"));
            }
            if (!verification.crls().isEmpty()) {
                Path crls = dir.resolve("crls.pem");
                Files.writeString(crls, crlPem(verification.crls()));
                command.addAll(List.of("--crl", crls.toString()));
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                fail("the OpenSSL reference failed on " + verification.name() + ": " + output);
            }
            return parse(output, verification.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Verdict parse(String output, String name) {
        List<Error> errors = new ArrayList<>();
        Long bitmask = null;
        for (String line : output.strip().split("\n")) {
            String[] words = line.trim().split(" ");
            if (words[0].equals("error") && words.length == 3) {
                errors.add(new Error(Integer.parseInt(words[1]), Integer.parseInt(words[2])));
            } else if (words[0].equals("bitmask") && words.length == 2) {
                bitmask = Long.parseLong(words[1].substring(2), 16);
            } else {
                fail("unexpected output from the OpenSSL reference on " + name + ": " + line);
            }
        }
        if (bitmask == null) {
            fail("no bitmask from the OpenSSL reference on " + name + ": " + output);
        }
        return new Verdict(bitmask, errors);
    }

    private static String crlPem(List<X509CRL> crls) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509CRL crl : crls) {
                writer.writeObject(crl);
            }
        }
        return out.toString();
    }
}
