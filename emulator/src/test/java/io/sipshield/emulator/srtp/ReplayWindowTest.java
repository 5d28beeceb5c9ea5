package io.sipshield.emulator.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    @Test
    void emptyWindowAcceptsAnything() {
        ReplayWindow window = new ReplayWindow(64);
        assertEquals(SrtpStatus.OK, window.check(0));
        assertEquals(SrtpStatus.OK, window.check(1L << 40));
    }

    @Test
    void edgesOfTheWindow() {
        ReplayWindow window = new ReplayWindow(64);
        window.accept(1000);
        assertEquals(SrtpStatus.REPLAY, window.check(1000));
        assertEquals(SrtpStatus.OK, window.check(1000 - 63), "63 behind: inside");
        assertEquals(SrtpStatus.TOO_OLD, window.check(1000 - 64), "64 behind: outside");
        assertEquals(SrtpStatus.OK, window.check(1001));
    }

    @Test
    void advancingClearsTheSlotsItPassesButKeepsThoseStillInside() {
        ReplayWindow window = new ReplayWindow(64);
        window.accept(10);
        window.accept(12);
        window.accept(10 + 64); // slot of 10 is reused
        assertEquals(SrtpStatus.TOO_OLD, window.check(10));
        assertEquals(SrtpStatus.REPLAY, window.check(12));
        assertEquals(SrtpStatus.OK, window.check(11));
        assertEquals(SrtpStatus.REPLAY, window.check(74));
    }

    @Test
    void aJumpLongerThanTheRingForgetsEverything() {
        ReplayWindow window = new ReplayWindow(64);
        window.accept(5);
        window.accept(5 + 1000);
        assertEquals(SrtpStatus.OK, window.check(5 + 1000 - 63));
        assertEquals(5 + 1000, window.highest());
    }

    @Test
    void sizeThatIsNotAPowerOfTwo() {
        ReplayWindow window = new ReplayWindow(100);
        for (long i = 0; i < 300; i += 2) {
            window.accept(i);
        }
        assertEquals(SrtpStatus.REPLAY, window.check(298 - 98));
        assertEquals(SrtpStatus.OK, window.check(298 - 99));
        assertEquals(SrtpStatus.TOO_OLD, window.check(298 - 100));
    }
}
