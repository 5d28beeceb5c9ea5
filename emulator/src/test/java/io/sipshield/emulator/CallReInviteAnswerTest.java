package io.sipshield.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.sipshield.emulator.media.MediaSession;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.sdp.CryptoAttribute;
import io.sipshield.emulator.sdp.LocalDescription;
import io.sipshield.emulator.sdp.MediaDescription;
import io.sipshield.emulator.sdp.MediaDirection;
import io.sipshield.emulator.sdp.SdesOutcome;
import io.sipshield.emulator.sdp.SessionDescription;
import io.sipshield.emulator.srtp.SrtpCryptoSuite;
import io.sipshield.emulator.srtp.SrtpMasterKey;
import io.sipshield.emulator.ua.Dialog;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the phone answers a re-INVITE the other side sends (RFC 3264 §8.4, §6.1). */
class CallReInviteAnswerTest {

    private static final EventLoopGroup LOOPS = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SrtpCryptoSuite SUITE = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;

    private final CryptoAttribute mine = CryptoAttribute.of(1, SUITE, SrtpMasterKey.random(SUITE, RANDOM));
    private final CryptoAttribute theirs = CryptoAttribute.of(1, SUITE, SrtpMasterKey.random(SUITE, RANDOM));
    private MediaSession media;
    private Call call;

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void establish() throws Exception {
        media = MediaSession.open(LOOPS, "127.0.0.1").get(5, TimeUnit.SECONDS);
        LocalDescription local = new LocalDescription("-", 77, 77, "127.0.0.1", media.localAddress().getPort(),
                "RTP/SAVP", List.of("0"), List.of("crypto:" + mine.toSdpValue(), "rtpmap:0 PCMU/8000", "ptime:20",
                "sendrecv"));
        call = Call.established(null, 200, new Dialog("call-1", "mine", "theirs", "sip:pbx", "sip:600@pbx"),
                "RTP/SAVP", new SdesOutcome.Srtp("RTP/SAVP", mine, theirs), media, G711.PCMU, local,
                MediaDirection.SENDRECV);
    }

    @AfterEach
    void close() {
        media.close();
    }

    private MediaDescription offer(CryptoAttribute key, String direction) {
        List<String> attributes = new ArrayList<>(List.of("crypto:" + key.toSdpValue(), "rtpmap:0 PCMU/8000"));
        if (direction != null) {
            attributes.add(direction);
        }
        return SessionDescription.parse(SessionDescription.audioBody("Asterisk", 5, 7, "127.0.0.1", 40000,
                "RTP/SAVP", List.of("0"), attributes)).audio();
    }

    @Test
    void aSendonlyOfferIsAnsweredRecvonlyWithTheSameKeyAndVersionPlusOneAndThePhoneStopsSending() {
        Call.ReInviteAnswer answer = call.answerReInvite(offer(theirs, "sendonly"));
        assertEquals(200, answer.status());
        MediaDescription sdp = SessionDescription.parse(answer.sdp()).audio();
        assertEquals(MediaDirection.RECVONLY, MediaDirection.of(sdp));
        assertTrue(answer.sdp().contains("o=- 77 78 IN IP4"), answer.sdp());
        assertEquals(List.of(mine.toSdpValue()), sdp.attributeValues("crypto"), "the phone keeps its key");
        assertEquals(MediaDirection.SENDONLY, call.remoteDirection());
        assertFalse(media.sending(), "held by the other side, the phone sends nothing");

        Call.ReInviteAnswer resumed = call.answerReInvite(offer(theirs, null));
        assertEquals(200, resumed.status());
        assertEquals(MediaDirection.SENDRECV, MediaDirection.of(SessionDescription.parse(resumed.sdp()).audio()));
        assertTrue(resumed.sdp().contains("o=- 77 79 IN IP4"), resumed.sdp());
        assertTrue(media.sending());
    }

    @Test
    void anInactiveOfferIsAnsweredInactive() {
        Call.ReInviteAnswer answer = call.answerReInvite(offer(theirs, "inactive"));
        assertEquals(MediaDirection.INACTIVE, MediaDirection.of(SessionDescription.parse(answer.sdp()).audio()));
        assertFalse(media.sending());
    }

    @Test
    void anOfferWithANewKeyIs488AndChangesNothing() {
        CryptoAttribute other = CryptoAttribute.of(1, SUITE, SrtpMasterKey.random(SUITE, RANDOM));
        Call.ReInviteAnswer answer = call.answerReInvite(offer(other, "sendonly"));
        assertEquals(488, answer.status());
        assertEquals(null, answer.sdp());
        assertEquals(MediaDirection.SENDRECV, call.remoteDirection());
        assertEquals(77, call.localDescription().version());
    }
}
