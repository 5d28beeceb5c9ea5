package io.sipshield.harness.mock.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.profile.SrtpPolicy;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
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

/**
 * The reference pjsip.conf (shared/fixtures/asterisk) with {@code media_encryption_optimistic}
 * on 101 and {@code srtp_tag_32} on 102, and an extensions.conf with the reference's echo (600) and
 * Dial (_10[1-3]) only: both options are applied, neither is warned about.
 */
@Timeout(60)
class EndpointMediaOptionsConfigTest {

    private static final Path FIXTURES = Path.of("..", "..", "shared", "fixtures", "asterisk");
    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    @TempDir
    Path runDir;

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The fixture files with keys in the run directory and the endpoint lines added after each section head. */
    private Path configDir(String endpoint101, String endpoint102) throws Exception {
        assertTrue(Files.isDirectory(FIXTURES), "missing " + FIXTURES.toAbsolutePath().normalize());
        Path keys = Files.createDirectories(runDir.resolve("keys"));
        AsteriskTlsFiles.in(keys).write(PKI.get(FixtureName.PBX_SERVER), List.of(PKI.get(FixtureName.TEST_ROOT).certificate()));
        String pjsip = Files.readString(FIXTURES.resolve("pjsip.conf")).replace("@RUN_DIR@", runDir.toString());
        assertTrue(pjsip.contains("[101](phone-tls)\n") && pjsip.contains("[102](phone-tls)\n"), "fixture layout changed");
        pjsip = pjsip.replace("[101](phone-tls)\n", "[101](phone-tls)\n" + endpoint101 + "\n")
                .replace("[102](phone-tls)\n", "[102](phone-tls)\n" + endpoint102 + "\n");
        Files.writeString(runDir.resolve("pjsip.conf"), pjsip);
        Files.writeString(runDir.resolve("extensions.conf"), String.join("\n", "[general]", "static = yes", "",
                "[phones]", "exten => 600,1,Answer()", " same => n,Echo()", " same => n,Hangup()",
                "exten => _10[1-3],1,Dial(PJSIP/${EXTEN},30)", " same => n,Hangup()", ""));
        return runDir;
    }

    private static Phone phone(MockAsterisk pbx, String user, SrtpPolicy policy) throws Exception {
        Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2.withSrtp(policy), PhoneSettings.builder()
                .account(user, "pass" + user).serverHost("pbx.sip.test").serverAddress(pbx.address())
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate()).build(), LOOPS);
        assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established());
        return phone;
    }

    @Test
    void optimisticAndTag32AreAppliedWithoutWarnings() throws Exception {
        MockAsteriskConfiguration.Loaded loaded = MockAsteriskConfiguration.load(
                configDir("media_encryption_optimistic = yes", "srtp_tag_32 = yes"));
        assertTrue(loaded.warnings().stream().noneMatch(w -> w.option().equals("media_encryption_optimistic")
                || w.option().equals("srtp_tag_32") || w.message().contains("not applied")), loaded.warnings().toString());
        try (MockAsterisk pbx = loaded.builder().port(0).eventLoopGroup(LOOPS).build().start();
             Phone alice = phone(pbx, "101", SrtpPolicy.ALGO_OPTIONAL);
             Phone bob = phone(pbx, "102", SrtpPolicy.CISCO_79X1_ENCRYPTED)) {
            Call echo = alice.call("600").get(10, TimeUnit.SECONDS);
            assertEquals(200, echo.status());
            assertEquals("RTP/AVP", echo.mediaProfile(), "optimistic 101 answers crypto in RTP/AVP");
            MediaStats media = echo.sendMedia(ToneSource.milliwatt(G711.PCMU), Duration.ofMillis(200)).get(10, TimeUnit.SECONDS);
            assertEquals(media.sent(), media.verified());
            assertEquals(200, echo.hangup().get(10, TimeUnit.SECONDS));

            assertEquals(200, bob.register().get(10, TimeUnit.SECONDS).status());
            Call dial = alice.call("102").get(10, TimeUnit.SECONDS);
            assertEquals(200, dial.status(), "exten _10[1-3] Dial(PJSIP/102) reaches bob");
            for (int i = 0; i < 250 && bob.incomingCalls().isEmpty(); i++) {
                Thread.sleep(20);
            }
            assertEquals(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32,
                    bob.incomingCalls().values().iterator().next().suite(), "srtp_tag_32 on 102: the mock offers _32");
            assertEquals(200, dial.hangup().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void optimisticOnAPlainEndpointIsWarnedAsWithoutEffect() throws Exception {
        // the later media_encryption overrides the template's sdes, as in Asterisk's config reader
        Path dir = configDir("", "media_encryption = no\nmedia_encryption_optimistic = yes");
        MockAsteriskConfiguration.Loaded loaded = MockAsteriskConfiguration.load(dir);
        assertTrue(loaded.warnings().stream().anyMatch(w -> w.option().equals("media_encryption_optimistic")
                && w.message().contains("no effect with media_encryption=no")), loaded.warnings().toString());
    }
}
