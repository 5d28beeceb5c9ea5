package io.sipshield.emulator.ua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    @Test
    void theRfcDefaultsDoubleFromThirtySecondsUpToHalfAnHour() {
        ReconnectPolicy rfc = ReconnectPolicy.rfc5626();
        assertEquals(Duration.ofSeconds(30), rfc.waitTime(0, false));
        assertEquals(Duration.ofSeconds(60), rfc.waitTime(1, false));
        assertEquals(Duration.ofSeconds(960), rfc.waitTime(5, false));
        assertEquals(Duration.ofSeconds(1800), rfc.waitTime(6, false), "min(max-time, 30 * 2^6 = 1920)");
        assertEquals(Duration.ofSeconds(1800), rfc.waitTime(1000, false), "no overflow however many failures");
        assertEquals(Duration.ofSeconds(90), rfc.waitTime(0, true), "base-time 90 s while another flow works");
    }

    @Test
    void theJitterWaitsBetweenHalfAndAllOfTheWaitTime() {
        ReconnectPolicy rfc = ReconnectPolicy.rfc5626();
        assertEquals(Duration.ofSeconds(15), rfc.jitteredWait(0, false, () -> 0.0));
        assertEquals(Duration.ofMillis(22_500), rfc.jitteredWait(0, false, () -> 0.5));
        assertEquals(Duration.ofMillis(29_999), rfc.jitteredWait(0, false, () -> 0.99996));
    }

    @Test
    void noneNeverAttemptsAndMaxAttemptsStopsTheSeries() {
        assertFalse(ReconnectPolicy.NONE.mayAttempt(0));
        assertEquals("none", ReconnectPolicy.NONE.describe());
        ReconnectPolicy twice = ReconnectPolicy.of(Duration.ofMillis(100), Duration.ofSeconds(1)).withMaxAttempts(2);
        assertTrue(twice.mayAttempt(1));
        assertFalse(twice.mayAttempt(2));
        assertTrue(ReconnectPolicy.rfc5626().mayAttempt(1_000_000), "the RFC never gives up");
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ReconnectPolicy.of(Duration.ZERO, Duration.ofSeconds(1))).getMessage().contains("base-time"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ReconnectPolicy.of(Duration.ofSeconds(2), Duration.ofSeconds(1))).getMessage().contains("max-time"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ReconnectPolicy.rfc5626().withMaxAttempts(-1)).getMessage().contains("max-attempts"));
    }
}
