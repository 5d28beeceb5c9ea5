package io.sipshield.harness.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.format.AsteriskTlsFiles;
import io.sipshield.certs.format.CertificateFileContents;
import io.sipshield.certs.format.CertificateFiles;
import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.emulator.ua.RegistrationResult;
import io.sipshield.harness.cli.CliConsole;
import io.sipshield.harness.cli.ExitCodes;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class BenchLoadServerCommandTest {

    @TempDir
    Path dir;

    private final CliConsole cli = new CliConsole();

    @Test
    void servesTheLoadEndpointsWithTheRootItWritesAndPrintsStats() throws Exception {
        Path pki = dir.resolve("pki");
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(() -> cli.run("bench",
                "load-server", "--phones", "3", "--first-number", "500", "--pki-out", pki.toString(), "--for", "8",
                "--stats-interval", "1", "--threads", "1"));
        Matcher listening = null;
        for (int i = 0; i < 200 && (listening == null || !listening.find()); i++) {
            TimeUnit.MILLISECONDS.sleep(50);
            listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(cli.out());
        }
        assertTrue(listening != null && listening.find(0), cli::out);
        int port = Integer.parseInt(listening.group(1));
        AsteriskTlsFiles files = AsteriskTlsFiles.in(pki);
        assertTrue(Files.exists(files.certFile()) && Files.exists(files.privKeyFile()));
        CertificateFileContents root = CertificateFiles.read(files.caListFile());
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        long sent;
        try (Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                .account("501", "pass501").serverHost("pbx.sip.test")
                .serverAddress(new InetSocketAddress("127.0.0.1", port)).trust(root.certificates().get(0)).build(),
                loops)) {
            assertTrue(phone.connect().get(20, TimeUnit.SECONDS).established());
            RegistrationResult registered = phone.register().get(20, TimeUnit.SECONDS);
            assertTrue(registered.registered(), registered::toString);
            Call call = phone.call("600").get(20, TimeUnit.SECONDS);
            assertEquals(200, call.status());
            sent = call.sendMedia(ToneSource.milliwatt(G711.PCMU), Duration.ofMillis(400)).get(20, TimeUnit.SECONDS)
                    .sent();
            assertEquals(200, call.hangup().get(20, TimeUnit.SECONDS));
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        assertEquals(ExitCodes.OK, serving.get(30, TimeUnit.SECONDS));
        String text = cli.out();
        assertTrue(text.contains("final ") && text.matches("(?s).*final t=[0-9.]+s contacts=\\d+ handshakes=1 full=1 "
                + "resumed=0 cpu=.* channels=0 srtp_ok=" + sent + " srtp_auth_failures=0 srtp_rejected=0\\R.*"), text);
        assertTrue(sent >= 15, "the call sent its 400 ms of 20 ms frames: " + sent);
    }

    @Test
    void aBadResumptionIsUnusableInput() {
        int exit = cli.run("bench", "load-server", "--phones", "3", "--resumption", "sometimes");
        assertEquals(ExitCodes.INVALID_INPUT, exit);
        assertTrue(cli.err().contains("'sometimes' is not one of both, ids, tickets, none"), cli::err);
    }

    @Test
    void tooManyPhonesIsUnusableInput() {
        assertEquals(ExitCodes.INVALID_INPUT, cli.run("bench", "load-server", "--phones", "0"));
        assertTrue(cli.err().contains("--phones must be 1 to 100000"), cli::err);
    }
}
