package io.sipshield.harness.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.media.MediaStats;
import io.sipshield.emulator.media.ToneDetector;
import io.sipshield.emulator.media.ToneReport;
import io.sipshield.emulator.profile.DeviceProfile;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.RtpPacket;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.emulator.rtp.WavFile;
import io.sipshield.emulator.sdp.SdesOutcome;
import io.sipshield.emulator.ua.SipTrace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulated phone against baresip, an SDES-SRTP implementation that shares no code with ours
 * (libre's SRTP, its SDP and SIP): the phone dials baresip directly over TLS (no PBX in between, so
 * the SRTP on the wire is the phone's and baresip's) and hears baresip's 440 Hz WAV after
 * decryption; baresip dials the phone down the same kind of connection and records the phone's
 * 1 kHz tone, found in the WAV it wrote.
 *
 * <p>Why direct rather than through MockAsterisk: {@code Phone} dials {@code sip:102@serverHost} at
 * whatever {@code serverAddress} it is given, and baresip answers any INVITE for its account's
 * user on its TLS listener, so no registrar or bridge is needed, and a failure can only be the
 * phone's SRTP or baresip's, never the mock's. The phone has no listener of its own: baresip
 * reaches it down the phone's own TLS connection (libre's SIP transport reuses an open
 * connection to the same peer address), dialling the Contact the phone advertised in a REGISTER
 * (sent only for that; baresip is no registrar).
 */
@Tag("slow")
@Timeout(90)
class BaresipCallTest {

    private static final FixtureCatalog PKI = FixtureCatalog.create();
    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Pattern CONTACT = Pattern.compile("(?im)^(?:Contact|m):\\s*<?(sip:[^>;\\s]+[^>\\s]*)>?");

