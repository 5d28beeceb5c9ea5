package io.sipshield.emulator.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediaDirectionTest {

    private static MediaDescription audio(String... attributes) {
        return new MediaDescription("audio", 4000, "RTP/SAVP", List.of("0"), "127.0.0.1", List.of(attributes));
    }

    @Test
    void aSectionWithoutDirectionIsSendrecvAndTheLastDirectionWins() {
        assertEquals(MediaDirection.SENDRECV, MediaDirection.of(audio("rtpmap:0 PCMU/8000")));
        assertEquals(MediaDirection.SENDONLY, MediaDirection.of(audio("sendrecv", "sendonly")));
        assertEquals(MediaDirection.INACTIVE, MediaDirection.of(audio("ptime:20", "inactive")));
        assertTrue(MediaDirection.fromAttribute("crypto:1 AES_CM_128_HMAC_SHA1_80 inline:x").isEmpty());
    }

    @Test
    void answersFollowRfc3264() {
        assertEquals(MediaDirection.RECVONLY, MediaDirection.SENDONLY.answer(MediaDirection.SENDRECV));
        assertEquals(MediaDirection.SENDONLY, MediaDirection.RECVONLY.answer(MediaDirection.SENDRECV));
        assertEquals(MediaDirection.INACTIVE, MediaDirection.INACTIVE.answer(MediaDirection.SENDRECV));
        assertEquals(MediaDirection.SENDRECV, MediaDirection.SENDRECV.answer(MediaDirection.SENDRECV));
        // a side that holds answers a sendrecv offer sendonly, and a sendonly offer inactive
        assertEquals(MediaDirection.SENDONLY, MediaDirection.SENDRECV.answer(MediaDirection.SENDONLY));
        assertEquals(MediaDirection.INACTIVE, MediaDirection.SENDONLY.answer(MediaDirection.SENDONLY));
    }

    @Test
    void holdIsSendonlyOrInactiveWhenAlreadyHeldAndResumeTakesItBack() {
        assertEquals(MediaDirection.SENDONLY, MediaDirection.SENDRECV.hold());
        assertEquals(MediaDirection.INACTIVE, MediaDirection.RECVONLY.hold());
        assertEquals(MediaDirection.SENDONLY, MediaDirection.SENDONLY.hold());
        assertEquals(MediaDirection.SENDRECV, MediaDirection.SENDONLY.resume());
        assertEquals(MediaDirection.RECVONLY, MediaDirection.INACTIVE.resume());
        assertEquals(MediaDirection.SENDRECV, MediaDirection.SENDRECV.resume());
    }
}
