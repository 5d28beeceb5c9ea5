package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine where Netty's native epoll cannot load, made here with Netty's own switch
 * ({@code -Dio.netty.transport.noNative=true}) in a JVM of its own: {@code --transport epoll} is refused with the
 * reason and exit 2, never quietly run on NIO, and {@code auto} runs on NIO and says so.
 */
@Timeout(120)
class TransportWithoutEpollProcessTest {

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String console) {
    }

    private Outcome run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dio.netty.transport.noNative=true",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path log = dir.resolve("console.txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(100, TimeUnit.SECONDS), "the process did not end: " + Files.readString(log));
        return new Outcome(process.exitValue(), Files.readString(log));
    }

    @Test
    void epollAskedForWhereItCannotLoadIsRefusedWithTheReason() throws Exception {
        Outcome refused = run("load", "--phones", "1", "--transport", "epoll");
        assertEquals(ExitCodes.INVALID_INPUT, refused.exitCode(), refused.console());
        assertTrue(refused.console().contains("--transport: epoll is not available on this machine"), refused.console());
        assertTrue(refused.console().contains("use nio or auto"), refused.console());
        assertTrue(!refused.console().contains("registered"), "nothing ran: " + refused.console());
    }

    @Test
    void autoRunsOnNioWhereEpollCannotLoadAndTheReportSaysSo() throws Exception {
        Path json = dir.resolve("load.json");
        Outcome ran = run("load", "--phones", "2", "--rate", "20/s", "--threads", "1", "--timeout", "30",
                "--json", json.toString());
        assertEquals(ExitCodes.OK, ran.exitCode(), ran.console());
        assertTrue(ran.console().contains(", nio transport"), ran.console());
        assertEquals("nio", JsonMapper.builder().build().readTree(json.toFile()).path("run").path("transport").asText());
    }
}
