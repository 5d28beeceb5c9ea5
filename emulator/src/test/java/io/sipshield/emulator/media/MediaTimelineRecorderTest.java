package io.sipshield.emulator.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipshield.emulator.rtp.RtpPacket;
import io.sipshield.emulator.srtp.SrtpStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Packets fed at known times land in the right 100 ms buckets with their loss, jitter and failures. */
class MediaTimelineRecorderTest {

    private static final long MS = 1_000_000;
    /** An arbitrary nanoTime origin: the timeline is relative to the first event. */
    private static final long T0 = 5_000_000_000L;

    private final MediaTimelineRecorder recorder = new MediaTimelineRecorder(8000);

    /** Packet {@code seq} of a 20 ms stream, arriving authenticated at {@code millis}. */
    private void arrive(int seq, long millis) {
        long at = T0 + millis * MS;
        recorder.datagram(SrtpStatus.OK, at);
        recorder.received(new RtpPacket(0, false, seq, 1000 + 160L * seq, 0x1234, new byte[160]), at);
    }

    private void send(long millis) {
        recorder.sent(T0 + millis * MS);
    }

    @Test
    void anEvenStreamFillsFiveFramesPerBucketWithoutLossOrJitter() {
        for (int i = 0; i < 25; i++) { // 500 ms both ways
            send(20L * i);
            arrive(i, 20L * i + 3);
        }
        MediaTimeline timeline = recorder.snapshot();
        assertEquals(Duration.ofMillis(100), timeline.interval());
        assertEquals(5, timeline.buckets().size());
        for (int b = 0; b < 5; b++) {
            MediaTimeline.Bucket bucket = timeline.buckets().get(b);
            assertEquals(100.0 * b, bucket.startMillis(), 1e-9);
            assertEquals(5, bucket.sent(), "bucket " + b);
            assertEquals(5, bucket.received(), "bucket " + b);
            assertEquals(0, bucket.lost());
            assertEquals(0.0, bucket.jitterMillis(), 1e-9);
            assertEquals(0, bucket.authFailures());
        }
        assertEquals(25, timeline.sent());
        assertEquals(25, timeline.received());
        assertFalse(timeline.truncated());
    }

    @Test
    void aGapCountsAsLostInTheBucketWhereThePacketAfterItArrives() {
        arrive(0, 0);
        arrive(1, 20);
        arrive(5, 100); // 2, 3 and 4 missing; noticed in bucket 1
        arrive(6, 120);
        MediaTimeline timeline = recorder.snapshot();
        assertEquals(List.of(0L, 3L), timeline.buckets().stream().map(MediaTimeline.Bucket::lost).toList());
        assertEquals(List.of(2L, 2L), timeline.buckets().stream().map(MediaTimeline.Bucket::received).toList());
    }

    @Test
    void aLatePacketThatFillsAGapNeverMakesLossNegative() {
        arrive(0, 0);
        arrive(2, 40); // 1 missing in bucket 0
        arrive(1, 110); // 1 arrives late in bucket 1
        arrive(3, 120);
        MediaTimeline timeline = recorder.snapshot();
        assertEquals(List.of(1L, 0L), timeline.buckets().stream().map(MediaTimeline.Bucket::lost).toList());
    }

    @Test
    void jitterIsTheRfc3550EstimateAtTheEndOfEachBucket() {
        arrive(0, 0);
        arrive(1, 20);
        arrive(2, 48); // 8 ms late: D = 64 timestamp units, J = 64/16 = 4 units = 0.5 ms
        arrive(3, 140); // bucket 1: 32 ms early relative to 48: D = |(140-48)*8 - 160| = 576; J = 4 + (576-4)/16
        MediaTimeline timeline = recorder.snapshot();
        assertEquals(0.5, timeline.buckets().get(0).jitterMillis(), 1e-9);
        assertEquals((4 + (576 - 4) / 16.0) / 8.0, timeline.buckets().get(1).jitterMillis(), 1e-9);
    }

