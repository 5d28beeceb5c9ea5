package io.sipshield.harness.mock;

import static io.sipshield.harness.mock.TestPbx.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.media.MediaStats;
import io.sipshield.emulator.media.ToneDetector;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.emulator.sip.SipMessages;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mock executes extensions.conf priorities as Asterisk does, over real TLS on loopback with
 * emulator phones (media checked by the phone's ToneDetector) and a bare SIP client where the
 * test must see the mock's own BYE.
 */
@Timeout(60)
class MockAsteriskDialplanTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @RegisterExtension
    static final TestPbx PBX = TestPbx.with(mock -> mock
            .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
            .endpoint(new MockEndpoint("102", "pass102", MediaEncryption.SDES))
            .extension("610", plan("Answer()", "Milliwatt()"))
            .extension("611", plan("Answer()", "Milliwatt(o)"))
            .extension("612", plan("Answer()", "Playtones(440/1000)", "Wait(30)"))
            .extension("613", plan("Answer()", "Playback(beep)", "Hangup()"))
            .extension("614", plan("Wait(0.2)", "Hangup(17)"))
            .extension("615", plan("NoOp(${EXTEN})", "Hangup()"))
            .extension("616", plan("Answer()"))
            .extension("617", plan("Dial(PJSIP/102)", "Busy()"))
            .extension("618", plan("Dial(PJSIP/102)", "Playback(no-such-prompt&beep)", "Hangup()"))
            .extension("619", plan("Dial(PJSIP/102,5)"))
            .extension("620", plan("Dial(PJSIP/999)", "Hangup()"))
            .extension("621", plan("Dial(PJSIP/102)", "Hangup()"))
            .extension("622", plan("Wait(30)", "Answer()", "Milliwatt()"))
            .extension("623", plan("Answer()", "Wait(0.5)", "Hangup()"))
            .extension("624", plan("Answer()", "Busy(1)"))
            .extension("625", plan("Playtones(440)", "Answer()", "Wait(30)"))
            .extension("626", plan("Answer()", "Playback(silence/1)", "Echo()"))
            .extension("627", plan("Playback(silence/1,noanswer)", "Hangup(17)"))
            .extension("628", plan("Playback(beep,skip)", "Hangup(21)")));

    private final SipMessages messages = new SipMessages(RANDOM);
    private final RawCaller caller = new RawCaller(messages, "101", "pass101");

    private static Phone phone() throws Exception {
        return PBX.phone("101");
    }

    /** Waits up to 5 s for {@code condition}; the assertion after it says what was missing. */
    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static ToneDetector hear(Call call, int hertz, double purity) throws InterruptedException {
        ToneDetector tone = ToneDetector.builder().frequency(hertz).minPurity(purity).build();
        call.addSink(tone);
        eventually(() -> tone.report().toneFrames() >= 15);
        return tone;
    }

    @Test
    void milliwattIsA1004HzToneTheCallerHears() throws Exception {
        try (Phone phone = phone()) {
            Call call = phone.call("610").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status(), "Milliwatt() answers");
            ToneDetector tone = hear(call, 1004, 0.9);
            assertTrue(tone.report().toneFrames() >= 15 && tone.report().present(), tone.report().toString());
            assertTrue(tone.report().meanLevelDbm0() > -3, "0 dBm0 (volume 23255): " + tone.report());
            assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void milliwattOptionOSendsTheDigitalMilliwattPattern() throws Exception {
        Set<Integer> bytes = ConcurrentHashMap.newKeySet();
        try (Phone phone = phone()) {
            Call call = phone.call("611").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status());
            call.addSink((packet, at) -> {
                for (byte b : packet.payload()) {
                    bytes.add(b & 0xFF);
                }
            });
            ToneDetector tone = hear(call, 1000, 0.9);
            assertTrue(tone.report().present(), tone.report().toString());
            assertEquals(Set.of(0x1e, 0x0b, 0x9e, 0x8b), Set.copyOf(bytes), "app_milliwatt.c digital_milliwatt[]");
            assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void playtonesAfterAnswerIsHeardWhileWaitRuns() throws Exception {
        try (Phone phone = phone()) {
            Call call = phone.call("612").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status());
            ToneDetector tone = hear(call, 440, 0.9);
            assertTrue(tone.report().present(), tone.report().toString());
            ToneDetector notMilliwatt = ToneDetector.builder().frequency(1004).build();
            call.addSink(notMilliwatt);
            eventually(() -> notMilliwatt.report().frames() >= 10);
            assertEquals(0, notMilliwatt.report().toneFrames(), notMilliwatt.report().toString());
            assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void playtonesBeforeAnswerStartsWhenTheChannelIsAnswered() throws Exception {
        try (Phone phone = phone()) {
            Call call = phone.call("625").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status());
            ToneDetector tone = hear(call, 440, 0.9);
            assertTrue(tone.report().present(), tone.report().toString());
            assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void busyAfterAnswerPlaysTheBusyToneThenHangsUp() throws Exception {
        try (Phone phone = phone()) {
            Call call = phone.call("624").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status(), "Busy() on an answered channel does not reject");
            // 480+620 Hz: each frequency carries about half of the tone's energy
            ToneDetector tone = hear(call, 480, 0.3);
            assertTrue(tone.report().toneFrames() >= 15, tone.report().toString());
        }
        try (RawSipClient client = new RawSipClient(PBX.address(), PBX.loops())) {
            Request invite = answeredInvite(client, "624", "busy-then-bye");
            Request bye = client.pollRequest(5000);
            assertNotNull(bye, "Busy(1) hangs up after its timeout");
            assertEquals(Request.BYE, bye.getMethod());
            assertEquals(callId(invite), callId(bye));
            client.send(messages.response(Response.OK, bye, null));
        }
    }

    @Test
    void playbackThenHangupSendsAByeThePhoneAnswers() throws Exception {
        try (Phone phone = phone()) {
            Call call = phone.call("613").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status());
            ToneDetector beep = ToneDetector.builder().frequency(1000).build();
            call.addSink(beep);
            eventually(() -> beep.report().toneFrames() >= 10);
            assertTrue(beep.report().toneFrames() >= 10, "the beep: " + beep.report());
            // after the beep the mock hangs up: its media stops, and its BYE ended the dialog, so the
            // phone's own BYE finds none
            AtomicLong lastPacket = new AtomicLong(System.nanoTime());
            call.addSink((packet, at) -> lastPacket.set(at));
            eventually(() -> System.nanoTime() - lastPacket.get() > TimeUnit.MILLISECONDS.toNanos(300));
            assertEquals(481, call.hangup().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void theMocksByeIsInTheInvitesDialog() throws Exception {
        try (RawSipClient client = new RawSipClient(PBX.address(), PBX.loops())) {
            Request invite = answeredInvite(client, "613", "dialog-bye");
            Response ok = lastOk;
            Request bye = client.pollRequest(5000);
            assertNotNull(bye, "Playback(beep) then Hangup(): BYE");
            assertEquals(Request.BYE, bye.getMethod());
            assertEquals(caller.contactOf(client), bye.getRequestURI().toString(), "Request-URI: the phone's Contact");
            assertEquals(callId(invite), callId(bye));
            assertEquals(((ToHeader) ok.getHeader(ToHeader.NAME)).getTag(),
                    ((FromHeader) bye.getHeader(FromHeader.NAME)).getTag(), "From: the mock's tag from the 200");
            assertEquals("caller-tag", ((ToHeader) bye.getHeader(ToHeader.NAME)).getTag(), "To: the phone's tag");
            assertEquals(Request.BYE, ((CSeqHeader) bye.getHeader(CSeqHeader.NAME)).getMethod());
            client.send(messages.response(Response.OK, bye, null));
            assertNull(client.pollRequest(300), "one BYE");
        }
    }

    @Test
    void waitThenHangup17BeforeAnswerIs486() throws Exception {
        try (Phone phone = phone()) {
            assertEquals(486, phone.call("614").get(10, TimeUnit.SECONDS).status(), "cause 17 USER_BUSY");
        }
    }

    @Test
    void hangupWithoutCauseBeforeAnswerIs603() throws Exception {
        try (Phone phone = phone()) {
            assertEquals(603, phone.call("615").get(10, TimeUnit.SECONDS).status(),
                    "cause 16 has no mapping: ast_sip_session_terminate's default");
        }
    }

    @Test
    void fallingThroughAfterAnswerHangsUpWithBye() throws Exception {
        try (RawSipClient client = new RawSipClient(PBX.address(), PBX.loops())) {
            Request invite = answeredInvite(client, "616", "fallthrough");
            Request bye = client.pollRequest(5000);
            assertNotNull(bye, "autofallthrough hangs up an answered channel");
            assertEquals(Request.BYE, bye.getMethod());
            assertEquals(callId(invite), callId(bye));
            client.send(messages.response(Response.OK, bye, null));
        }
    }

    @Test
    void dialToAnUnregisteredEndpointGoesOnWithTheNextPriority() throws Exception {
        try (Phone phone = phone()) {
            assertEquals(486, phone.call("617").get(10, TimeUnit.SECONDS).status(), "Dial() fails, Busy() runs");
            Call played = phone.call("618").get(10, TimeUnit.SECONDS);
            assertEquals(200, played.status(), "Dial() fails, Playback() answers");
            ToneDetector beep = ToneDetector.builder().frequency(1000).build();
            played.addSink(beep);
            eventually(() -> beep.report().toneFrames() >= 10);
            assertTrue(beep.report().toneFrames() >= 10, "a missing prompt is skipped, beep plays: " + beep.report());
        }
    }

    @Test
    void dialFailuresEndAsAsteriskEndsThem() throws Exception {
        try (Phone phone = phone()) {
            assertEquals(503, phone.call("619").get(10, TimeUnit.SECONDS).status(),
                    "CHANUNAVAIL, autofallthrough indicates congestion");
            assertEquals(404, phone.call("620").get(10, TimeUnit.SECONDS).status(),
                    "no such endpoint: cause 3, which Hangup() keeps");
            assertEquals(480, phone.call("621").get(10, TimeUnit.SECONDS).status(),
                    "no contact: cause 20, which Hangup() keeps");
        }
    }

    @Test
    void cancelDuringWaitIs487AndTheDialplanStops() throws Exception {
        try (RawSipClient client = new RawSipClient(PBX.address(), PBX.loops())) {
            Request invite = caller.invite(client, "622", "cancel-in-wait", sdp(client));
            client.send(caller.request(client, Request.CANCEL, "622", "cancel-in-wait", 2, RawCaller.branchOf(invite)));
            assertEquals(200, client.next().getStatusCode());
            assertEquals(487, client.next().getStatusCode());
            assertNull(client.poll(500), "nothing after the 487");
        }
    }

    @Test
    void byeFromThePhoneDuringWaitStopsEverything() throws Exception {
        try (RawSipClient client = new RawSipClient(PBX.address(), PBX.loops())) {
            answeredInvite(client, "623", "bye-in-wait");
            client.send(caller.request(client, Request.BYE, "623", "bye-in-wait", 3, messages.newBranch()));
            assertEquals(200, client.next().getStatusCode());
            assertNull(client.pollRequest(1200), "Wait(0.5) then Hangup() never runs: no BYE from the mock");
        }
    }

    @Test
    void echoAfterAPromptSendsBackWhatTheCallerSends() throws Exception {
        try (Phone phone = phone()) {
            Call call = phone.call("626").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status());
            AtomicLong heard = new AtomicLong();
            AtomicLong lastPacket = new AtomicLong(System.nanoTime());
            call.addSink((packet, at) -> {
                heard.incrementAndGet();
                lastPacket.set(at);
            });
            // silence/1 is 50 frames; once it is over, Echo() sends nothing until the caller does
            eventually(() -> heard.get() >= 40
                    && System.nanoTime() - lastPacket.get() > TimeUnit.MILLISECONDS.toNanos(200));
            assertTrue(heard.get() >= 40 && heard.get() <= 50, "the prompt's frames: " + heard.get());
            MediaStats media = call.sendMedia(ToneSource.milliwatt(G711.PCMU), Duration.ofSeconds(1))
                    .get(10, TimeUnit.SECONDS);
            assertTrue(media.sent() > 0);
            assertEquals(media.sent(), media.verified(), "Echo() after the prompt");
            assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void playbackNoanswerTakesItsTimeWithoutAnsweringAndSkipSkips() throws Exception {
        try (Phone phone = phone()) {
            long started = System.nanoTime();
            assertEquals(486, phone.call("627").get(10, TimeUnit.SECONDS).status(), "not answered by Playback");
            assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(900), "silence/1 took its second");
            assertEquals(403, phone.call("628").get(10, TimeUnit.SECONDS).status(), "skip: nothing played, no answer");
        }
    }

    @Test
    void playbackFindsAWavInTheSoundsDirectory(@TempDir Path sounds) throws Exception {
        Files.write(sounds.resolve("tone600.wav"), wav600(8000));
        try (TestPbx own = TestPbx.with(mock -> mock
                .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
                .extension("630", plan("Playback(tone600)", "Hangup()"))
                .soundsDirectory(sounds)).start();
             Phone phone = own.phone("101")) {
            Call call = phone.call("630").get(10, TimeUnit.SECONDS);
            assertEquals(200, call.status(), "Playback() answers");
            ToneDetector tone = hear(call, 600, 0.9);
            assertTrue(tone.report().toneFrames() >= 15, tone.report().toString());
        }
    }

    /** A second of 600 Hz, 8 kHz mono 16-bit PCM. */
    private static byte[] wav600(int samples) {
        ByteBuffer wav = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples);
        for (int n = 0; n < samples; n++) {
            wav.putShort((short) Math.round(8000 * Math.sin(2 * Math.PI * 600 * n / 8000.0)));
        }
        return wav.array();
    }

    @Test
    void anExtensionWithoutPrioritiesIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MockAsterisk.builder().extension("640", List.of()));
        assertTrue(e.getMessage().contains("640"), e.getMessage());
    }

    @Test
    void anUnknownExtensionIs404() throws Exception {
        try (Phone phone = phone()) {
            assertEquals(404, phone.call("699").get(10, TimeUnit.SECONDS).status());
        }
    }

    // ---- a bare client, for the mock's own requests ----

    private Response lastOk;

    private String sdp(RawSipClient client) {
        byte[] keyAndSalt = new byte[30];
        RANDOM.nextBytes(keyAndSalt);
        String host = client.localAddress().getAddress().getHostAddress();
        return "v=0\r\no=- 1 1 IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host + "\r\nt=0 0\r\n"
                + "m=audio 9 RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Base64.getEncoder().encodeToString(keyAndSalt) + "\r\n";
    }

    /** An INVITE the dialplan answers 200. */
    private Request answeredInvite(RawSipClient client, String extension, String callId) throws Exception {
        Request invite = caller.invite(client, extension, callId, sdp(client));
        Response ok = client.next();
        assertEquals(200, ok.getStatusCode());
        lastOk = ok;
        return invite;
    }

    private static String callId(javax.sip.message.Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
