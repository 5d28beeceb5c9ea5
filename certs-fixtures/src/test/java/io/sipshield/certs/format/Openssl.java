package io.sipshield.certs.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the {@code openssl} command line as a reference implementation. Without it the interop tests
 * are skipped with the reason; in CI ({@code CI=true}) they fail instead, as the README promises.
 */
final class Openssl {

    private final Path workingDirectory;

    private Openssl(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    /** openssl in {@code workingDirectory}, or the test skipped (failed in CI) when it is not installed. */
    static Openssl in(Path workingDirectory) {
        String version = version();
        if (version == null) {
            String reason = "openssl is not installed (Debian: apt-get install openssl); the OpenSSL interop tests need it";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason);
            }
            Assumptions.assumeTrue(false, reason);
        }
        return new Openssl(workingDirectory);
    }

    private static String version() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0 ? out.strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code openssl args...} and requires exit code 0; returns stdout. */
    String run(String... args) throws Exception {
        Result result = runAllowingFailure(args);
        assertEquals(0, result.exitCode(), () -> "openssl " + String.join(" ", args) + " failed:\n" + result.stderr() + result.stdout());
        return result.stdout();
    }

    Result runAllowingFailure(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(workingDirectory, "openssl", ".out");
        Path stderr = Files.createTempFile(workingDirectory, "openssl", ".err");
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("openssl " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }
}
