package io.sipshield.emulator.ua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ArrivalQueueTest {

    private final EventLoop loop = new DefaultEventLoop();
    private final ArrivalQueue<String> queue = new ArrivalQueue<>();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void anEarlierArrivalIsTakenAtOnceOldestFirstAndOnlyOnce() throws Exception {
        queue.add("OPTIONS 1");
        queue.add("INVITE 1");
        queue.add("OPTIONS 2");
        assertEquals("OPTIONS 1", queue.take(s -> s.startsWith("OPTIONS"), Duration.ZERO, loop, "OPTIONS").getNow(null));
        assertEquals("OPTIONS 2", queue.take(s -> s.startsWith("OPTIONS"), Duration.ZERO, loop, "OPTIONS").getNow(null));
        assertEquals(List.of("INVITE 1"), queue.unconsumed());
        assertEquals(List.of("OPTIONS 1", "INVITE 1", "OPTIONS 2"), queue.arrived());
    }

    @Test
    void aWaiterGetsTheFirstMatchingArrivalAndOthersStayUnconsumed() throws Exception {
        CompletableFuture<String> waiting = queue.take(s -> s.startsWith("BYE"), Duration.ofSeconds(5), loop, "BYE");
        queue.add("OPTIONS 1");
        assertFalse(waiting.isDone());
        queue.add("BYE 1");
        assertEquals("BYE 1", waiting.get(1, TimeUnit.SECONDS));
        assertEquals(List.of("OPTIONS 1"), queue.unconsumed());
    }

    @Test
    void twoWaitersForTheSameThingAreServedInOrder() throws Exception {
        CompletableFuture<String> first = queue.take(s -> true, Duration.ofSeconds(5), loop, "anything");
        CompletableFuture<String> second = queue.take(s -> true, Duration.ofSeconds(5), loop, "anything");
        queue.add("a");
        queue.add("b");
        assertEquals("a", first.get(1, TimeUnit.SECONDS));
        assertEquals("b", second.get(1, TimeUnit.SECONDS));
        assertTrue(queue.unconsumed().isEmpty());
    }

    @Test
    void aWaiterThatTimesOutFailsNamingWhatAndHowLongAndMissesLaterArrivals() throws Exception {
        CompletableFuture<String> waiting = queue.take(s -> true, Duration.ofMillis(1500), loop, "NOTIFY request");
        ExecutionException failed = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, failed.getCause());
        assertEquals("no NOTIFY request within 1.5 s", failed.getCause().getMessage());
        queue.add("NOTIFY 1");
        assertEquals(List.of("NOTIFY 1"), queue.unconsumed(), "the expired waiter took nothing");
    }

    @Test
    void aNegativeTimeoutIsRefused() {
        CompletableFuture<String> refused = queue.take(s -> true, Duration.ofSeconds(-1), loop, "x");
        ExecutionException failed = assertThrows(ExecutionException.class, () -> refused.get(1, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, failed.getCause());
    }

    @Test
    void timeoutsReadAsAPersonWritesThem() {
        assertEquals("250 ms", ArrivalQueue.describe(Duration.ofMillis(250)));
        assertEquals("2 s", ArrivalQueue.describe(Duration.ofSeconds(2)));
        assertEquals("1.5 s", ArrivalQueue.describe(Duration.ofMillis(1500)));
        assertEquals("1.25 s", ArrivalQueue.describe(Duration.ofMillis(1250)));
    }
}
