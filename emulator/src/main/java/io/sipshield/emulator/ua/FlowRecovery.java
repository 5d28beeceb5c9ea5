package io.sipshield.emulator.ua;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * A phone's flow recovery (RFC 5626 §4.4-4.5): once the phone wants to be registered, a failure of
 * its connection (closed or reset by the server, or a REGISTER that timed out) ends the calls on it
 * and starts a series of attempts, each a new connection and a REGISTER, spaced as the
 * {@link ReconnectPolicy} says, until one registers (recovered) or the policy gives up. Each
 * failure is kept as a {@link FlowInterruption} so a test or a scenario can assert on it.
 *
 * <p>Every wait is a timer on the phone's event loop: no thread of its own. Thread-safe: the old
 * connection's loop reports the drop, the timer loop runs the attempts, tests read from anywhere.
 */
public final class FlowRecovery {

    /** What the recovery asks of the phone. */
    public interface Flow {

        /**
         * Opens a new connection and registers over it; completes with the registrar's answer, or fails
         * (the connection's failure, a TLS report that did not establish, a timeout). The new connection
         * is closed again when the attempt does not register.
         */
        CompletableFuture<RegistrationResult> reconnect();

        /** Ends every call whose dialog ran over the failed connection; returns how many. */
        int endCalls(String cause);

        /** Closes the current connection (after a transaction timed out on it). */
        void closeConnection();
    }

    /** Told of each drop, recovery and surrender, on the event loop where it happened. Must not block. */
    public interface Listener {
        default void dropped(FlowInterruption interruption) {
        }

        default void recovered(FlowInterruption interruption, RegistrationResult registration) {
        }

        default void gaveUp(FlowInterruption interruption) {
        }
    }

    private final ReconnectPolicy policy;
    private final ScheduledExecutorService timer;
    private final DoubleSupplier random;
    private final Flow flow;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<FlowInterruption> history = new ArrayList<>();
    private final ArrivalQueue<FlowInterruption> recoveries = new ArrivalQueue<>();
    private boolean wanted;
    private boolean stopped;
    private Object connection;
    /** Index in {@link #history} of the interruption being recovered, or -1. */
    private int current = -1;
    private ScheduledFuture<?> nextAttempt;

