package io.sipshield.harness.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ActiveChannelsTest {

    private final ActiveChannels channels = new ActiveChannels();

    @Test
    void countsOpenLegsPerEndpoint() {
        channels.opened("101", "call-a");
        channels.opened("101", "call-b");
        channels.opened("102", "call-c");
        assertEquals(2, channels.count("101"));
        assertEquals(1, channels.count("102"));
        assertEquals(0, channels.count("103"));
        assertEquals(List.of(new ActiveChannels.Channel("101", "call-a"), new ActiveChannels.Channel("101", "call-b"),
                new ActiveChannels.Channel("102", "call-c")), channels.channels());
    }

    @Test
    void aClosedLegNoLongerCountsAndClosingTwiceOrUnknownIsHarmless() {
        channels.opened("101", "call-a");
        channels.opened("101", "call-b");
        channels.closed("call-a");
        channels.closed("call-a");
        channels.closed("never-opened");
        assertEquals(1, channels.count("101"));
        channels.closed("call-b");
        assertEquals(0, channels.count("101"));
        assertEquals(List.of(), channels.channels());
    }

    @Test
    void reopeningACallIdCountsItOnceUnderItsLatestEndpoint() {
        channels.opened("101", "call-a");
        channels.opened("102", "call-a");
        assertEquals(0, channels.count("101"));
        assertEquals(1, channels.count("102"));
    }

    @Test
    void opensAndClosesFromManyThreadsWithoutLosingALeg() throws Exception {
        int threads = 4;
        int legs = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String endpoint = "10" + t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < legs; i++) {
                        channels.opened(endpoint, endpoint + "-" + i);
                    }
                    for (int i = 0; i < legs; i += 2) {
                        channels.closed(endpoint + "-" + i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int t = 0; t < threads; t++) {
            assertEquals(legs / 2, channels.count("10" + t));
        }
        assertEquals(threads * legs / 2, channels.channels().size());
    }
}
