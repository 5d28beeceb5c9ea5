package io.sipshield.emulator.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocalDescriptionTest {

    private static final String CRYPTO = "crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";

    private static LocalDescription first() {
        return new LocalDescription("-", 4242, 4242, "127.0.0.1", 30000, "RTP/SAVP", List.of("0"),
                List.of("rtpmap:0 PCMU/8000", "ptime:20", "sendrecv", CRYPTO));
    }

    @Test
    void nextKeepsTheSessionIdRaisesTheVersionAndChangesOnlyTheDirection() {
        LocalDescription hold = first().next(MediaDirection.SENDONLY);
        assertEquals(4242, hold.sessionId());
        assertEquals(4243, hold.version());
        assertEquals(MediaDirection.SENDONLY, hold.direction());
        assertEquals(List.of("rtpmap:0 PCMU/8000", "ptime:20", "sendonly", CRYPTO), hold.attributes(),
                "the key and the attribute order are kept");
        LocalDescription resume = hold.next(MediaDirection.SENDRECV);
        assertEquals(4244, resume.version());
        assertTrue(resume.body().contains("o=- 4242 4244 IN IP4 127.0.0.1\r\n"), resume.body());
        assertTrue(resume.body().contains("a=sendrecv\r\n"));
        assertFalse(resume.body().contains("a=sendonly"));
    }

    @Test
    void aDirectionIsAddedWhenThereWasNone() {
        LocalDescription bare = new LocalDescription("-", 1, 1, "127.0.0.1", 30000, "RTP/AVP", List.of("0"),
                List.of("rtpmap:0 PCMU/8000"));
        assertEquals(MediaDirection.SENDRECV, bare.direction());
        assertEquals(List.of("rtpmap:0 PCMU/8000", "inactive"), bare.next(MediaDirection.INACTIVE).attributes());
    }

    @Test
    void parseReadsTheBodyItWrote() {
        LocalDescription parsed = LocalDescription.parse(first().body());
        assertEquals(first(), parsed);
    }

    @Test
    void parseRejectsAMissingOrMalformedOrigin() {
        SdpParseException missing = assertThrows(SdpParseException.class, () -> LocalDescription.parse(
                "v=0\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"));
        assertTrue(missing.getMessage().contains("o="), missing.getMessage());
        SdpParseException malformed = assertThrows(SdpParseException.class, () -> LocalDescription.parse(
                "v=0\r\no=- x 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"));
        assertTrue(malformed.getMessage().contains("numbers"), malformed.getMessage());
    }

    @Test
    void toStringHidesTheKey() {
        assertFalse(first().toString().contains("WVNf"), first().toString());
    }
}
