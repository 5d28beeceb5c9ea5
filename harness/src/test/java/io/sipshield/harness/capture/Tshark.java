package io.sipshield.harness.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Wireshark's {@code tshark} on a capture. Without tshark a test fails when {@code CI} is set
 * (CI must install it: {@code apt-get install tshark}) and is skipped otherwise.
 */
final class Tshark {

    private Tshark() {
    }

    /** The tshark binary on the PATH; fails or skips the test when there is none. */
    static Path require() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "tshark");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = "tshark is not installed (apt-get install -y tshark); it checks that Wireshark decrypts the capture";
        if (System.getenv("CI") != null) {
            fail(message + " and CI is set");
        }
        Assumptions.abort(message);
        return null;
    }

    /** tshark's standard output, one line per element; the run must succeed. */
    static List<String> run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(require().toString());
        command.addAll(Arrays.asList(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("tshark did not finish within 60 s: " + command);
        }
        assertEquals(0, process.exitValue(), () -> "tshark failed: " + command);
        return out.lines().toList();
    }
}
