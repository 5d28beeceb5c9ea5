package io.sipshield.harness.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.certs.IssuedCertificate;
import io.sipshield.certs.format.AsteriskTlsFiles;
import io.sipshield.certs.format.MxOneChainFile;
import io.sipshield.certs.format.PemFiles;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.tls.TlsReport;
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

/** {@code sipshield serve --personality mx-one --client-verification MODE --mx-one-cert FILE}. */
@Timeout(60)
class ServeCommandMxOneTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();

    @TempDir
    Path dir;

    private final CliConsole cli = new CliConsole();

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
    void servesAsMxOneWithItsChainFileAndMandatoryClientVerification() throws Exception {
        Path config = config();
        Path eriSnCert = dir.resolve(MxOneChainFile.FILE_NAME);
        MxOneChainFile.write(eriSnCert, PKI.get(FixtureName.MX_ONE_SERVER));
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(() -> cli.run("serve", "--config",
                config.toString(), "--port", "0", "--for", "5", "--personality", "mx-one",
                "--client-verification", "mandatory", "--mx-one-cert", eriSnCert.toString()));
        Pattern listening = Pattern.compile("mock MX-ONE listening on 127\\.0\\.0\\.1:(\\d+)");
        await().atMost(Duration.ofSeconds(20)).until(() -> listening.matcher(cli.out()).find());
        Matcher port = listening.matcher(cli.out());
        assertTrue(port.find());
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (Phone phone = Phone.create(DeviceProfiles.ALGO_8301_3_1, PhoneSettings.builder()
                .account("101", "pass101").serverHost("lim3.mx.sip.test")
                .serverAddress(new InetSocketAddress("127.0.0.1", Integer.parseInt(port.group(1))))
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate()).build(), loops)) {
            TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
            assertFalse(tls.established(), "mandatory: a phone without a certificate is refused");
            assertTrue(tls.failure().toUpperCase().contains("HANDSHAKE_FAILURE"), tls.failure());
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        assertEquals(ExitCodes.OK, serving.get(30, TimeUnit.SECONDS), cli.out() + "\n" + cli.err());
        assertTrue(cli.out().contains("handshake failed"), cli.out());
    }

    @Test
    void clientVerificationWithoutMxOneIsUnusableInput() throws Exception {
        assertEquals(ExitCodes.INVALID_INPUT, cli.run("serve", "--config", config().toString(), "--port", "0",
                "--for", "1", "--client-verification", "optional"));
        assertTrue(cli.err().contains("--client-verification is MX-ONE's TlsClientVerificationMode"), cli.err());
    }

    @Test
    void mxOneCertWithoutMxOneIsUnusableInput() throws Exception {
        Path eriSnCert = dir.resolve(MxOneChainFile.FILE_NAME);
        MxOneChainFile.write(eriSnCert, PKI.get(FixtureName.MX_ONE_SERVER));
        assertEquals(ExitCodes.INVALID_INPUT, cli.run("serve", "--config", config().toString(), "--port", "0",
                "--for", "1", "--mx-one-cert", eriSnCert.toString()));
        assertTrue(cli.err().contains("--mx-one-cert needs --personality mx-one"), cli.err());
    }

    @Test
    void anUnknownModeOrPersonalityIsNamed() throws Exception {
        Path config = config();
        assertEquals(ExitCodes.INVALID_INPUT, cli.run("serve", "--config", config.toString(), "--port", "0",
                "--for", "1", "--personality", "mx-one", "--client-verification", "required"));
        assertTrue(cli.err().contains("--client-verification: client verification mode 'required' is not one of: "
                + "none, optional, mandatory"), cli.err());
        assertEquals(ExitCodes.INVALID_INPUT, cli.run("serve", "--config", config.toString(), "--port", "0",
                "--for", "1", "--personality", "cucm"));
        assertTrue(cli.err().contains("--personality: personality 'cucm' is not one of: asterisk, mx-one"),
                cli.err());
    }

    @Test
    void anEriSnCertPemOutOfOrderIsNamed() throws Exception {
        IssuedCertificate mxOne = PKI.get(FixtureName.MX_ONE_SERVER);
        Path eriSnCert = dir.resolve(MxOneChainFile.FILE_NAME);
        PemFiles.write(eriSnCert, PemFiles.certificates(mxOne.chain()));
        assertEquals(ExitCodes.INVALID_INPUT, cli.run("serve", "--config", config().toString(), "--port", "0",
                "--for", "1", "--personality", "mx-one", "--mx-one-cert", eriSnCert.toString()));
        assertTrue(cli.err().startsWith("sipshield serve: --mx-one-cert: "), cli.err());
        assertTrue(cli.err().contains(MxOneChainFile.FILE_NAME), cli.err());
    }
}