    @Test
    void silentIntervalsArePresentAsEmptyBucketsKeepingTheJitter() {
        arrive(0, 0);
        arrive(1, 28); // jitter 64/16 units = 0.5 ms
        send(350);
        MediaTimeline timeline = recorder.snapshot();
        assertEquals(4, timeline.buckets().size());
        MediaTimeline.Bucket quiet = timeline.buckets().get(2);
        assertEquals(200.0, quiet.startMillis(), 1e-9);
        assertEquals(0, quiet.sent() + quiet.received() + quiet.lost());
        assertEquals(0.5, quiet.jitterMillis(), 1e-9);
        assertEquals(1, timeline.buckets().get(3).sent());
    }

    @Test
    void authenticationFailuresAreCountedAsReceivedAndFailedButNotForLoss() {
        arrive(0, 0);
        recorder.datagram(SrtpStatus.AUTH_FAIL, T0 + 130 * MS);
        recorder.datagram(SrtpStatus.AUTH_FAIL, T0 + 150 * MS);
        recorder.datagram(SrtpStatus.REPLAY, T0 + 160 * MS);
        MediaTimeline.Bucket bucket = recorder.snapshot().buckets().get(1);
        assertEquals(3, bucket.received());
        assertEquals(2, bucket.authFailures());
        assertEquals(0, bucket.lost());
    }

    @Test
    void anEventStampedBeforeTheOpenBucketCountsInIt() {
        send(250);
        send(120); // read the clock earlier, on another thread
        recorder.sent(T0 - 5 * MS);
        MediaTimeline timeline = recorder.snapshot();
        assertEquals(1, timeline.buckets().size());
        assertEquals(3, timeline.buckets().get(0).sent());
    }

    @Test
    void theNumberOfBucketsIsCappedAndTheTimelineSaysItWasTruncated() {
        MediaTimelineRecorder small = new MediaTimelineRecorder(8000, Duration.ofMillis(100), 3);
        small.sent(T0);
        small.sent(T0 + 250 * MS);
        assertFalse(small.snapshot().truncated());
        small.sent(T0 + 60_000 * MS); // a minute later: beyond the third bucket
        small.sent(T0 + 60_020 * MS);
        MediaTimeline timeline = small.snapshot();
        assertEquals(3, timeline.buckets().size());
        assertTrue(timeline.truncated());
        assertEquals(2, timeline.sent());
    }

    @Test
    void nothingRecordedIsAnEmptyTimeline() {
        MediaTimeline timeline = recorder.snapshot();
        assertTrue(timeline.isEmpty());
        assertFalse(timeline.truncated());
        assertTrue(MediaTimeline.EMPTY.isEmpty());
    }

    @Test
    void noBucketsRecordsNothingAndSaysSo() {
        MediaTimelineRecorder off = new MediaTimelineRecorder(8000, Duration.ofMillis(100), 0);
        off.sent(T0);
        off.datagram(SrtpStatus.OK, T0 + MS);
        MediaTimeline timeline = off.snapshot();
        assertTrue(timeline.isEmpty());
        assertTrue(timeline.truncated());
    }

    @Test
    void rejectsAnIntervalUnderAMillisecondAndANegativeCap() {
        IllegalArgumentException interval = assertThrows(IllegalArgumentException.class,
                () -> new MediaTimelineRecorder(8000, Duration.ofNanos(999_999), 10));
        assertTrue(interval.getMessage().startsWith("interval: expected at least 1 ms"), interval.getMessage());
        IllegalArgumentException cap = assertThrows(IllegalArgumentException.class,
                () -> new MediaTimelineRecorder(8000, Duration.ofMillis(100), -1));
        assertEquals("maxBuckets: expected 0 or more, got -1", cap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MediaTimelineRecorder(0));
        assertThrows(IllegalArgumentException.class, () -> new MediaTimeline(Duration.ZERO, List.of(), false));
    }
}
