package io.sipshield.harness.cli;

import io.sipshield.emulator.net.IoTransport;
import picocli.CommandLine.Option;

/**
 * {@code --transport auto|nio|epoll}: the event loops' I/O, for the commands that make their own event loops
 * ({@code load}, {@code bench load-server}). A picocli mixin, so the option reads and fails the same in each.
 */
public final class TransportOption {

    static final String NAME = "--transport";

    @Option(names = NAME, paramLabel = "auto|nio|epoll", defaultValue = IoTransport.AUTO,
            description = "Event loop I/O: auto (native epoll where it loads, Linux x86_64; else NIO; default), nio,"
                    + " or epoll (an error where it cannot load).")
    private String text = IoTransport.AUTO;

    /**
     * The transport asked for, which must be able to run here.
     *
     * @throws IllegalArgumentException naming the option: an unknown value (with the allowed ones), or a transport
     *                                  this machine cannot run (with Netty's reason)
     */
    public IoTransport transport() {
        return transport(text);
    }

    /** As {@link #transport()} for {@code value}. */
    static IoTransport transport(String value) {
        IoTransport chosen;
        try {
            chosen = IoTransport.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(NAME + ": " + e.getMessage(), e);
        }
        if (!chosen.isAvailable()) {
            throw new IllegalArgumentException(NAME + ": " + chosen + " is not available on this machine: "
                    + chosen.unavailabilityCause().map(Throwable::toString).orElse("") + "; use nio or auto");
        }
        return chosen;
    }
}
