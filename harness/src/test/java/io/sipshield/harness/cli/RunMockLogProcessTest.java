package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sipshield run} in a JVM of its own on a suite whose cases make the mock log Asterisk-style warnings (a
 * phone without the client certificate the transport requires): the warnings go to the report directory's
 * {@code mock.log}, not between the results on the console; {@code -Dsipshield.log=warn} keeps them on the console.
 */
@Timeout(180)
class RunMockLogProcessTest {

    private static final Path SUITE = Path.of("..", "scenarios", "asterisk", "client-certificates.yaml").toAbsolutePath();

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String out, String err) {
    }

    private Outcome run(List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertTrue(process.waitFor(170, TimeUnit.SECONDS), "the run did not end: " + Files.readString(out));
        return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void theMocksWarningsGoToMockLogInTheReportDirectoryNotToTheConsole() throws Exception {
        Path reports = dir.resolve("reports");
        Outcome run = run(List.of(), "run", "--report-dir", reports.toString(), SUITE.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        String mockLog = Files.readString(reports.resolve(MockLogRouting.FILE_NAME));
        // require-no-cert: the handshake fails without a certificate; require-verify-untrusted: closed after it
        assertTrue(mockLog.contains("WARN"), mockLog);
        assertTrue(mockLog.contains("closing"), mockLog);
        assertFalse(run.err().contains("WARN"), "the console keeps only sipshield's own warnings: " + run.err());
        assertTrue(run.out().contains("The mock's log: "), run.out());
        assertTrue(run.out().contains(reports.resolve(MockLogRouting.FILE_NAME).toString()), run.out());
        assertTrue(Files.exists(reports.resolve("junit.xml")), "the reports are there too");
    }

    @Test
    void aLogLevelAskedForKeepsTheMocksLogOnTheConsole() throws Exception {
        Path reports = dir.resolve("reports");
        Outcome run = run(List.of("-Dsipshield.log=warn"), "run", "--report-dir", reports.toString(), SUITE.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("WARN"), run.err());
        assertFalse(Files.exists(reports.resolve(MockLogRouting.FILE_NAME)));
        assertFalse(run.out().contains("The mock's log"), run.out());
    }
}
