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
    void theTimelineDefaultsToTenMinutesOfHundredMillisecondBuckets() {
        MediaOptions options = MediaOptions.defaults("127.0.0.1");
        assertEquals(Duration.ofMillis(100), options.timelineInterval());
        assertEquals(6000, options.timelineBuckets());
        MediaOptions off = MediaOptions.builder().timeline(Duration.ofMillis(250), 0).build();
        assertEquals(Duration.ofMillis(250), off.timelineInterval());
        assertEquals(0, off.timelineBuckets());
    }

    @Test
    void aTimelineIntervalBelowAMillisecondOrANegativeCapIsRefused() {
        IllegalArgumentException interval = assertThrows(IllegalArgumentException.class,
                () -> MediaOptions.builder().timeline(Duration.ZERO, 10).build());
        assertEquals("timelineInterval: expected at least 1 ms, got PT0S", interval.getMessage());
        IllegalArgumentException cap = assertThrows(IllegalArgumentException.class,
                () -> MediaOptions.builder().timeline(Duration.ofMillis(100), -1).build());
        assertEquals("timelineBuckets: expected 0 or more, got -1", cap.getMessage());
    }

    @Test
    void anIntervalBelowTenMillisecondsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MediaOptions.builder().rtcpInterval(Duration.ofMillis(5)).build());
        assertEquals("rtcpInterval: expected at least 10 ms, got 5 ms", e.getMessage());
    }
}