    /**
     * @param timer  runs the waits (the phone's event loop)
     * @param random numbers in [0, 1) for the RFC's jitter
     */
    public FlowRecovery(ReconnectPolicy policy, ScheduledExecutorService timer, DoubleSupplier random, Flow flow) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.random = Objects.requireNonNull(random, "random");
        this.flow = Objects.requireNonNull(flow, "flow");
    }

    public ReconnectPolicy policy() {
        return policy;
    }

    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The phone sends a REGISTER over {@code connection}: from now on a failure of it is recovered. */
    public synchronized void registrationWanted(Object connection) {
        if (current < 0) {
            this.connection = connection;
        }
        wanted = true;
    }

    /** The phone unregisters: a later failure is not recovered. */
    public synchronized void registrationNotWanted() {
        wanted = false;
    }

    /**
     * {@code connection} closed; {@code cause} says why when known. Starts a recovery when it is the
     * flow the phone registers over, the policy recovers, and no recovery runs yet.
     */
    public void connectionClosed(Object connection, String cause) {
        failed(connection, cause, false);
    }

    /** A transaction on {@code connection} timed out: the flow is failed (RFC 5626 §4.4) and closed. */
    public void transactionTimedOut(Object connection, String cause) {
        failed(connection, cause, true);
    }

    /**
     * A CRLF keep-alive ping on {@code connection} got no pong in time ({@link PongWatch}): the flow is failed
     * (RFC 5626 §4.4.1), so it is closed and recovered as after a transaction timeout.
     */
    public void keepAliveUnanswered(Object connection, String cause) {
        failed(connection, cause, true);
    }

    private void failed(Object failedConnection, String cause, boolean close) {
        FlowInterruption dropped;
        synchronized (this) {
            if (stopped || !wanted || current >= 0 || failedConnection != connection || !policy.enabled()) {
                if (!policy.enabled() && !stopped && wanted && failedConnection == connection && current < 0) {
                    history.add(FlowInterruption.dropped(Instant.now(), cause, 0).givenUp());
                }
                return;
            }
            dropped = FlowInterruption.dropped(Instant.now(), cause, 0);
            history.add(dropped);
            current = history.size() - 1;
        }
        if (close) {
            flow.closeConnection();
        }
        int ended = flow.endCalls("connection lost: " + cause);
        synchronized (this) {
            dropped = new FlowInterruption(dropped.droppedAt(), cause, ended, 0, null, null, false);
            history.set(current, dropped);
        }
        FlowInterruption told = dropped;
        listeners.forEach(listener -> listener.dropped(told));
        scheduleAttempt(0);
    }

    private synchronized void scheduleAttempt(int failuresSoFar) {
        if (stopped) {
            return;
        }
        Duration wait = policy.jitteredWait(failuresSoFar, false, random);
        try {
            nextAttempt = timer.schedule(this::attempt, wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            stopped = true; // the event loops are shutting down: nothing left to recover with
        }
    }

    private void attempt() {
        synchronized (this) {
            if (stopped || current < 0) {
                return;
            }
        }
        CompletableFuture<RegistrationResult> attempt;
        try {
            attempt = flow.reconnect();
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        attempt.whenComplete((registration, failure) -> {
            if (failure == null && registration.registered()) {
                recovered(registration);
            } else {
                attemptFailed(failure != null ? describe(failure)
                        : "REGISTER answered " + registration.status() + " " + registration.reason());
            }
        });
    }

    private void recovered(RegistrationResult registration) {
        FlowInterruption done;
        synchronized (this) {
            if (current < 0) {
                return;
            }
            done = history.get(current).recovered(Instant.now());
            history.set(current, done);
            current = -1;
        }
        recoveries.add(done);
        listeners.forEach(listener -> listener.recovered(done, registration));
    }

    private void attemptFailed(String why) {
        FlowInterruption failed;
        boolean again;
        synchronized (this) {
            if (current < 0 || stopped) {
                return;
            }
            failed = history.get(current).attemptFailed(why);
            again = policy.mayAttempt(failed.attempts());
            if (!again) {
                failed = failed.givenUp();
            }
            history.set(current, failed);
            if (!again) {
                current = -1;
                wanted = false;
            }
        }
        if (again) {
            scheduleAttempt(failed.attempts());
        } else {
            FlowInterruption told = failed;
            listeners.forEach(listener -> listener.gaveUp(told));
        }
    }

    /** The connection now carrying the flow (after a recovery's successful attempt). */
    public synchronized void connectionReplaced(Object connection) {
        this.connection = connection;
    }

    /** Every interruption so far, oldest first, each as it stands now. */
    public synchronized List<FlowInterruption> interruptions() {
        return List.copyOf(history);
    }

    /** Whether a recovery is running (the phone is between a drop and a new registration). */
    public synchronized boolean recovering() {
        return current >= 0;
    }

    /**
     * The oldest recovery nobody took yet, at once or when it happens; fails with a
     * {@link java.util.concurrent.TimeoutException} ("no recovery of the phone's connection within 5 s").
     */
    public CompletableFuture<FlowInterruption> awaitRecovery(Duration timeout) {
        return recoveries.take(interruption -> true, timeout, timer, "recovery of the phone's connection");
    }

    /**
     * The phone closes: no more attempts, and its own close is not a drop. A recovery still running ends
     * as given up.
     */
    public void stop() {
        ScheduledFuture<?> pending;
        synchronized (this) {
            stopped = true;
            pending = nextAttempt;
            if (current >= 0) {
                history.set(current, history.get(current).givenUp());
                current = -1;
            }
        }
        if (pending != null) {
            pending.cancel(false);
        }
    }

    /** The phone connects again after {@link #stop()}: failures are recovered again. */
    public synchronized void resume() {
        stopped = false;
    }

    /** A failure as one line: a timeout's message, a closed connection's cause, an exception's class and message. */
    public static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof java.nio.channels.ClosedChannelException) {
            return cause.getCause() == null ? "connection closed" : "connection closed: " + describe(cause.getCause());
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
