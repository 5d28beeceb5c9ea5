package io.sipshield.emulator.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.sdp.MediaDescription;
import io.sipshield.emulator.sdp.SessionDescription;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaDestinationTest {

    private static MediaDescription answer(String... attributes) {
        return SessionDescription.parse(SessionDescription.audioBody("Asterisk", 1, 1, "127.0.0.1", 20110, "RTP/SAVP",
                List.of("0"), List.of(attributes))).audio();
    }

    @Test
    void rtcpGoesToTheNextPortByDefault() {
        MediaDestination destination = MediaDestination.from(answer("sendrecv"), false);
        assertEquals(new InetSocketAddress("127.0.0.1", 20110), destination.rtp());
        assertEquals(new InetSocketAddress("127.0.0.1", 20111), destination.rtcp());
        assertFalse(destination.rtcpMux());
    }

    @Test
    void anRtcpAttributeNamesPortAndAddress() {
        assertEquals(new InetSocketAddress("127.0.0.1", 30001), MediaDestination.from(answer("rtcp:30001"), false).rtcp());
        assertEquals(new InetSocketAddress("127.0.0.2", 30001),
                MediaDestination.from(answer("rtcp:30001 IN IP4 127.0.0.2"), false).rtcp());
        assertThrows(IllegalArgumentException.class, () -> MediaDestination.from(answer("rtcp:x"), false));
    }

    @Test
    void rtcpMuxNeedsBothSides() {
        assertTrue(MediaDestination.from(answer("rtcp-mux"), true).rtcpMux());
        assertFalse(MediaDestination.from(answer("rtcp-mux"), false).rtcpMux(), "not offered");
        assertFalse(MediaDestination.from(answer(), true).rtcpMux(), "not answered");
    }
}
