package io.sipshield.emulator.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipshield.emulator.rtp.RtpPacket;
import io.sipshield.emulator.srtp.SrtpStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EchoVerifierTest {

    private static RtpPacket echo(int value) {
        return new RtpPacket(0, false, 9, 9, 9, new byte[] {(byte) value});
    }

    @Test
    void eachEchoMatchesOneSentPayloadAndItsRoundTripIsMeasured() {
        EchoVerifier verifier = new EchoVerifier();
        verifier.sent(new byte[] {1}, 1_000_000);
        verifier.sent(new byte[] {2}, 21_000_000);
        verifier.received(echo(2), 51_000_000);
        verifier.received(echo(1), 61_000_000);
        verifier.received(echo(1), 62_000_000); // already seen back
        verifier.received(echo(3), 63_000_000);
        MediaStats stats = verifier.stats();
        assertEquals(2, stats.sent());
        assertEquals(2, stats.verified());
        assertEquals(2, stats.mismatched());
        RoundTrip roundTrip = verifier.roundTrip();
        assertEquals(2, roundTrip.count());
        assertEquals(Duration.ofMillis(30), roundTrip.min());
        assertEquals(Duration.ofMillis(45), roundTrip.mean());
        assertEquals(Duration.ofMillis(60), roundTrip.max());
    }

    @Test
    void unprotectOutcomesAreCountedByKind() {
        EchoVerifier verifier = new EchoVerifier();
        for (SrtpStatus status : SrtpStatus.values()) {
            verifier.unprotected(status);
        }
        MediaStats stats = verifier.stats();
        assertEquals(SrtpStatus.values().length, stats.received());
        assertEquals(1, stats.authFailures());
        assertEquals(2, stats.replays(), "REPLAY and TOO_OLD");
        assertEquals(SrtpStatus.values().length - 4, stats.malformed(), "MALFORMED and the key's lifetime used up");
        assertEquals(RoundTrip.NONE, verifier.roundTrip());
    }
}
