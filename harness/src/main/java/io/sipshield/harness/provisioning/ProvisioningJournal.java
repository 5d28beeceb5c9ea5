package io.sipshield.harness.provisioning;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request the server answered, in the order they finished: a full list for reports and a
 * queue to take them one by one (MockWebServer's {@code takeRequest}), plus an optional listener
 * (the {@code serve} command logs each one). Written from the event loops, read from anywhere.
 */
final class ProvisioningJournal {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningServer.class);

    private final List<ProvisioningRequest> all = new CopyOnWriteArrayList<>();
    private final BlockingQueue<ProvisioningRequest> untaken = new LinkedBlockingQueue<>();
    private final Consumer<ProvisioningRequest> listener;

    ProvisioningJournal(Consumer<ProvisioningRequest> listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    void record(ProvisioningRequest request) {
        all.add(request);
        untaken.add(request);
        LOG.debug("provisioning: {}", request.toLine());
        try {
            listener.accept(request);
        } catch (RuntimeException e) {
            LOG.warn("provisioning request listener failed on {}", request.toLine(), e);
        }
    }

    List<ProvisioningRequest> all() {
        return List.copyOf(all);
    }

    ProvisioningRequest take(Duration timeout) throws InterruptedException {
        return untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
