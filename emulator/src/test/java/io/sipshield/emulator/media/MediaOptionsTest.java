package io.sipshield.emulator.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MediaOptionsTest {

    @Test
    void defaultsAreFiveSecondReportsOnTheNextPort() {
        MediaOptions options = MediaOptions.defaults("127.0.0.1");
        assertEquals(Duration.ofSeconds(5), options.rtcpInterval());
        assertFalse(options.rtcpMux());
        assertEquals("sipshield@127.0.0.1", options.cname());
    }

    @Test
    void anIntervalBelowTenMillisecondsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MediaOptions.builder().rtcpInterval(Duration.ofMillis(5)).build());
        assertEquals("rtcpInterval: expected at least 10 ms, got 5 ms", e.getMessage());
    }
}
