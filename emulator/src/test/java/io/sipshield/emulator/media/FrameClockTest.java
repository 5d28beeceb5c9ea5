package io.sipshield.emulator.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shared 20 ms clock: one timer for many senders, each ticked once per tick, a failing one dropped. */
@Timeout(20)
class FrameClockTest {

    private static final DefaultEventLoopGroup LOOPS = new DefaultEventLoopGroup(2);

    @AfterAll
    static void shutdown() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A sender of {@code frames} frames that records, per tick of the clock, that it was ticked. */
    private static final class Counting implements FrameClock.Ticking {
        final String name;
        final int frames;
        final List<String> log;
        final CountDownLatch done = new CountDownLatch(1);
        int ticked;

        Counting(String name, int frames, List<String> log) {
            this.name = name;
            this.frames = frames;
            this.log = log;
        }

        @Override
        public boolean tick() {
            ticked++;
            log.add(name + ticked);
            if (ticked == frames) {
                done.countDown();
                return false;
            }
            return true;
        }

        @Override
        public void failed(RuntimeException failure) {
            throw new AssertionError("not expected to fail", failure);
        }
    }

    private static <T> T on(EventLoop loop, Callable<T> task) throws Exception {
        return loop.submit(task).get(5, TimeUnit.SECONDS);
    }

    @Test
    void sendersOnOneClockAreTickedTogetherInTheOrderTheyJoinedAndTheClockStopsWhenTheLastLeaves() throws Exception {
        EventLoop loop = LOOPS.next();
        FrameClock clock = new FrameClock(loop);
        List<String> log = new CopyOnWriteArrayList<>();
        Counting a = new Counting("a", 3, log);
        Counting b = new Counting("b", 5, log);
        on(loop, () -> {
            clock.join(a);
            clock.join(b);
            return null;
        });
        assertTrue(b.done.await(5, TimeUnit.SECONDS));
        // a and b joined in the same task, before the first tick: tick by tick, a before b, a gone after 3
        assertEquals(List.of("a1", "b1", "a2", "b2", "a3", "b3", "b4", "b5"), log);
        assertEquals(5L, on(loop, clock::ticks), "one tick per frame of the longest sender, not one per sender");
        Thread.sleep(100);
        assertEquals(5L, on(loop, clock::ticks), "the timer stopped with the last sender");
        assertEquals(0, (int) on(loop, clock::senders));

        Counting again = new Counting("c", 2, log);
        on(loop, () -> {
            clock.join(again);
            return null;
        });
        assertTrue(again.done.await(5, TimeUnit.SECONDS), "a sender after an idle spell starts the timer again");
        assertEquals(7L, on(loop, clock::ticks));
    }

    @Test
    void aSenderThatThrowsIsDroppedAndToldWhileTheOthersGoOn() throws Exception {
        EventLoop loop = LOOPS.next();
        FrameClock clock = new FrameClock(loop);
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicReference<RuntimeException> told = new AtomicReference<>();
        CountDownLatch failed = new CountDownLatch(1);
        FrameClock.Ticking broken = new FrameClock.Ticking() {
            @Override
            public boolean tick() {
                throw new IllegalStateException("key expired");
            }

            @Override
            public void failed(RuntimeException failure) {
                told.set(failure);
                failed.countDown();
            }
        };
        Counting healthy = new Counting("h", 4, log);
        on(loop, () -> {
            clock.join(broken);
            clock.join(healthy);
            return null;
        });
        assertTrue(failed.await(5, TimeUnit.SECONDS));
        assertTrue(healthy.done.await(5, TimeUnit.SECONDS));
        assertEquals("key expired", told.get().getMessage());
        assertEquals(List.of("h1", "h2", "h3", "h4"), log);
    }

    @Test
    void aSenderJoiningDuringATickStartsAtTheNextTick() throws Exception {
        EventLoop loop = LOOPS.next();
        FrameClock clock = new FrameClock(loop);
        List<String> log = new CopyOnWriteArrayList<>();
        Counting late = new Counting("late", 2, log);
        FrameClock.Ticking starter = new FrameClock.Ticking() {
            @Override
            public boolean tick() {
                log.add("starter");
                clock.join(late); // as a completed send whose callback starts the next one on the same loop
                return false;
            }

            @Override
            public void failed(RuntimeException failure) {
                throw new AssertionError(failure);
            }
        };
        on(loop, () -> {
            clock.join(starter);
            return null;
        });
        assertTrue(late.done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("starter", "late1", "late2"), log);
        assertEquals(3L, on(loop, clock::ticks));
    }

    @Test
    void joiningOffTheClocksLoopIsRefused() {
        FrameClock clock = new FrameClock(LOOPS.next());
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> clock.join(new Counting("x", 1, new ArrayList<>())));
        assertTrue(refused.getMessage().contains("event loop"), refused.getMessage());
    }

    @Test
    void frameClocksKeepOneClockPerEventLoop() {
        FrameClocks clocks = new FrameClocks();
        EventLoop first = LOOPS.next();
        EventLoop second = LOOPS.next();
        assertNotSame(first, second);
        assertSame(clocks.on(first), clocks.on(first));
        assertNotSame(clocks.on(first), clocks.on(second));
        assertSame(first, clocks.on(first).loop());
        assertEquals(2, clocks.size());
    }
}
