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
import java.io.PrintWriter;
import java.io.StringWriter;
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
import picocli.CommandLine;

/** {@code sipshield serve --personality mx-one --client-verification MODE --mx-one-cert FILE}. */
@Timeout(60)
class ServeCommandMxOneTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path config() throws Exception {
        Path fixtures = Path.of("..", "..", "shared", "fixtures", "asterisk");
        AsteriskTlsFiles.in(Files.createDirectories(dir.resolve("keys")))
                .write(PKI.get(FixtureName.PBX_SERVER), List.of(PKI.get(FixtureName.TEST_ROOT).certificate()));
        for (String name : List.of("pjsip.conf", "extensions.conf")) {
            Files.writeString(dir.resolve(name), Files.readString(fixtures.resolve(name)).replace("@RUN_DIR@", dir.toString()));
        }
        return dir;
    }

    private CommandLine cli() {
        CommandLine cli = new CommandLine(new SipshieldCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    @Test
    void servesAsMxOneWithItsChainFileAndMandatoryClientVerification() throws Exception {
        Path config = config();
        Path eriSnCert = dir.resolve(MxOneChainFile.FILE_NAME);
        MxOneChainFile.write(eriSnCert, PKI.get(FixtureName.MX_ONE_SERVER));
        CommandLine cli = cli();
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(() -> cli.execute("serve", "--config",
                config.toString(), "--port", "0", "--for", "5", "--personality", "mx-one",
                "--client-verification", "mandatory", "--mx-one-cert", eriSnCert.toString()));
        Pattern listening = Pattern.compile("mock MX-ONE listening on 127\\.0\\.0\\.1:(\\d+)");
        await().atMost(Duration.ofSeconds(20)).until(() -> listening.matcher(out.toString()).find());
        Matcher port = listening.matcher(out.toString());
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
        assertEquals(ExitCodes.OK, serving.get(30, TimeUnit.SECONDS), out + "\n" + err);
        assertTrue(out.toString().contains("handshake failed"), out.toString());
    }

    @Test
    void clientVerificationWithoutMxOneIsUnusableInput() throws Exception {
        assertEquals(ExitCodes.INVALID_INPUT, cli().execute("serve", "--config", config().toString(), "--port", "0",
                "--for", "1", "--client-verification", "optional"));
        assertTrue(err.toString().contains("--client-verification is MX-ONE's TlsClientVerificationMode"), err.toString());
    }

    @Test
    void mxOneCertWithoutMxOneIsUnusableInput() throws Exception {
        Path eriSnCert = dir.resolve(MxOneChainFile.FILE_NAME);
        MxOneChainFile.write(eriSnCert, PKI.get(FixtureName.MX_ONE_SERVER));
        assertEquals(ExitCodes.INVALID_INPUT, cli().execute("serve", "--config", config().toString(), "--port", "0",
                "--for", "1", "--mx-one-cert", eriSnCert.toString()));
        assertTrue(err.toString().contains("--mx-one-cert needs --personality mx-one"), err.toString());
    }

    @Test
    void anUnknownModeOrPersonalityIsNamed() throws Exception {
        Path config = config();
        assertEquals(ExitCodes.INVALID_INPUT, cli().execute("serve", "--config", config.toString(), "--port", "0",
                "--for", "1", "--personality", "mx-one", "--client-verification", "required"));
        assertTrue(err.toString().contains("--client-verification: client verification mode 'required' is not one of: "
                + "none, optional, mandatory"), err.toString());
        assertEquals(ExitCodes.INVALID_INPUT, cli().execute("serve", "--config", config.toString(), "--port", "0",
                "--for", "1", "--personality", "cucm"));
        assertTrue(err.toString().contains("--personality: personality 'cucm' is not one of: asterisk, mx-one"),
                err.toString());
    }

    @Test
    void anEriSnCertPemOutOfOrderIsNamed() throws Exception {
        IssuedCertificate mxOne = PKI.get(FixtureName.MX_ONE_SERVER);
        Path eriSnCert = dir.resolve(MxOneChainFile.FILE_NAME);
        PemFiles.write(eriSnCert, PemFiles.certificates(mxOne.chain()));
        assertEquals(ExitCodes.INVALID_INPUT, cli().execute("serve", "--config", config().toString(), "--port", "0",
                "--for", "1", "--personality", "mx-one", "--mx-one-cert", eriSnCert.toString()));
        assertTrue(err.toString().startsWith("sipshield serve: --mx-one-cert: "), err.toString());
        assertTrue(err.toString().contains(MxOneChainFile.FILE_NAME), err.toString());
    }
}
