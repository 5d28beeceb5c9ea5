package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.fault.Duplicate;
import io.sipshield.emulator.fault.MediaFault;
import io.sipshield.emulator.fault.PacketLoss;
import io.sipshield.emulator.fault.Reorder;
import io.sipshield.emulator.fault.ReplaySrtp;
import io.sipshield.emulator.fault.RocWrap;
import io.sipshield.emulator.fault.TamperSrtp;
import io.sipshield.emulator.media.MediaStats;
import io.sipshield.emulator.media.ToneDetector;
import io.sipshield.emulator.media.impair.ImpairmentTally;
import io.sipshield.emulator.media.impair.MediaFaults;
import io.sipshield.emulator.profile.DeviceProfiles;
import io.sipshield.emulator.rtp.G711;
import io.sipshield.emulator.rtp.MediaSource;
import io.sipshield.emulator.rtp.ToneSource;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A D-Series calling the mock's {@code Echo()} over TLS with SDES-SRTP while its media port sits
 * behind a bad network or a misbehaving sender (issue 11): the phone's counts equal the impairment's
 * tally, the mock decrypts the phone's stream across a sequence number wrap, and tampered or replayed
 * packets are counted and never played.
 */
@Timeout(60)
class EchoMediaFaultsTest {

    @RegisterExtension
    static final TestPbx PBX = TestPbx.with(mock -> mock
            .endpoint(new MockEndpoint("101", "pass101", MediaEncryption.SDES))
            .extension("600", DialplanApp.ECHO));

    /** Frames numbered in their first four bytes, so the echo verifier can tell every frame apart. */
    private static MediaSource numberedFrames() {
        int[] next = {0};
        return () -> {
            byte[] frame = new byte[MediaSource.SAMPLES_PER_FRAME];
            java.util.Arrays.fill(frame, (byte) 0x55);
            ByteBuffer.wrap(frame).putInt(next[0]++);
            return frame;
        };
    }

    private static Call callEcho(MediaFault... faults) throws Exception {
        Phone phone = PBX.phone(DeviceProfiles.DIGIUM_D6X_2_9_2,
                PBX.settings("101").mediaFaults(MediaFaults.of(faults)).build());
        Call call = phone.call("600").get(10, TimeUnit.SECONDS);
        assertEquals(200, call.status());
        return call;
    }

    /** Waits until the echo of every packet sent went through the impairment and was counted by the phone. */
    private static ImpairmentTally settle(Call call, long sent) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            ImpairmentTally tally = call.mediaImpairment();
            if (tally.arrived() == sent && tally.inFlight() == 0
                    && call.mediaStats().received() == tally.forwarded() + tally.tampered() + tally.copies()) {
                return tally;
            }
            Thread.sleep(20);
        }
        return call.mediaImpairment();
    }

    @Test
    void lossReorderingAndDuplicationOfTheEchoAreCountedExactlyAcrossARocWrap() throws Exception {
        Call call = callEcho(new PacketLoss(5, 21), new Reorder(5, 3, 22), new Duplicate(5, 23), new RocWrap(60));
        call.sendMedia(numberedFrames(), Duration.ofMillis(3000)).get(20, TimeUnit.SECONDS);
        ImpairmentTally tally = settle(call, 150);
        MediaStats media = call.mediaStats();

        assertEquals(150, media.sent());
        assertEquals(150, tally.arrived(), "the mock authenticated all 150 packets across the wrap and echoed each");
        assertTrue(tally.dropped() > 0 && tally.late() > 0 && tally.duplicated() > 0, tally.describe());
        assertEquals(0, media.authFailures(), "no authentication failure: " + media);
        assertEquals(tally.lost(), media.lost(), "lost");
        assertEquals(tally.late(), media.reordered(), "reordered");
        assertEquals(tally.copies(), media.replays(), "each copy refused as a replay");
        assertEquals(tally.forwarded(), media.verified(), "every echo that got through is a frame the phone sent");
        assertEquals(0, media.mismatched(), "none played twice");
        assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
    }

    @Test
    void tamperedAndReplayedEchoesAreCountedAndNeverPlayed() throws Exception {
        Call call = callEcho(new TamperSrtp(10), new ReplaySrtp(7, 5));
        ToneDetector tone = ToneDetector.builder().frequency(1000).build();
        call.addSink(tone);
        call.sendMedia(ToneSource.milliwatt(G711.PCMU), Duration.ofMillis(2000)).get(20, TimeUnit.SECONDS);
        ImpairmentTally tally = settle(call, 100);
        MediaStats media = call.mediaStats();

        assertEquals(9, tally.tampered(), "echoes 10, 20, ... 90");
        assertEquals(tally.tampered(), media.authFailures(), "each tampered echo fails authentication");
        assertTrue(tally.replayed() > 0, tally.describe());
        assertEquals(tally.replayed(), media.replays(), "each replay refused");
        assertEquals(100 - 9, media.verified(), "only the intact echoes are played");
        assertEquals(0, media.mismatched());
        assertTrue(tone.report().present(), "the intact echoes still carry the tone: " + tone.report());
        assertEquals(200, call.hangup().get(10, TimeUnit.SECONDS));
    }
}
