package io.sipshield.harness.load;

import io.netty.channel.EventLoop;
import io.sipshield.emulator.Call;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.media.MediaStats;
import io.sipshield.emulator.rtp.MediaSource;
import io.sipshield.emulator.rtp.SilenceSource;
import io.sipshield.emulator.rtp.ToneSource;
import io.sipshield.emulator.tls.TlsReport;
import io.sipshield.emulator.ua.FlowInterruption;
import io.sipshield.emulator.ua.FlowRecovery;
import io.sipshield.emulator.ua.RegistrationResult;
import io.sipshield.emulator.ua.TransactionTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One phone's script in a load run: connect, register, then keep the registration (refresh before
 * it expires, CRLF keep-alives) while placing its echo calls one after the other. Every step is a
 * callback on the phone's futures and every wait a timer on a shared event loop: no thread of its
 * own. A failed connect or registration ends the phone; a failed call is counted and the next one
 * placed. With a {@link LoadRun#reconnect()} policy a connection that fails under a registered phone is
 * not the end: the phone recovers it (RFC 5626 §4.5), the drop and the recovery are counted, and the
 * script carries on (refresh, keep-alives, the next call) once it is registered again.
 */
final class LoadPhone {

    private static final Duration MEDIA_DRAIN_ALLOWANCE = Duration.ofSeconds(2);

    private final Phone phone;
    private final LoadRun run;
    private final LoadMetrics metrics;
    private final EventLoop timers;
    private final AtomicBoolean registered = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean everRegistered = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> reRegisterTimer;
    private volatile ScheduledFuture<?> keepAliveTimer;
    private int callsLeft;
    /** A call was due while the phone was recovering its connection: it is placed once recovered. */
    private volatile boolean callDeferred;

    LoadPhone(Phone phone, LoadRun run, LoadMetrics metrics, EventLoop timers) {
        this.phone = phone;
        this.run = run;
        this.metrics = metrics;
        this.timers = timers;
        this.callsLeft = run.callsPerPhone();
        phone.addFlowListener(new FlowRecovery.Listener() {
            @Override
            public void dropped(FlowInterruption interruption) {
                onDropped();
            }

            @Override
            public void recovered(FlowInterruption interruption, RegistrationResult registration) {
                onRecovered(registration);
            }

            @Override
            public void gaveUp(FlowInterruption interruption) {
                if (!stopped) {
                    end("connection lost, reconnection given up");
                }
            }
        });
    }

    /** The connection failed under the registered phone: timers stop until the phone is registered again. */
    private void onDropped() {
        metrics.drops.incrementAndGet();
        if (registered.compareAndSet(true, false)) {
            metrics.registered.decrementAndGet();
        }
        cancelTimers();
    }

    /** The phone reconnected and registered again: back to refreshing, keeping alive and calling. */
    private void onRecovered(RegistrationResult registration) {
        metrics.recoveries.incrementAndGet();
        TlsReport reconnect = phone.lastTlsReport();
        if (reconnect != null && reconnect.established()) {
            countHandshake(reconnect);
        }
        if (stopped) {
            return;
        }
        if (registered.compareAndSet(false, true)) {
            metrics.registered.incrementAndGet();
            countFirstRegistration();
        }
        scheduleReRegister(registration);
        scheduleKeepAlive();
        if (callDeferred) {
            callDeferred = false;
            nextCall();
        }
    }

    private void countFirstRegistration() {
        if (everRegistered.compareAndSet(false, true)) {
            metrics.firstRegistrations.incrementAndGet();
            metrics.lastFirstRegistrationNanos.accumulateAndGet(System.nanoTime(), Math::max);
        }
    }

    /** Whether a failure is the phone's connection failing, which its recovery (if any) takes care of. */
    private boolean recoveryHandles(Throwable failure) {
        if (!run.reconnect().enabled()) {
            return false;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return phone.recovering() || cause instanceof ClosedChannelException
                || cause instanceof TransactionTimeoutException;
    }

    /** One more handshake, resumed or full as its report says. */
    private void countHandshake(TlsReport report) {
        metrics.handshakes.incrementAndGet();
        if (report.resumed()) {
            metrics.resumedHandshakes.incrementAndGet();
        }
    }

    void start() {
        metrics.started.incrementAndGet();
        long begun = System.nanoTime();
        phone.connect().orTimeout(timeoutMillis(), TimeUnit.MILLISECONDS).whenComplete((report, failure) -> {
            if (stopped) {
                return;
            }
            if (failure != null) {
                end(FailureCauses.error("connect", failure));
            } else if (!report.established()) {
                end(FailureCauses.tls(report));
            } else {
                metrics.record(Latency.TLS_HANDSHAKE, System.nanoTime() - begun);
                countHandshake(report);
                register(false);
            }
        });
    }

    private void register(boolean refresh) {
        String step = refresh ? "re-register" : "register";
        long begun = System.nanoTime();
        phone.register().orTimeout(timeoutMillis(), TimeUnit.MILLISECONDS).whenComplete((result, failure) -> {
            if (stopped) {
                return;
            }
            if (failure != null && recoveryHandles(failure)) {
                callDeferred |= !refresh;
                return; // the phone is recovering its connection; onRecovered resumes the script
            }
            if (failure != null) {
                end(FailureCauses.error(step, failure));
            } else if (!result.registered()) {
                end(FailureCauses.sip(step, result.status()));
            } else {
                metrics.record(Latency.REGISTER, System.nanoTime() - begun);
                scheduleReRegister(result);
                if (refresh) {
                    metrics.reRegistrations.incrementAndGet();
                } else {
                    if (registered.compareAndSet(false, true)) {
                        metrics.registered.incrementAndGet();
                        countFirstRegistration();
                    }
                    scheduleKeepAlive();
                    nextCall();
                }
            }
        });
    }

    /** Refreshes after {@link LoadRun#reRegisterAt()} of the granted expiry (the asked one when the answer gave none). */
    private void scheduleReRegister(RegistrationResult result) {
        int granted = result.expires() > 0 ? result.expires() : run.registerExpires();
        long delayMillis = Math.max(500, Math.round(granted * 1000 * run.reRegisterAt()));
        reRegisterTimer = timers.schedule(() -> {
            if (!stopped) {
                register(true);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** The next keep-alive after 80% to 100% of the interval (RFC 5626 §4.4.1 jitter). */
    private void scheduleKeepAlive() {
        long interval = run.keepAliveInterval().toMillis();
        long delay = ThreadLocalRandom.current().nextLong(interval * 8 / 10, interval + 1);
        keepAliveTimer = timers.schedule(this::keepAlive, delay, TimeUnit.MILLISECONDS);
    }

    private void keepAlive() {
        if (stopped) {
            return;
        }
        if (!phone.connected()) {
            if (!recoveryHandles(new ClosedChannelException())) {
                end(FailureCauses.closed());
            }
            return;
        }
        phone.sendKeepAlive().whenComplete((done, failure) -> {
            if (failure != null) {
                if (!stopped && !recoveryHandles(failure)) {
                    end(FailureCauses.closed());
                }
            } else {
                metrics.keepAlives.incrementAndGet();
                scheduleKeepAlive();
            }
        });
    }

    private void nextCall() {
        if (stopped) {
            return;
        }
        if (callsLeft == 0) {
            finish();
            return;
        }
        if (phone.recovering()) {
            callDeferred = true;
            return;
        }
        callsLeft--;
        long begun = System.nanoTime();
        phone.call(run.extension()).orTimeout(timeoutMillis(), TimeUnit.MILLISECONDS).whenComplete((call, failure) -> {
            if (stopped) {
                return;
            }
            if (failure != null) {
                metrics.fail(FailureCauses.error("call", failure));
                nextCall();
            } else if (!call.answered()) {
                metrics.fail(FailureCauses.sip("call", call.status()));
                nextCall();
            } else if (!call.hasMedia()) {
                metrics.fail("call answer unusable");
                hangup(call);
            } else {
                metrics.record(Latency.CALL_SETUP, System.nanoTime() - begun);
                talk(call);
            }
        });
    }

    private void talk(Call call) {
        metrics.inCall.incrementAndGet();
        EchoTiming timing = new EchoTiming(source(call), metrics);
        call.addSink(timing);
        long limit = run.callDuration().plus(MEDIA_DRAIN_ALLOWANCE).toMillis() + timeoutMillis();
        call.sendMedia(timing, run.callDuration()).orTimeout(limit, TimeUnit.MILLISECONDS)
                .whenComplete((stats, failure) -> {
                    metrics.inCall.decrementAndGet();
                    if (failure != null) {
                        metrics.fail(FailureCauses.error("media", failure));
                    } else {
                        count(stats);
                    }
                    if (!stopped) {
                        hangup(call);
                    }
                });
    }

    private void count(MediaStats stats) {
        metrics.mediaSent.addAndGet(stats.sent());
        metrics.mediaEchoed.addAndGet(stats.verified());
        metrics.srtpAuthFailures.addAndGet(stats.authFailures());
        if (stats.authFailures() > 0) {
            metrics.fail("media srtp auth failure");
        }
        if (stats.sent() > 0 && stats.verified() == 0) {
            metrics.fail("media no echo");
        }
    }

    private void hangup(Call call) {
        call.hangup().orTimeout(timeoutMillis(), TimeUnit.MILLISECONDS).whenComplete((status, failure) -> {
            if (stopped) {
                return;
            }
            if (failure != null) {
                metrics.fail(FailureCauses.error("bye", failure));
            } else if (status >= 300) {
                metrics.fail(FailureCauses.sip("bye", status));
            } else {
                metrics.calls.incrementAndGet();
            }
            nextCall();
        });
    }

    private MediaSource source(Call call) {
        return run.media() == MediaKind.SILENCE ? new SilenceSource(call.codec()) : ToneSource.milliwatt(call.codec());
    }

    /** A step that ends the phone: counted once, the registration (if any) no longer counted, timers stopped. */
    private void end(String cause) {
        metrics.fail(cause);
        if (registered.compareAndSet(true, false)) {
            metrics.registered.decrementAndGet();
        }
        cancelTimers();
        finish();
    }

    private void finish() {
        if (finished.compareAndSet(false, true)) {
            metrics.finished.incrementAndGet();
        }
    }

    private void cancelTimers() {
        ScheduledFuture<?> refresh = reRegisterTimer;
        ScheduledFuture<?> keepAlive = keepAliveTimer;
        if (refresh != null) {
            refresh.cancel(false);
        }
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
    }

    /**
     * Stops the script (no new step starts, timers cancelled) and, when asked and registered,
     * removes the binding. Completes when done, never exceptionally.
     */
    CompletableFuture<Void> stop(boolean unregister) {
        stopped = true;
        cancelTimers();
        if (!unregister || !registered.get() || !phone.connected()) {
            return CompletableFuture.completedFuture(null);
        }
        return phone.unregister().orTimeout(timeoutMillis(), TimeUnit.MILLISECONDS)
                .handle((result, failure) -> null);
    }

    /** Closes the connection; blocks until closed, so never on an event loop. */
    void close() {
        phone.close();
    }

    private long timeoutMillis() {
        return run.stepTimeout().toMillis();
    }

}
