package io.sipshield.emulator.media;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The 20 ms packetization clock (RFC 3551 §4.5: G.711 at 20 ms per packet) of the media senders on
 * one event loop: one timer ticks them all, in the order they joined, so a thousand calls on a loop
 * cost one timer instead of a thousand and their packets leave in one burst per tick, which the
 * receiving side reads in few wake-ups instead of one per packet. A sender that joins starts at the
 * next tick; the timer stops when the last sender leaves and starts again with the next.
 *
 * <p>Confined to its event loop: {@link #join} must be called on it. A sender that throws is dropped
 * and told so; the others go on.
 */
public final class FrameClock {

    /** What the clock drives: one frame per tick. */
    public interface Ticking {
        /** Sends this tick's frame; false when done (the clock forgets it). */
        boolean tick();

        /** The tick threw {@code failure}; the clock has dropped this sender. */
        void failed(RuntimeException failure);
    }

    static final long FRAME_MILLIS = 20;

    private final EventLoop loop;
    private final List<Ticking> senders = new ArrayList<>();
    private ScheduledFuture<?> timer;
    private long ticks;

    /** A clock on {@code loop}; it schedules nothing until a sender joins. */
    public FrameClock(EventLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    public EventLoop loop() {
        return loop;
    }

    /**
     * Adds a sender; it is ticked from the next tick on (at once when the clock was idle).
     *
     * @throws IllegalStateException when called off the clock's event loop
     */
    public void join(Ticking sender) {
        Objects.requireNonNull(sender, "sender");
        if (!loop.inEventLoop()) {
            throw new IllegalStateException("a frame clock is joined on its own event loop");
        }
        senders.add(sender);
        if (timer == null) {
            timer = loop.scheduleAtFixedRate(this::tick, 0, FRAME_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** How many senders the clock drives now. On the clock's event loop. */
    public int senders() {
        return senders.size();
    }

    /** How many times the clock has ticked since it was made. On the clock's event loop. */
    public long ticks() {
        return ticks;
    }

    private void tick() {
        ticks++;
        // the senders that joined during this tick (a completion that starts the next send) wait for the next
        int count = senders.size();
        int kept = 0;
        for (int i = 0; i < count; i++) {
            Ticking sender = senders.get(i);
            if (tickOne(sender)) {
                senders.set(kept++, sender);
            }
        }
        senders.subList(kept, count).clear();
        if (senders.isEmpty()) {
            timer.cancel(false);
            timer = null;
        }
    }

    private static boolean tickOne(Ticking sender) {
        try {
            return sender.tick();
        } catch (RuntimeException e) {
            sender.failed(e);
            return false;
        }
    }
}
