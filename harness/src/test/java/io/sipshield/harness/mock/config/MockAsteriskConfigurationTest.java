package io.sipshield.harness.mock.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.format.AsteriskTlsFiles;
import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.media.MediaStats;
import io.sipshield.emulator.media.ToneDetector;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.harness.mock.MockAsterisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The reference Asterisk configuration (shared/fixtures/asterisk) drives the mock as it drove a real Asterisk 22. */
@Timeout(60)
class MockAsteriskConfigurationTest {

    private static final Path FIXTURES = Path.of("..", "..", "shared", "fixtures", "asterisk");
    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    @TempDir
    Path runDir;

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The fixture files with @RUN_DIR@ pointing at generated keys, as the real instance had them. */
    private Path configDir() throws Exception {
        assertTrue(Files.isDirectory(FIXTURES), "missing " + FIXTURES.toAbsolutePath().normalize()
                + ": the tests expect the project's shared/ folder beside the checkout");
        Path keys = Files.createDirectories(runDir.resolve("keys"));
        AsteriskTlsFiles.in(keys).write(PKI.get(FixtureName.PBX_SERVER), List.of(PKI.get(FixtureName.TEST_ROOT).certificate()));
        for (String name : List.of("pjsip.conf", "extensions.conf")) {
            String text = Files.readString(FIXTURES.resolve(name)).replace("@RUN_DIR@", runDir.toString());
            Files.writeString(runDir.resolve(name), text);
        }
        return runDir;
    }

    @Test
    void theReferenceConfigurationRegistersAndEchoesLikeTheRealInstance() throws Exception {
        MockAsteriskConfiguration.Loaded loaded = MockAsteriskConfiguration.load(configDir());
        assertTrue(loaded.warnings().stream().anyMatch(w -> w.message().contains("transport-udp")), loaded.warnings().toString());
        assertTrue(loaded.warnings().stream().anyMatch(w -> w.toString().startsWith("extensions.conf:26: extension 603")
                && w.message().contains("prompt 'peers-tone' is not built in")), loaded.warnings().toString());
        assertEquals(1, loaded.warnings().stream().filter(w -> w.message().contains("peers-tone")).count(),
                "three endpoints share [phones]: the warning is given once");
        assertTrue(loaded.warnings().stream().noneMatch(w -> w.message().contains("not executed")),
                loaded.warnings().toString());
        try (MockAsterisk pbx = loaded.builder().port(0).eventLoopGroup(LOOPS).build().start();
             Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                     .account("101", "pass101").serverHost("pbx.sip.test").serverAddress(pbx.address())
                     .trust(PKI.get(FixtureName.TEST_ROOT).certificate()).build(), LOOPS)) {
            assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
            assertEquals("TLSv1.2", pbx.tlsConnections().get(0).protocol(), "method = tlsv1_2");
            assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
            Call call = phone.call("600").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status());
            MediaStats media = call.sendMedia(ToneSource.milliwatt(G711.PCMU), Duration.ofSeconds(1)).get(10, TimeUnit.SECONDS);
            assertEquals(media.sent(), media.verified());
            assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
            Call milliwatt = phone.call("601").get(10, TimeUnit.SECONDS);
            assertEquals(200, milliwatt.status(), "601: Answer(), Milliwatt(m)");
            ToneDetector tone = ToneDetector.builder().frequency(1004).build();
            milliwatt.addSink(tone);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (tone.report().toneFrames() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(tone.report().toneFrames() >= 10 && tone.report().present(), tone.report().toString());
            assertEquals(200, milliwatt.hangup().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aWrongPasswordInPjsipConfIsAWrongPasswordOnTheWire() throws Exception {
        Path dir = configDir();
        Path pjsip = dir.resolve("pjsip.conf");
        Files.writeString(pjsip, Files.readString(pjsip).replace("password = pass101", "password = other"));
        try (MockAsterisk pbx = MockAsteriskConfiguration.load(dir).builder().port(0).eventLoopGroup(LOOPS).build().start();
             Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                     .account("101", "pass101").serverHost("pbx.sip.test").serverAddress(pbx.address())
                     .trust(PKI.get(FixtureName.TEST_ROOT).certificate()).build(), LOOPS)) {
            phone.connect().get(10, TimeUnit.SECONDS);
            assertEquals(401, phone.register().get(10, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void everyPriorityIsMappedAndWhatRunsDifferentlyIsAWarningWithItsLine() throws Exception {
        Path dir = configDir();
        Path extensions = dir.resolve("extensions.conf");
        List<String> lines = Files.readAllLines(extensions);
        int first = lines.size() + 1;
        Files.writeString(extensions, String.join("\n", lines) + "\n"
                + "exten => 700,1,Answer()\n"
                + " same => n,Dial(PJSIP/102)\n"
                + " same => n,Playback(beep&tt-monkeys)\n"
                + "exten => 701,1,Wait(0.1)\n"
                + " same => n,Hangup(21)\n");
        MockAsteriskConfiguration.Loaded loaded = MockAsteriskConfiguration.load(dir);
        List<String> warnings = loaded.warnings().stream().map(Object::toString).toList();
        assertTrue(warnings.contains("extensions.conf:" + (first + 1) + ": extension 700 priority 2: Dial() after Answer() "
                + "is not bridged by the mock: it ends with DIALSTATUS=CHANUNAVAIL"), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("extensions.conf:" + (first + 2) + ": extension 700 priority 3: "
                + "prompt 'tt-monkeys' is not built in")), warnings.toString());
        assertTrue(warnings.stream().noneMatch(w -> w.contains("'beep'")), "beep is built in: " + warnings);
        try (MockAsterisk pbx = loaded.builder().port(0).eventLoopGroup(LOOPS).build().start();
             Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                     .account("101", "pass101").serverHost("pbx.sip.test").serverAddress(pbx.address())
                     .trust(PKI.get(FixtureName.TEST_ROOT).certificate()).build(), LOOPS)) {
            phone.connect().get(10, TimeUnit.SECONDS);
            assertEquals(403, phone.call("701").get(10, TimeUnit.SECONDS).status(), "Hangup(21): call rejected");
        }
    }

    @Test
    void aMissingCertificateFileNamesTheFile() throws Exception {
        Path dir = configDir();
        Files.delete(dir.resolve("keys").resolve("asterisk.crt"));
        ConfigFileException e = assertThrows(ConfigFileException.class, () -> MockAsteriskConfiguration.load(dir));
        assertTrue(e.getMessage().contains("asterisk.crt"), e.getMessage());
    }

    @Test
    void aConfigurationWithoutATlsTransportIsRefused() throws Exception {
        Path dir = configDir();
        Path pjsip = dir.resolve("pjsip.conf");
        Files.writeString(pjsip, Files.readString(pjsip).replace("protocol = tls", "protocol = tcp"));
        ConfigFileException e = assertThrows(ConfigFileException.class, () -> MockAsteriskConfiguration.load(dir));
        assertTrue(e.getMessage().contains("no transport with protocol=tls"), e.getMessage());
    }
}
