package io.sipshield.emulator.ua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlowRecoveryTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Object connection = new Object();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    /** A phone whose first {@code failures} attempts fail to connect, then register. */
    private static final class FakeFlow implements FlowRecovery.Flow {
        final AtomicInteger attempts = new AtomicInteger();
        final List<String> ended = new ArrayList<>();
        final int failures;
        int closed;

        FakeFlow(int failures) {
            this.failures = failures;
        }

        @Override
        public CompletableFuture<RegistrationResult> reconnect() {
            return attempts.incrementAndGet() <= failures
                    ? CompletableFuture.failedFuture(new IOException("cannot connect to 127.0.0.1:5061: refused"))
                    : CompletableFuture.completedFuture(new RegistrationResult(200, 300, "OK"));
        }

        @Override
        public int endCalls(String cause) {
            ended.add(cause);
            return 1;
        }

        @Override
        public void closeConnection() {
            closed++;
        }
    }

    @Test
    void aDropIsRecoveredAfterFailedAttemptsAndRecorded() throws Exception {
        FakeFlow flow = new FakeFlow(2);
        FlowRecovery recovery = new FlowRecovery(ReconnectPolicy.of(Duration.ofMillis(10), Duration.ofMillis(40)),
                timer, () -> 0.5, flow);
        recovery.registrationWanted(connection);
        recovery.connectionClosed(connection, "closed by the server");
        FlowInterruption done = recovery.awaitRecovery(Duration.ofSeconds(5)).get(6, TimeUnit.SECONDS);
        assertEquals(3, done.attempts());
        assertEquals("cannot connect to 127.0.0.1:5061: refused", done.lastFailure());
        assertEquals(1, done.callsEnded());
        assertEquals(List.of("connection lost: closed by the server"), flow.ended);
        assertEquals(List.of(done), recovery.interruptions());
        assertFalse(recovery.recovering());
    }

    @Test
    void aCloseOfAnotherConnectionOrBeforeRegisteringIsNotADrop() {
        FakeFlow flow = new FakeFlow(0);
        FlowRecovery recovery = new FlowRecovery(ReconnectPolicy.of(Duration.ofMillis(10), Duration.ofMillis(40)),
                timer, () -> 0.5, flow);
        recovery.connectionClosed(connection, "closed by the server");
        assertTrue(recovery.interruptions().isEmpty(), "never asked to register");
        recovery.registrationWanted(connection);
        recovery.connectionClosed(new Object(), "closed by the server");
        assertTrue(recovery.interruptions().isEmpty(), "a stale connection");
        recovery.registrationNotWanted();
        recovery.connectionClosed(connection, "closed by the server");
        assertTrue(recovery.interruptions().isEmpty(), "unregistered");
        assertEquals(0, flow.attempts.get());
    }

    @Test
    void aTimeoutClosesTheConnectionAndTheSeriesGivesUpAtMaxAttempts() throws Exception {
        FakeFlow flow = new FakeFlow(Integer.MAX_VALUE);
        FlowRecovery recovery = new FlowRecovery(ReconnectPolicy.of(Duration.ofMillis(5), Duration.ofMillis(10))
                .withMaxAttempts(3), timer, () -> 0.0, flow);
        CompletableFuture<FlowInterruption> gaveUp = new CompletableFuture<>();
        recovery.addListener(new FlowRecovery.Listener() {
            @Override
            public void gaveUp(FlowInterruption interruption) {
                gaveUp.complete(interruption);
            }
        });
        recovery.registrationWanted(connection);
        recovery.transactionTimedOut(connection, "no final response to REGISTER within 500 ms");
        FlowInterruption interruption = gaveUp.get(5, TimeUnit.SECONDS);
        assertTrue(interruption.gaveUp());
        assertEquals(3, interruption.attempts());
        assertEquals(1, flow.closed, "the timed-out connection was closed");
        assertEquals(3, flow.attempts.get());
    }

    @Test
    void withoutAPolicyADropIsRecordedAsGivenUpAtOnce() {
        FakeFlow flow = new FakeFlow(0);
        FlowRecovery recovery = new FlowRecovery(ReconnectPolicy.NONE, timer, () -> 0.5, flow);
        recovery.registrationWanted(connection);
        recovery.connectionClosed(connection, "reset by the server (Connection reset)");
        assertEquals(1, recovery.interruptions().size());
        assertTrue(recovery.interruptions().get(0).gaveUp());
        assertEquals(0, flow.attempts.get());
    }

    @Test
    void stoppingCancelsThePendingAttempt() throws Exception {
        FakeFlow flow = new FakeFlow(0);
        FlowRecovery recovery = new FlowRecovery(ReconnectPolicy.of(Duration.ofMillis(200), Duration.ofMillis(400)),
                timer, () -> 0.0, flow);
        recovery.registrationWanted(connection);
        recovery.connectionClosed(connection, "closed by the server");
        recovery.stop();
        Thread.sleep(300);
        assertEquals(0, flow.attempts.get());
        assertTrue(recovery.interruptions().get(0).gaveUp(), "the phone closed while recovering");
        assertFalse(recovery.recovering());
        recovery.resume();
        recovery.registrationWanted(connection);
        recovery.connectionClosed(connection, "closed by the server");
        assertEquals(2, recovery.interruptions().size(), "after connecting again a failure is recovered again");
        recovery.stop();
    }
}
