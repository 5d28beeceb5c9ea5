package io.sipshield.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.format.AsteriskTlsFiles;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfiles;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ServeCommandTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();

    @TempDir
    Path dir;

    private Path config() throws Exception {
        Path fixtures = Path.of("..", "..", "shared", "fixtures", "asterisk");
        AsteriskTlsFiles.in(Files.createDirectories(dir.resolve("keys")))
                .write(PKI.get(FixtureName.PBX_SERVER), List.of(PKI.get(FixtureName.TEST_ROOT).certificate()));
        for (String name : List.of("pjsip.conf", "extensions.conf")) {
            Files.writeString(dir.resolve(name), Files.readString(fixtures.resolve(name)).replace("@RUN_DIR@", dir.toString()));
        }
        return dir;
    }

    @Test
    void servesTheConfigurationAndLogsWhatArrives() throws Exception {
        CliConsole cli = new CliConsole();
        Path config = config();
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(
                () -> cli.run("serve", "--config", config.toString(), "--port", "0", "--for", "6"));
        Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
        await().atMost(Duration.ofSeconds(20)).until(() -> listening.matcher(cli.out()).find());
        Matcher port = listening.matcher(cli.out());
        assertTrue(port.find());
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                .account("101", "pass101").serverHost("pbx.sip.test")
                .serverAddress(new InetSocketAddress("127.0.0.1", Integer.parseInt(port.group(1))))
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate()).build(), loops)) {
            assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
            assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        Integer exit = serving.get(30, TimeUnit.SECONDS);
        assertNotNull(exit);
        assertEquals(0, exit, cli.out());
        assertTrue(cli.out().contains("warning: pjsip.conf"), cli.out());
        assertTrue(cli.out().matches("(?s).*REGISTER sip:pbx\\.sip\\.test;transport=tls from /127\\.0\\.0\\.1:\\d+ \\(TLSv1\\.2, .*"),
                cli.out());
    }

    @Test
    void aMissingConfigurationIsUnusableInput() {
        CliConsole cli = new CliConsole();
        assertEquals(2, cli.run("serve", "--config", dir.resolve("nowhere").toString()));
        assertTrue(cli.err().startsWith("sipshield serve: "), cli.err());
        assertTrue(cli.err().contains("pjsip.conf"), cli.err());
    }
}
