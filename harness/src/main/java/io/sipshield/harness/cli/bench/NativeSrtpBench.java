package io.sipshield.harness.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One of the C reference helpers of {@code sipshield bench srtp}, shipped as source in the jar,
 * compiled with gcc into a temporary directory on first use and run once per suite. A helper that
 * cannot be built (no gcc, no development headers) is {@link Outcome#unavailable} with the reason
 * and the Debian packages that fix it.
 */
final class NativeSrtpBench {

    /** The outcome of building or running a helper. */
    record Outcome(SrtpThroughput.Result result, String unavailable) {
        static Outcome of(SrtpThroughput.Result result) {
            return new Outcome(result, null);
        }

        static Outcome unavailable(String reason) {
            return new Outcome(null, reason);
        }

        boolean available() {
            return result != null;
        }
    }

    /** libsrtp2's srtp_protect / srtp_unprotect. */
    static NativeSrtpBench libsrtp() {
        return new NativeSrtpBench("libsrtp2", "bench_libsrtp.c", "-lsrtp2", "srtp2/srtp.h", "gcc libsrtp2-dev");
    }

    /** A plain loop over OpenSSL's EVP AES-128-CTR and HMAC-SHA1 (AES_CM_128_HMAC_SHA1_80 only). */
    static NativeSrtpBench openssl() {
        return new NativeSrtpBench("OpenSSL loop", "bench_openssl.c", "-lcrypto", "openssl/", "gcc libssl-dev");
    }

    private final String name;
    private final String source;
    private final String library;
    private final String header;
    private final String packages;
    private Path binary;
    private String unavailable;

    private NativeSrtpBench(String name, String source, String library, String header, String packages) {
        this.name = name;
        this.source = source;
        this.library = library;
        this.header = header;
        this.packages = packages;
    }

    String name() {
        return name;
    }

    /** Compiles the helper into {@code directory} unless done already; false (with a reason) when it cannot be built. */
    boolean build(Path directory) {
        if (binary != null || unavailable != null) {
            return binary != null;
        }
        try {
            Path code = directory.resolve(source);
            copyResource(source, code);
            copyResource("bench_common.h", directory.resolve("bench_common.h"));
            Path output = directory.resolve(source.replace(".c", ""));
            Path log = directory.resolve(source + ".log");
            Process gcc;
            try {
                gcc = new ProcessBuilder("gcc", "-O2", "-o", output.toString(), code.toString(), library)
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                unavailable = "gcc is not installed (Debian: apt-get install " + packages + ")";
                return false;
            }
            if (!gcc.waitFor(120, TimeUnit.SECONDS)) {
                gcc.destroyForcibly();
                unavailable = "gcc did not finish within 120 s";
                return false;
            }
            if (gcc.exitValue() != 0) {
                String errors = Files.readString(log);
                unavailable = errors.contains(header) || errors.contains(library)
                        ? "its development files are not installed (Debian: apt-get install " + packages + ")"
                        : "gcc failed: " + firstLine(errors);
                return false;
            }
            binary = output;
            return true;
        } catch (IOException e) {
            unavailable = "cannot write the helper source: " + e.getMessage();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable = "interrupted while compiling";
            return false;
        }
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline);
    }

    private void copyResource(String resource, Path target) throws IOException {
        try (InputStream in = NativeSrtpBench.class.getResourceAsStream(resource)) {
            Objects.requireNonNull(in, () -> "resource " + resource + " is missing from the jar");
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Why the helper cannot run, after a failed {@link #build}. */
    String unavailableReason() {
        return unavailable;
    }

    /** Runs the built helper for one suite, timing each operation for about {@code duration}. */
    Outcome run(String suite, Duration duration) {
        if (binary == null) {
            return Outcome.unavailable(unavailable == null ? "not built" : unavailable);
        }
        List<String> command = List.of(binary.toString(), suite,
                String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0));
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(duration.toSeconds() * 10 + 60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Outcome.unavailable(name + " did not finish");
            }
            if (process.exitValue() != 0) {
                return Outcome.unavailable(name + " failed: " + firstLine(err + out));
            }
            List<Double> values = new ArrayList<>();
            for (String line : out.split("\n")) {
                String[] fields = line.strip().split(" ");
                if (fields.length == 2 && (fields[0].equals("protect") || fields[0].equals("unprotect"))) {
                    values.add(Double.parseDouble(fields[1]));
                }
            }
            if (values.size() != 2) {
                return Outcome.unavailable(name + " printed no result: " + firstLine(out + err));
            }
            return Outcome.of(new SrtpThroughput.Result(values.get(0), values.get(1)));
        } catch (IOException | NumberFormatException e) {
            return Outcome.unavailable(name + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.unavailable("interrupted");
        }
    }
}