    @TempDir
    Path directory;

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A 16-bit 8 kHz mono WAV of a sine at {@code hertz}, -6 dBFS, {@code seconds} long. */
    private static Path toneWav(Path file, int hertz, int seconds) throws Exception {
        short[] samples = new short[WavFile.TELEPHONY_RATE * seconds];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(16000 * Math.sin(2 * Math.PI * hertz * i / WavFile.TELEPHONY_RATE));
        }
        WavFile.write(file, samples);
        return file;
    }

    private BaresipPeer baresip(Path wav) throws Exception {
        return BaresipPeer.builder().user("102").certificate(PKI.get(FixtureName.PBX_SERVER)).audioSource(wav)
                .start(directory.resolve("baresip"));
    }

    private static Phone phone(BaresipPeer baresip) throws Exception {
        return phone(baresip, DeviceProfiles.DIGIUM_D6X_2_9_2);
    }

    private static Phone phone(BaresipPeer baresip, DeviceProfile profile) throws Exception {
        Phone phone = Phone.create(profile, PhoneSettings.builder().account("101", "pass101")
                .serverHost("pbx.sip.test").serverAddress(baresip.tlsAddress())
                .trust(PKI.get(FixtureName.TEST_ROOT).certificate()).build(), LOOPS);
        assertTrue(phone.connect().get(10, TimeUnit.SECONDS).established(), "TLS to baresip's sip_listen + 1");
        return phone;
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 400 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    /** The tone report of a recorded WAV, framed as 20 ms PCMU packets through the phone's own detector. */
    private static ToneReport toneIn(Path wav, int hertz) throws Exception {
        short[] samples = WavFile.readTelephonyPcm(wav);
        ToneDetector detector = ToneDetector.builder().frequency(hertz).build();
        for (int offset = 0, sequence = 0; offset + 160 <= samples.length; offset += 160, sequence++) {
            byte[] payload = new byte[160];
            G711.PCMU.encode(samples, offset, 160, payload, 0);
            detector.received(new RtpPacket(G711.PCMU.payloadType(), false, sequence, offset, 1, payload), 0);
        }
        return detector.report();
    }

    @Test
    void phoneCallsBaresipAndHearsItsToneThroughSrtp() throws Exception {
        Path wav = toneWav(directory.resolve("tone-440.wav"), 440, 10);
        try (BaresipPeer baresip = baresip(wav); Phone phone = phone(baresip)) {
            Call call = phone.call("102").get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, call.status(), () -> "baresip answers: " + baresip.lastLines(30));
            assertEquals("RTP/SAVP", call.mediaProfile());
            assertTrue(call.negotiation() instanceof SdesOutcome.Srtp, "SDES-SRTP agreed: " + call.negotiation());

            ToneDetector hears = ToneDetector.builder().frequency(440).build();
            call.addSink(hears);
            JsonNode established = baresip.control().awaitEvent("CALL_ESTABLISHED", WAIT);
            assertEquals("incoming", established.path("direction").asText(), established::toString);
            baresip.control().awaitEvent("CALL_MENC", WAIT);
            call.sendMedia(ToneSource.milliwatt(G711.PCMU), Duration.ofMillis(1500)).get(10, TimeUnit.SECONDS);
            eventually(() -> hears.report().toneFrames() >= 25, "the phone hears 440 Hz from baresip");

            ToneReport report = hears.report();
            assertTrue(report.present(), "440 Hz after SRTP decryption: " + report);
            MediaStats stats = call.mediaStats();
            assertEquals(0, stats.authFailures(), () -> "every SRTP packet from baresip authenticates: " + stats);
            assertEquals(0, stats.replays(), () -> "no replays: " + stats);
            eventually(() -> call.mediaStats().rtcp().received() >= 1, "baresip's SRTCP report authenticates: "
                    + call.mediaStats().rtcp());

            assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
            baresip.control().awaitEvent("CALL_CLOSED", WAIT);
        }
    }

    @Test
    void baresipCallsThePhoneAndRecordsItsToneFromSrtp() throws Exception {
        Path quiet = toneWav(directory.resolve("tone-2000.wav"), 2000, 10);
        try (BaresipPeer baresip = baresip(quiet); Phone phone = phone(baresip)) {
            phone.register().get(10, TimeUnit.SECONDS); // only to learn the phone's Contact address
            String contact = phone.trace().entries().stream()
                    .filter(e -> e.direction() == SipTrace.Direction.SENT)
                    .map(e -> CONTACT.matcher(e.text())).filter(Matcher::find).map(m -> m.group(1))
                    .findFirst().orElseThrow(() -> new AssertionError("the phone sent no Contact"));
            baresip.control().command("dial", contact, WAIT);
            eventually(() -> phone.incomingCalls().size() == 1, "baresip's INVITE reaches the phone");
            Call call = phone.incomingCalls().values().iterator().next();
            assertEquals("RTP/SAVP", call.mediaProfile());
            baresip.control().awaitEvent("CALL_ESTABLISHED", WAIT);

            call.sendMedia(ToneSource.milliwatt(G711.PCMU), Duration.ofSeconds(2)).get(10, TimeUnit.SECONDS);
            assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
            baresip.control().awaitEvent("CALL_CLOSED", WAIT);
            MediaStats stats = call.mediaStats();
            assertEquals(0, stats.authFailures(), () -> "baresip's SRTP authenticates: " + stats);
            assertTrue(stats.rtcp().rejected() >= 1, () -> "baresip's plain 16-byte RTCP APP 'PING' (sent before its "
                    + "SRTCP starts) is counted as rejected, and the call goes on: " + stats.rtcp());

            List<String> log = baresip.lastLines(500);
            assertTrue(log.stream().anyMatch(line -> line.contains("SRTP is Enabled")), () -> String.join("\n", log));
            assertTrue(log.stream().noneMatch(line -> line.contains("srtp: failed to decrypt RTP packet")),
                    () -> "libre authenticated every SRTP packet from the phone:\n" + String.join("\n", log));

            List<Path> recordings = baresip.receivedRecordings();
            assertFalse(recordings.isEmpty(), () -> "sndfile wrote a -dec.wav: " + baresip.lastLines(30));
            ToneReport heard = toneIn(recordings.get(0), 1000);
            assertTrue(heard.present() && heard.toneFrames() >= 50,
                    "baresip decrypted and recorded the phone's 1 kHz: " + heard);
            assertFalse(toneIn(recordings.get(0), 440).present(), "and not a tone nobody sent");
        }
    }

    @Test
    void baresipWithMandatorySrtpRefusesAPlainRtpOffer() throws Exception {
        Path wav = toneWav(directory.resolve("tone-440.wav"), 440, 2);
        try (BaresipPeer baresip = baresip(wav);
             Phone phone = phone(baresip, DeviceProfiles.ALGO_8301_3_1_SRTP_DISABLED)) {
            Call call = phone.call("102").get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(488, call.status(), () -> "srtp-mand refuses RTP/AVP without a=crypto: "
                    + call.reason() + "\n" + baresip.lastLines(20));
            assertFalse(call.hasMedia());
        }
    }
}
