package io.sipshield.harness.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.capture.TlsKeyLogExport;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.emulator.tls.TlsReport;
import io.sipshield.harness.cli.SipshieldCommand;
import io.sipshield.harness.mock.DialplanApp;
import io.sipshield.harness.mock.MediaEncryption;
import io.sipshield.harness.mock.MockAsterisk;
import io.sipshield.harness.mock.MockEndpoint;
import io.sipshield.harness.pcap.PcapReader;
import io.sipshield.harness.run.LiveScenarioExecutor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A real phone against the real mock on loopback (TLS 1.2 on BoringSSL, SDES-SRTP echo call),
 * captured; then Wireshark's tshark reads the SIP with nothing but the file (its DSB), and
 * {@code sipshield srtp decrypt-pcap} decrypts both directions of the media with the .srtp-keys lines.
 */
@Tag("slow")
@Timeout(120)
class CaptureLoopbackTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private static Path shared;
    private static CaptureContents call;
    private static WrittenCapture written;

    @TempDir
    Path dir;

    @BeforeAll
    static void captureOneCall(@TempDir Path tmp) throws Exception {
        shared = tmp;
        call = capturedCall(PhoneSettings.TlsProvider.BORINGSSL);
        written = new CaptureDirectory(shared).write(Path.of("scenarios", "register-call-srtp-echo.yaml"), call);
    }

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static CaptureContents capturedCall(PhoneSettings.TlsProvider provider) throws Exception {
        ScenarioCapture capture = new ScenarioCapture();
        try (MockAsterisk pbx = MockAsterisk.builder()
                .certificate(PKI.get(FixtureName.PBX_SERVER))
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .extension("600", DialplanApp.ECHO)
                .port(0)
                .eventLoopGroup(LOOPS)
                .build().start();
             Phone phone = Phone.create(DeviceProfiles.DIGIUM_D6X_2_9_2, PhoneSettings.builder()
                     .account("101", "pass101")
                     .serverHost("pbx.sip.test")
                     .serverAddress(pbx.address())
                     .trust(PKI.get(FixtureName.TEST_ROOT).certificate())
                     .tlsProvider(provider)
                     .capture(capture, capture)
                     .build(), LOOPS)) {
            TlsReport tls = phone.connect().get(10, TimeUnit.SECONDS);
            assertTrue(tls.established(), () -> String.valueOf(tls.failure()));
            assertEquals(200, phone.register().get(10, TimeUnit.SECONDS).status());
            Call answered = phone.call("600").get(10, TimeUnit.SECONDS);
            assertEquals(200, answered.status());
            answered.sendMedia(ToneSource.milliwatt(G711.PCMU), Duration.ofSeconds(1)).get(10, TimeUnit.SECONDS);
            assertEquals(200, answered.hangup().get(10, TimeUnit.SECONDS));
        }
        return capture.contents();
    }

    private static List<String> sipSeenByTshark(WrittenCapture capture) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("-n", "-r", capture.pcapng().toString()));
        for (String option : CaptureDirectory.decodeAs(capture.decodeAsPorts()).split(" ")) {
            arguments.add(option);
        }
        arguments.addAll(List.of("-Y", "sip", "-T", "fields", "-e", "sip.Method", "-e", "sip.Status-Code"));
        return Tshark.run(arguments.toArray(String[]::new)).stream().map(String::strip).toList();
    }

    @Test
    void tsharkReadsTheSipWithTheSecretsBlockAlone() throws Exception {
        List<String> sip = sipSeenByTshark(written);
        for (String expected : List.of("REGISTER", "INVITE", "ACK", "BYE", "401", "200")) {
            assertTrue(sip.contains(expected), () -> expected + " missing from what tshark decrypted: " + sip);
        }
        assertEquals(3, sip.stream().filter(line -> line.equals("200")).count(),
                () -> "a 200 each to REGISTER, INVITE and BYE: " + sip);
    }

    @Test
    void withoutTheSecretsBlockTsharkSeesTlsButNoSip() throws Exception {
        CaptureContents noSecrets = new CaptureContents(call.frames(), List.of(), call.srtpKeys(), call.notes(),
                call.tlsServerPorts());
        WrittenCapture bare = new CaptureDirectory(dir).write(Path.of("bare.yaml"), noSecrets);
        assertEquals(List.of(), sipSeenByTshark(bare));
        List<String> records = Tshark.run("-n", "-r", bare.pcapng().toString(), "-Y", "tls", "-T", "fields",
                "-e", "frame.number");
        assertTrue(records.size() > 5, "the TLS records are there, only unreadable: " + records);
    }

    @Test
    void tsharkFollowsOneTcpStreamWithNoSequenceAnalysisProblems() throws Exception {
        List<String> streams = Tshark.run("-n", "-r", written.pcapng().toString(), "-Y", "tcp", "-T", "fields",
                "-e", "tcp.stream");
        assertEquals(List.of("0"), streams.stream().distinct().toList());
        List<String> problems = Tshark.run("-n", "-r", written.pcapng().toString(), "-Y",
                "tcp.analysis.flags || tcp.checksum.status == 0 || ip.checksum.status == 0 || udp.checksum.status == 0",
                "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                "-T", "fields", "-e", "frame.number");
        assertEquals(List.of(), problems, "frames with TCP analysis flags or bad checksums");
    }

    @Test
    void decryptPcapRecoversTheMediaOfBothDirections() throws Exception {
        List<String> keys = Files.readAllLines(written.srtpKeys(), StandardCharsets.US_ASCII).stream()
                .filter(line -> !line.startsWith("#")).toList();
        assertEquals(2, keys.size(), "the phone's key and the echo's");
        for (String key : keys) {
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new SipshieldCommand(LiveScenarioExecutor::new, false));
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(out));
            Path plain = dir.resolve("plain-" + keys.indexOf(key) + ".pcap");
            int exit = cli.execute("srtp", "decrypt-pcap", "--crypto", key, written.pcapng().toString(),
                    plain.toString());
            assertEquals(0, exit, out::toString);
            assertTrue(out.toString().contains("50 decrypted, 0 failed authentication"), out::toString);
            assertEquals(PcapReader.read(written.pcapng()).size(), PcapReader.read(plain).size());
        }
    }

    @Test
    void theFilesHoldTheSameKeyLogAndOnlyTheOwnerMayReadThem() throws Exception {
        List<String> lines = Files.readAllLines(written.keys()).stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(call.keyLog(), lines);
        assertEquals(1, lines.size(), "TLS 1.2: one CLIENT_RANDOM line");
        assertTrue(lines.get(0).startsWith("CLIENT_RANDOM "));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(written.pcapng())));
        assertNotNull(written.decodeAs(), "the mock listens on an ephemeral port, not 5061");
        assertTrue(Files.readString(written.decodeAs()).contains(
                "decode_as_entry: tls.port," + written.decodeAsPorts().get(0) + ",(none),SIP"));
    }

    @Test
    void aJdkPhonesCaptureSaysWhyItCannotBeDecrypted() throws Exception {
        CaptureContents jdk = capturedCall(PhoneSettings.TlsProvider.JDK);
        WrittenCapture files = new CaptureDirectory(dir).write(Path.of("jdk.yaml"), jdk);
        assertEquals(List.of(TlsKeyLogExport.JDK_PROVIDER), files.notes());
        assertTrue(jdk.keyLog().isEmpty());
        assertTrue(Files.readString(files.keys()).contains("# " + TlsKeyLogExport.JDK_PROVIDER));
        assertTrue(files.describe().endsWith(TlsKeyLogExport.JDK_PROVIDER));
        assertEquals(1, jdk.srtpKeys().size(), "the SDES keys are captured whatever the TLS provider");
    }
}
