package io.sipshield.harness.mock.fault;

import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.util.concurrent.EventExecutor;
import io.sipshield.emulator.fault.CloseConnection;
import io.sipshield.emulator.fault.CoalescedMessages;
import io.sipshield.emulator.fault.FaultMoment;
import io.sipshield.emulator.fault.RestartServer;
import io.sipshield.emulator.fault.ServerFault;
import io.sipshield.emulator.fault.Stall;
import io.sipshield.emulator.fault.TinyRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The connection faults one mock plays, shared by all its connections: which fault acts at which
 * {@link FaultMoment}, how many more connections a {@link CloseConnection} may still close, the
 * {@link FaultJournal}, and the {@link RestartServer} timers. Each accepted connection gets its own
 * handlers from {@link #install}: a {@link RecordShaper} just above TLS (tiny records; the door the
 * coalesced messages go through) and a {@link ConnectionFaultHandler} just before the PBX.
 *
 * <p>Played here: close-connection, stall, tiny-records, coalesced-messages, restart-server. The
 * hostile-server faults (oversized-chain, many-sans, endless-header, garbage-after-handshake) are not
 * connection faults and are not played by these handlers.
 */
public final class ServerFaults {

    /** The name of the handler just above the SslHandler. */
    static final String RECORDS = "fault-records";
    /** The name of the handler just before the PBX. */
    static final String MOMENTS = "fault-moments";
    /** The most plaintext one TLS record carries (RFC 8446 §5.1, RFC 5246 §6.2.1): 2^14 bytes. */
    static final int MAX_RECORD_PLAINTEXT = 16_384;

    private final List<ServerFault> faults;
    private final List<AtomicInteger> closesLeft = new ArrayList<>();
    private final FaultJournal journal = new FaultJournal();
    private final List<ScheduledFuture<?>> restarts = new ArrayList<>();

    public ServerFaults(List<? extends ServerFault> faults) {
        this.faults = List.copyOf(faults);
        for (ServerFault fault : this.faults) {
            closesLeft.add(new AtomicInteger(fault instanceof CloseConnection close ? close.times() : 0));
        }
    }

    public FaultJournal journal() {
        return journal;
    }

    /** Whether any fault needs per-connection handlers. */
    private boolean playsOnConnections() {
        return faults.stream().anyMatch(fault -> fault instanceof CloseConnection || fault instanceof Stall
                || fault instanceof TinyRecords || fault instanceof CoalescedMessages);
    }

    /**
     * Adds this connection's fault handlers to a mock pipeline that has {@code tls} (the SslHandler) and
     * {@code pbx}; does nothing when no connection fault is configured.
     */
    public void install(ChannelPipeline pipeline) {
        if (!playsOnConnections()) {
            return;
        }
        int recordBytes = faults.stream().filter(TinyRecords.class::isInstance).map(TinyRecords.class::cast)
                .mapToInt(TinyRecords::recordBytes).min().orElse(0);
        pipeline.addAfter("tls", RECORDS, recordBytes > 0 ? new RecordShaper(recordBytes)
                : new ChannelOutboundHandlerAdapter());
        pipeline.addBefore("pbx", MOMENTS, new ConnectionFaultHandler(this));
    }

    /** Starts the restart timers, counted from now (the mock's start). */
    public synchronized void scheduleRestarts(EventExecutor timer, Function<Duration, CompletableFuture<Void>> restart) {
        for (ServerFault fault : faults) {
            if (fault instanceof RestartServer restartServer) {
                restarts.add(timer.schedule(() -> {
                    journal.record(RestartServer.NAME, null, "restarting after " + restartServer.after().toMillis() + " ms");
                    restart.apply(restartServer.downtime());
                }, restartServer.after().toNanos(), TimeUnit.NANOSECONDS));
            }
        }
    }

    /** Cancels restarts that have not begun (the mock closes). */
    public synchronized void stop() {
        restarts.forEach(timer -> timer.cancel(false));
        restarts.clear();
    }

    List<CloseConnection> closes(FaultMoment moment) {
        return faults.stream().filter(CloseConnection.class::isInstance).map(CloseConnection.class::cast)
                .filter(close -> close.when() == moment).toList();
    }

    /** Takes one of the connections {@code close} may close; false once its {@code times} are used up. */
    boolean takeClose(CloseConnection close) {
        for (int i = 0; i < faults.size(); i++) {
            if (faults.get(i) == close) {
                return closesLeft.get(i).getAndUpdate(left -> Math.max(0, left - 1)) > 0;
            }
        }
        return false;
    }

    List<Stall> stalls(FaultMoment moment) {
        return faults.stream().filter(Stall.class::isInstance).map(Stall.class::cast)
                .filter(stall -> stall.when() == moment).toList();
    }

    List<CoalescedMessages> coalesced() {
        return faults.stream().filter(CoalescedMessages.class::isInstance).map(CoalescedMessages.class::cast).toList();
    }
}
