package io.sipshield.emulator.ua;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Things that arrive on a phone's connection (requests from the server, ringing calls), kept in
 * arrival order, each handed out at most once to whoever {@link #take takes} it. A taker that
 * finds nothing waits; its timeout runs on the executor it passes (the phone's event loop), so
 * the queue owns no thread. Thread-safe: items arrive on the event loop, takers call from
 * anywhere; futures are completed outside the lock.
 *
 * @param <T> what arrives
 */
public final class ArrivalQueue<T> {

    private final List<T> arrived = new ArrayList<>();
    private final List<T> unconsumed = new ArrayList<>();
    private final List<Waiter<T>> waiters = new ArrayList<>();

    private static final class Waiter<T> {
        final Predicate<? super T> wanted;
        final CompletableFuture<T> result = new CompletableFuture<>();
        ScheduledFuture<?> timeout;

        Waiter(Predicate<? super T> wanted) {
            this.wanted = wanted;
        }
    }

    /** Records an arrival: the oldest waiter that wants it gets it, else it waits to be taken. */
    public void add(T item) {
        Objects.requireNonNull(item, "item");
        Waiter<T> taker = null;
        synchronized (this) {
            arrived.add(item);
            for (Iterator<Waiter<T>> it = waiters.iterator(); it.hasNext(); ) {
                Waiter<T> waiter = it.next();
                if (waiter.wanted.test(item)) {
                    it.remove();
                    taker = waiter;
                    break;
                }
            }
            if (taker == null) {
                unconsumed.add(item);
            }
        }
        if (taker != null) {
            if (taker.timeout != null) {
                taker.timeout.cancel(false);
            }
            taker.result.complete(item);
        }
    }

    /**
     * Completes with the oldest arrival {@code wanted} accepts that nobody took yet, at once when
     * there is one, else when it arrives; fails with a {@link TimeoutException} saying
     * "no {@code what} within {@code timeout}" when none arrives in time.
     *
     * @param timer runs the timeout (the phone's event loop)
     * @param what  names what is awaited, for the timeout's message (e.g. "OPTIONS request")
     */
    public CompletableFuture<T> take(Predicate<? super T> wanted, Duration timeout, ScheduledExecutorService timer,
                                     String what) {
        Objects.requireNonNull(wanted, "wanted");
        if (timeout == null || timeout.isNegative()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "timeout: expected zero or more, got " + timeout));
        }
        Waiter<T> waiter = new Waiter<>(wanted);
        synchronized (this) {
            for (Iterator<T> it = unconsumed.iterator(); it.hasNext(); ) {
                T item = it.next();
                if (wanted.test(item)) {
                    it.remove();
                    return CompletableFuture.completedFuture(item);
                }
            }
            try {
                waiter.timeout = timer.schedule(() -> expire(waiter, what, timeout), timeout.toNanos(),
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "cannot wait for " + what + ": the phone's event loop has shut down", e));
            }
            waiters.add(waiter);
        }
        return waiter.result;
    }

    private void expire(Waiter<T> waiter, String what, Duration timeout) {
        boolean removed;
        synchronized (this) {
            removed = waiters.remove(waiter);
        }
        if (removed) {
            waiter.result.completeExceptionally(new TimeoutException("no " + what + " within " + describe(timeout)));
        }
    }

    /** Every arrival so far, taken or not, in order. */
    public synchronized List<T> arrived() {
        return List.copyOf(arrived);
    }

    /** The arrivals nobody took yet, in order. */
    public synchronized List<T> unconsumed() {
        return List.copyOf(unconsumed);
    }

    /** {@code 500 ms}, {@code 2 s}, {@code 1.5 s}: a timeout as a person writes it. */
    static String describe(Duration timeout) {
        long millis = timeout.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.3f s", millis / 1000.0)
                .replaceAll("0+ s$", " s");
    }
}
