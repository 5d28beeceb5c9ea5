package io.sipshield.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.format.AsteriskTlsFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sipshield serve} in its own process, driven through its standard input as a user types at
 * it: Asterisk CLI commands answered, {@code core stop now} exits 0, and a closed stdin does not stop it.
 */
@Timeout(120)
class ServeConsoleProcessTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("sipshield.jar", "../harness/target/sipshield-harness.jar"));
        assertTrue(Files.isRegularFile(jar), "the harness module did not package " + jar);
    }

    /** The output of a running process, collected on its own thread. */
    private static final class Output {
        private final StringBuffer text = new StringBuffer();

        Output(InputStream stream) {
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try {
                    for (int n = stream.read(buffer); n >= 0; n = stream.read(buffer)) {
                        text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    text.append("(output unreadable: ").append(e.getMessage()).append(')');
                }
            }, "serve-output");
            reader.setDaemon(true);
            reader.start();
        }

        void await(Predicate<String> condition, String what) throws InterruptedException {
            for (int i = 0; i < 600 && !condition.test(text.toString()); i++) {
                Thread.sleep(50);
            }
            assertTrue(condition.test(text.toString()), what + ":\n" + text);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    private Process serve() throws IOException {
        Path fixtures = Path.of("..", "..", "shared", "fixtures", "asterisk");
        AsteriskTlsFiles.in(Files.createDirectories(dir.resolve("keys")))
                .write(PKI.get(FixtureName.PBX_SERVER), List.of(PKI.get(FixtureName.TEST_ROOT).certificate()));
        for (String name : List.of("pjsip.conf", "extensions.conf")) {
            Files.writeString(dir.resolve(name), Files.readString(fixtures.resolve(name)).replace("@RUN_DIR@", dir.toString()));
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "serve", "--config", dir.toString(), "--port", "0", "--console"));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void answersPjsipShowAndExitsZeroOnCoreStopNow() throws Exception {
        Process process = serve();
        try {
            Output output = new Output(process.getInputStream());
            output.await(text -> text.contains("listening on 127.0.0.1:"), "the mock listens");
            OutputStream typing = process.getOutputStream();
            typing.write("pjsip show transports\npjsip show endpoint 101\nfoo\ncore stop now\n".getBytes(StandardCharsets.UTF_8));
            typing.flush();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "core stop now stops it:\n" + output);
            assertEquals(0, process.exitValue(), output.toString());
            output.await(text -> text.contains("Stopping the mock Asterisk."), "the stop is acknowledged");
            assertTrue(output.toString().matches("(?s).*\nTransport:  transport-tls +tls +0 +0  127\\.0\\.0\\.1:\\d+\n.*"),
                    output.toString());
            assertTrue(output.toString().contains(" Endpoint:  101 "), output.toString());
            assertTrue(output.toString().contains(" media_encryption    : sdes"), output.toString());
            assertTrue(output.toString().contains("No such command 'foo'"), output.toString());
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void keepsServingWhenStandardInputIsClosedUntilItIsTerminated() throws Exception {
        Process process = serve();
        try {
            Output output = new Output(process.getInputStream());
            process.getOutputStream().close();
            output.await(text -> text.contains("listening on 127.0.0.1:"), "the mock listens");
            assertTrue(!process.waitFor(2, TimeUnit.SECONDS), "still serving with stdin closed:\n" + output);
            process.destroy(); // SIGTERM: the shutdown hook closes the mock
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops it:\n" + output);
        } finally {
            process.destroyForcibly();
        }
    }
}
