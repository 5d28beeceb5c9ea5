package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.Call;
import io.sipshield.emulator.media.ToneDetector;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.ToneSource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Media both ways across a call the mock bridged (Dial()): the caller sends the 1 kHz milliwatt, the callee
 * 2 kHz, for 600 ms at once; each side must hear the other's tone, and no packet on either leg may fail
 * SRTP authentication (each leg is keyed by its own SDES exchange with the mock).
 */
final class TwoWayTones {

    private static final Duration SENDING = Duration.ofMillis(600);

    private TwoWayTones() {
    }

    /** Sends both tones at once and checks each side heard the other's; names appear in the failure messages. */
    static void assertHeardBothWays(Call outgoing, String caller, Call incoming, String callee) throws Exception {
        ToneDetector calleeHears = ToneDetector.builder().frequency(1000).build();
        ToneDetector callerHears = ToneDetector.builder().frequency(2000).build();
        incoming.addSink(calleeHears);
        outgoing.addSink(callerHears);
        CompletableFuture<?> fromCaller = outgoing.sendMedia(ToneSource.milliwatt(G711.PCMU), SENDING);
        CompletableFuture<?> fromCallee = incoming.sendMedia(ToneSource.builder().frequency(2000).build(), SENDING);
        fromCaller.get(10, TimeUnit.SECONDS);
        fromCallee.get(10, TimeUnit.SECONDS);
        assertTrue(calleeHears.report().present(), callee + " hears " + caller + "'s 1 kHz: " + calleeHears.report());
        assertTrue(callerHears.report().present(), caller + " hears " + callee + "'s 2 kHz: " + callerHears.report());
        assertEquals(0, outgoing.mediaStats().authFailures() + incoming.mediaStats().authFailures(),
                "every SRTP packet authenticates on both legs");
    }
}
