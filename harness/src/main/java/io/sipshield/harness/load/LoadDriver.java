package io.sipshield.harness.load;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.sipshield.certs.FixtureCatalog;
import io.sipshield.certs.FixtureName;
import io.sipshield.emulator.Phone;
import io.sipshield.emulator.PhoneSettings;
import io.sipshield.emulator.media.FrameClocks;
import io.sipshield.emulator.tls.TlsContextPool;
import io.sipshield.harness.mock.MockAsterisk;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Runs one {@link LoadRun}: makes the event loop group every phone (and the embedded mock) shares,
 * starts the phones at the run's rate from a 10 ms ticker on one event loop, samples progress on
 * the calling thread, then stops every phone, unregisters them and closes their connections.
 */
final class LoadDriver {

    private static final long TICK_MILLIS = 10;
    /** At most this many phones start per tick (5,000/s), so the ticker never holds its event loop for long. */
    private static final int MAX_STARTS_PER_TICK = 50;
    private static final Duration UNREGISTER_WAIT = Duration.ofSeconds(15);
    /**
     * A load phone's SIP trace: nothing reads it (the load's report is its counts and percentiles), and a phone
     * held for hours would grow by every re-registration, so none is kept or rendered.
     */
    private static final int LOAD_SIP_TRACE = 0;

    private final LoadRun run;
    private final Consumer<LoadSnapshot> progress;
    private final LoadMetrics metrics = new LoadMetrics();
    /** One client TLS context per distinct TLS configuration, shared by the run's phones (not one per phone). */
    private final TlsContextPool tlsContexts = new TlsContextPool();
    /** One 20 ms media clock per event loop, shared by the run's calls (not a timer per call). */
    private final FrameClocks frameClocks = new FrameClocks();
    private final List<TimelinePoint> timeline = new ArrayList<>();

    LoadDriver(LoadRun run, Consumer<LoadSnapshot> progress) {
        this.run = run;
        this.progress = progress;
    }

    LoadResult run() {
        EventLoopGroup group = run.transport().newGroup(run.threads());
        MockAsterisk mock = null;
        try {
            InetSocketAddress address;
            String serverName;
            List<X509Certificate> trust;
            if (run.target() instanceof LoadTarget.Remote remote) {
                address = remote.address();
                serverName = remote.serverName();
                trust = remote.trust();
            } else {
                FixtureCatalog pki = FixtureCatalog.create();
                mock = EmbeddedMock.start(run, pki, group);
                address = mock.address();
                serverName = EmbeddedMock.SERVER_NAME;
                trust = List.of(pki.get(FixtureName.TEST_ROOT).certificate());
            }
            return drive(group, mock, address, serverName, trust);
        } finally {
            if (mock != null) {
                mock.close();
            }
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private LoadResult drive(EventLoopGroup group, MockAsterisk mock, InetSocketAddress address, String serverName,
                             List<X509Certificate> trust) {
        long heapBefore = run.measureHeap() ? usedHeapAfterGc() : -1;
        AtomicReferenceArray<LoadPhone> phones = new AtomicReferenceArray<>(run.phones());
        AtomicInteger launched = new AtomicInteger();
        long startNanos = System.nanoTime();
        EventLoop tickerLoop = group.next();
        ScheduledFuture<?> ticker = tickerLoop.scheduleAtFixedRate(() -> {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            long due = Math.min(run.phones(), (long) Math.floor(seconds * run.rate()) + 1);
            for (int n = 0; n < MAX_STARTS_PER_TICK && launched.get() < due; n++) {
                int index = launched.getAndIncrement();
                LoadPhone phone = newPhone(index, group, address, serverName, trust);
                phones.set(index, phone);
                phone.start();
            }
        }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);

        long deadline = run.duration() == null ? Long.MAX_VALUE : startNanos + run.duration().toNanos();
        long interval = run.progressInterval().toNanos();
        long nextSample = startNanos + interval;
        while (!Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime();
            if (deadline == Long.MAX_VALUE && launched.get() == run.phones() && metrics.finished.get() == run.phones()) {
                deadline = now + run.hold().toNanos(); // every phone is done: hold them, then stop
            }
            if (now >= deadline) {
                break;
            }
            if (now >= nextSample) {
                sample(now - startNanos);
                nextSample += interval;
                continue;
            }
            sleepNanos(Math.min(Math.min(nextSample, deadline) - now, TimeUnit.MILLISECONDS.toNanos(20)));
        }
        ticker.cancel(false);
        LoadSnapshot end = sample(System.nanoTime() - startNanos);
        long heapHeld = run.measureHeap() ? usedHeapAfterGc() : -1;
        int contacts = mock == null ? -1 : mock.registrar().bindings().size();
        stop(phones);
        long last = metrics.lastFirstRegistrationNanos.get();
        return new LoadResult(run.phones(), run.rate(), run.profile().name(), run.target().describe(),
                run.callsPerPhone(), end, metrics.percentiles(), timeline, metrics.firstRegistrations.get(),
                last == 0 ? Duration.ZERO : Duration.ofNanos(last - startNanos), contacts, metrics.mediaSent.get(),
                metrics.mediaEchoed.get(), metrics.srtpAuthFailures.get(), heapBefore, heapHeld, machine(), run.users(),
                metrics.distributions(), run.transport().keyword(), run.mediaClocking().keyword());
    }

    private LoadPhone newPhone(int index, EventLoopGroup group, InetSocketAddress address, String serverName,
                               List<X509Certificate> trust) {
        String user = run.user(index);
        PhoneSettings.Builder settings = PhoneSettings.builder()
                .account(user, run.password(user))
                .serverHost(serverName)
                .serverAddress(address)
                .mediaAddress(run.mediaAddress())
                .registerExpires(run.registerExpires())
                .reconnect(run.reconnect())
                .tlsResumption(run.tlsResumption())
                .frameClocks(run.mediaClocking() == MediaClocking.SHARED ? frameClocks : null)
                .mediaTimeline(false)
                .sipTraceLimit(LOAD_SIP_TRACE);
        trust.forEach(settings::trust);
        return new LoadPhone(Phone.create(run.profile(), settings.build(), group, tlsContexts), run, metrics,
                group.next());
    }

    private LoadSnapshot sample(long elapsedNanos) {
        LoadSnapshot snapshot = metrics.snapshot(Duration.ofNanos(elapsedNanos));
        timeline.add(new TimelinePoint(snapshot.elapsed(), snapshot.registered(), snapshot.inCall()));
        progress.accept(snapshot);
        return snapshot;
    }

    /** Stops every phone, waits for their unregistrations (bounded), then closes the connections. */
    private void stop(AtomicReferenceArray<LoadPhone> phones) {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (int i = 0; i < phones.length(); i++) {
            LoadPhone phone = phones.get(i);
            if (phone != null) {
                stopping.add(phone.stop(run.unregisterAtEnd()));
            }
        }
        try {
            CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new))
                    .get(UNREGISTER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // unregistering is a courtesy to the server: the connections close below either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < phones.length(); i++) {
            LoadPhone phone = phones.get(i);
            if (phone != null) {
                phone.close();
            }
        }
    }

    /** Sleeps; an interrupt ends the wait and stays set, so the run stops and cleans up. */
    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(Math.max(nanos, 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Used heap after asking for a full GC twice (System.gc() is a request; twice settles most collectors). */
    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String machine() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.availableProcessors() + " processors, max heap " + runtime.maxMemory() / (1024 * 1024) + " MiB, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", " + LocalDate.now();
    }
}
