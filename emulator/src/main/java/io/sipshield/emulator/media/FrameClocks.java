package io.sipshield.emulator.media;

import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link FrameClock} per event loop, shared by every media session whose RTP port runs on that
 * loop: what a load run gives its phones so that N calls cost one 20 ms timer per loop (and the
 * packets of a tick go out together). Without it each session keeps a clock of its own, as a lone
 * device does. Thread-safe.
 */
public final class FrameClocks {

    private final Map<EventLoop, FrameClock> clocks = new ConcurrentHashMap<>();

    /** The clock of {@code loop}, made on first use. */
    public FrameClock on(EventLoop loop) {
        Objects.requireNonNull(loop, "loop");
        return clocks.computeIfAbsent(loop, FrameClock::new);
    }

    /** How many loops have a clock. */
    public int size() {
        return clocks.size();
    }
}
