package io.sipshield.emulator.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionDescriptionTest {

    /** Asterisk 22's answer from shared/fixtures/asterisk/trace-register-call-echo.txt. */
    private static final String ASTERISK_ANSWER = """
            v=0
            o=- 2943379030 316380032 IN IP4 127.0.0.1
            s=Asterisk
            c=IN IP4 127.0.0.1
            t=0 0
            m=audio 20110 RTP/SAVP 0 101
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:4z3rf1Qdc9LChKfWBRQw8vCLF2p3JYYDCGOhJsfW
            a=rtpmap:0 PCMU/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=ptime:20
            a=maxptime:140
            a=sendrecv
            """.replace("\n", "\r\n");

    @Test
    void readsAsterisksAnswer() {
        SessionDescription sdp = SessionDescription.parse(ASTERISK_ANSWER);
        MediaDescription audio = sdp.audio();
        assertEquals("Asterisk", sdp.sessionName());
        assertEquals(20110, audio.port());
        assertEquals("RTP/SAVP", audio.profile());
        assertTrue(audio.secureProfile());
        assertEquals(List.of("0", "101"), audio.formats());
        assertEquals("127.0.0.1", audio.connectionAddress());
        assertEquals(List.of("0 PCMU/8000", "101 telephone-event/8000"), audio.attributeValues("rtpmap"));
        CryptoAttribute crypto = CryptoAttribute.parse(audio.attributeValue("crypto").orElseThrow());
        assertEquals(1, crypto.tag());
    }

    @Test
    void mediaLevelConnectionOverridesTheSessionOne() {
        SessionDescription sdp = SessionDescription.parse(
                "v=0\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nm=audio 4000 RTP/AVP 0\r\nc=IN IP4 127.0.0.2\r\n");
        assertEquals("127.0.0.2", sdp.audio().connectionAddress());
    }

    @Test
    void writtenBodyReadsBack() {
        String body = SessionDescription.audioBody("-", 7, 8, "127.0.0.1", 30000, "RTP/SAVP", List.of("0"),
                List.of("rtpmap:0 PCMU/8000", "sendrecv"));
        MediaDescription audio = SessionDescription.parse(body).audio();
        assertEquals(30000, audio.port());
        assertEquals(List.of("rtpmap:0 PCMU/8000", "sendrecv"), audio.attributes());
        assertTrue(body.endsWith("\r\n"));
    }

    @Test
    void badMediaLineNamesTheLine() {
        SdpParseException e = assertThrows(SdpParseException.class,
                () -> SessionDescription.parse("v=0\r\nm=audio x RTP/AVP 0\r\n"));
        assertEquals("m", e.field());
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    }

    @Test
    void lineWithoutEqualsSignIsRejected() {
        SdpParseException e = assertThrows(SdpParseException.class, () -> SessionDescription.parse("v=0\r\nbogus\r\n"));
        assertEquals("line 2", e.field());
    }

    @Test
    void bodyWithoutAudioIsAnError() {
        assertThrows(SdpParseException.class,
                () -> SessionDescription.parse("v=0\r\nm=video 4000 RTP/AVP 96\r\n").audio());
    }
}
