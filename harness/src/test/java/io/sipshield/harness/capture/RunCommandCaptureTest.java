package io.sipshield.harness.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.harness.cli.ExitCodes;
import io.sipshield.harness.cli.SipshieldCommand;
import io.sipshield.harness.run.LiveScenarioExecutor;
import io.sipshield.harness.run.Observation;
import io.sipshield.harness.run.ScenarioExecutor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sipshield run --capture DIR} on the checked-in SDES-SRTP echo scenario, read back by tshark. */
@Tag("slow")
@Timeout(120)
class RunCommandCaptureTest {

    private static final Path SCENARIO = Path.of("..", "scenarios", "digium", "register-call-srtp-echo.yaml");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(Supplier<ScenarioExecutor> executors, String... args) {
        CommandLine cli = new CommandLine(new SipshieldCommand(executors, false));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void capturesTheScenarioIntoFilesTsharkDecrypts() throws Exception {
        Path captures = dir.resolve("captures");
        assertEquals(ExitCodes.OK, execute(LiveScenarioExecutor::new, "run", "--capture", captures.toString(),
                SCENARIO.toString()), () -> out + "\n" + err);

        Path pcapng = captures.resolve("register-call-srtp-echo.pcapng");
        try (Stream<Path> files = Files.list(captures)) {
            assertEquals(List.of("register-call-srtp-echo.decode-as", "register-call-srtp-echo.keys",
                            "register-call-srtp-echo.pcapng", "register-call-srtp-echo.srtp-keys"),
                    files.map(file -> file.getFileName().toString()).sorted().toList());
        }
        assertTrue(out.toString().contains("  capture: " + pcapng + " ("), out::toString);

        String decodeAs = Files.readAllLines(captures.resolve("register-call-srtp-echo.decode-as")).get(2)
                .replace("#   tshark ", "").replaceFirst(" -r .*", "");
        List<String> arguments = new java.util.ArrayList<>(List.of("-n", "-r", pcapng.toString()));
        arguments.addAll(List.of(decodeAs.split(" ")));
        arguments.addAll(List.of("-Y", "sip.Method", "-T", "fields", "-e", "sip.Method"));
        List<String> methods = Tshark.run(arguments.toArray(String[]::new));
        assertEquals(List.of("REGISTER", "REGISTER", "INVITE", "ACK", "INVITE", "ACK", "BYE"), methods,
                "challenged REGISTER and INVITE, each ACKed, then BYE: what the mock saw, read from the capture");
    }

    @Test
    void aCaptureNeedsTheLiveExecutor() {
        ScenarioExecutor fake = scenario -> new Observation(null, Map.of(), null, null, null, List.of());
        assertEquals(ExitCodes.INVALID_INPUT, execute(() -> fake, "run", "--capture", dir.toString(),
                SCENARIO.toString()));
        assertEquals("sipshield run: --capture needs scenarios run live\n", err.toString());
    }

    @Test
    void aCaptureDirectoryThatCannotBeCreatedIsUnusableInput() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertEquals(ExitCodes.INVALID_INPUT, execute(LiveScenarioExecutor::new, "run", "--capture",
                file.resolve("captures").toString(), SCENARIO.toString()));
        assertTrue(err.toString().startsWith("sipshield run: --capture: cannot create " + file.resolve("captures")),
                err::toString);
    }
}
