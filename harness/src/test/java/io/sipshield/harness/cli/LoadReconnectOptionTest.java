package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.format.PemFiles;
import io.sipshield.emulator.fault.CloseConnection;
import io.sipshield.emulator.fault.FaultMoment;
import io.sipshield.emulator.ua.ReconnectPolicy;
import io.sipshield.harness.load.LoadMock;
import io.sipshield.harness.load.LoadRun;
import io.sipshield.harness.mock.DialplanApp;
import io.sipshield.harness.mock.MediaEncryption;
import io.sipshield.harness.mock.MockAor;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.MockEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code sipshield load --reconnect none|rfc5626|BASE:MAX}: the policy it reads, the errors it gives, and
 * a run against a target that closes each phone's first connection right after its REGISTER 200 OK: with
 * a policy every phone reconnects and registers again; without one every phone is lost.
 */
@Timeout(120)
class LoadReconnectOptionTest {

    private static final int PHONES = 2;

    /** One test PKI for the target's certificate and the root the phones trust. */
    private static final FixtureCatalog PKI = FixtureCatalog.create();

    @TempDir
    Path dir;

    private final CliConsole cli = new CliConsole();

    @Test
    void readsNoneRfc5626AndBaseColonMax() throws UnusableInput {
        assertEquals(ReconnectPolicy.NONE, LoadCommand.reconnect("none"));
        assertEquals(ReconnectPolicy.rfc5626(), LoadCommand.reconnect("RFC5626"));
        assertEquals(ReconnectPolicy.of(Duration.ofMillis(200), Duration.ofSeconds(2)), LoadCommand.reconnect("200ms:2s"));
        assertEquals(ReconnectPolicy.of(Duration.ofSeconds(1), Duration.ofMinutes(1)), LoadCommand.reconnect("1:1m"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sometimes  | --reconnect: 'sometimes' is not a policy; expected none, rfc5626 or BASE:MAX",
        "2s:1s      | --reconnect: MAX (1000 ms) must be at least BASE (2000 ms)",
        "0:1s       | --reconnect: BASE must be more than 0",
        "fast:1s    | --reconnect BASE: 'fast' is not a duration",
        "1s:        | --reconnect MAX: '' is not a duration"})
    void aBadPolicyIsUnusableInputNamingTheOption(String value, String message) {
        UnusableInput e = assertThrows(UnusableInput.class, () -> LoadCommand.reconnect(value));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(ExitCodes.INVALID_INPUT, cli.command("load", "--phones", "1", "--reconnect", value));
        assertTrue(cli.err().contains(message), cli.err());
    }

    @Test
    void withAPolicyEveryDroppedPhoneReconnectsAndRegistersAgain() throws Exception {
        try (MockAsterisk target = closingTarget()) {
            Path json = dir.resolve("load.json");
            int code = cli.command("load", targetArgs(target, "--reconnect", "200ms:1s", "--json", json.toString()));

            assertEquals(ExitCodes.OK, code, cli.out() + "\n" + cli.err());
            assertTrue(cli.out().contains("connection drops " + PHONES + ", recovered " + PHONES), cli.out());
            JsonNode counts = JsonMapper.builder().build().readTree(json.toFile()).path("counts");
            assertEquals(PHONES, counts.path("connection_drops").asInt());
            assertEquals(PHONES, counts.path("recoveries").asInt());
        }
    }

    @Test
    void withoutAPolicyEveryDroppedPhoneIsLost() throws Exception {
        try (MockAsterisk target = closingTarget()) {
            Path json = dir.resolve("load.json");
            // without recovery the phone finds its connection gone when it next writes a keep-alive
            int code = cli.command("load", targetArgs(target, "--reconnect", "none", "--keepalive", "0.3", "--json",
                    json.toString()));

            assertEquals(ExitCodes.FAILED, code, cli.out() + "\n" + cli.err());
            JsonNode root = JsonMapper.builder().build().readTree(json.toFile());
            assertEquals(0, root.path("counts").path("recoveries").asInt(), root.toPrettyString());
            assertEquals(PHONES, root.path("failures").path("connection closed").asInt(), root.toPrettyString());
        }
    }

    private String[] targetArgs(MockAsterisk target, String... more) throws Exception {
        Path root = dir.resolve("root.pem");
        Files.writeString(root, PemFiles.certificates(List.of(LoadMock.root(PKI))));
        List<String> args = new java.util.ArrayList<>(List.of("--phones", Integer.toString(PHONES), "--rate", "20",
                "--duration", "3", "--timeout", "10",
                "--target", "127.0.0.1:" + target.address().getPort(), "--trust", root.toString(),
                "--server-name", LoadMock.SERVER_NAME));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The load-test endpoints on 127.0.0.1, closing each of the first {@value #PHONES} connections after its 200 OK. */
    private static MockAsterisk closingTarget() {
        MockAsterisk.Builder builder = MockAsterisk.builder().certificate(LoadMock.certificate(PKI))
                .bindAddress("127.0.0.1").port(0)
                .extension(LoadRun.DEFAULT_EXTENSION, DialplanApp.ECHO)
                .faults(List.of(new CloseConnection(FaultMoment.AFTER_REGISTER, Duration.ofMillis(100), PHONES, false)));
        MockAor aor = MockAor.onePhone().withExpirations(3600, 1, 7200);
        for (int i = 0; i < PHONES; i++) {
            String user = Integer.toString(1000 + i);
            builder.endpoint(new MockEndpoint(user, LoadRun.MOCK_PASSWORD_TEMPLATE.replace("{user}", user),
                    MediaEncryption.SDES).withAor(aor).withMediaEncryptionOptimistic(true));
        }
        return builder.build().start();
    }
}
