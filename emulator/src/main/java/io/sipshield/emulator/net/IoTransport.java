package io.sipshield.emulator.net;

import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * The I/O transport an event loop group runs: Java NIO (selector, every platform) or Netty's native epoll
 * (Linux; cheaper per datagram and per connection than NIO's selector and JNI path). The native epoll library
 * shipped is {@code netty-transport-native-epoll} for linux-x86_64 only, so {@link #best()} is epoll there and NIO
 * anywhere else. Asking for {@link #EPOLL} where it cannot load fails with Netty's reason; it never falls back.
 *
 * <p>Channels must match their group's transport: use {@link ChannelTypes} with the group in every bootstrap.
 */
public enum IoTransport {

    /** Java NIO: {@code NioIoHandler}, {@code Nio*Channel}; always available. */
    NIO("nio") {
        @Override
        public Optional<Throwable> unavailabilityCause() {
            return Optional.empty();
        }

        @Override
        IoHandlerFactory handlerFactory() {
            return NioIoHandler.newFactory();
        }
    },

    /** Netty's native epoll (edge-triggered, Netty's default): {@code EpollIoHandler}, {@code Epoll*Channel}. */
    EPOLL("epoll") {
        @Override
        public Optional<Throwable> unavailabilityCause() {
            return Optional.ofNullable(Epoll.unavailabilityCause());
        }

        @Override
        IoHandlerFactory handlerFactory() {
            return EpollIoHandler.newFactory();
        }
    };

    /** The keyword {@link #parse} takes for "the best available". */
    public static final String AUTO = "auto";

    private final String keyword;

    IoTransport(String keyword) {
        this.keyword = keyword;
    }

    /** Why this transport cannot run here (empty when it can). */
    public abstract Optional<Throwable> unavailabilityCause();

    abstract IoHandlerFactory handlerFactory();

    /** Whether this transport can run on this machine. */
    public boolean isAvailable() {
        return unavailabilityCause().isEmpty();
    }

    /** This transport, or an {@link IllegalStateException} saying why it cannot run here. */
    public IoTransport requireAvailable() {
        Optional<Throwable> cause = unavailabilityCause();
        if (cause.isPresent()) {
            Throwable why = cause.get();
            throw new IllegalStateException("the " + keyword + " transport is not available on this machine ("
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): " + why, why);
        }
        return this;
    }

    /**
     * A new event loop group on this transport with Netty's default thread factory.
     *
     * @param threads event loop threads, 0 for Netty's default (twice the processors, or
     *                {@code io.netty.eventLoopThreads})
     * @throws IllegalStateException when this transport is not available here
     */
    public IoEventLoopGroup newGroup(int threads) {
        requireThreads(threads);
        return new MultiThreadIoEventLoopGroup(threads, requireAvailable().handlerFactory());
    }

    /** As {@link #newGroup(int)} with the threads made by {@code threadFactory}. */
    public IoEventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
        requireThreads(threads);
        Objects.requireNonNull(threadFactory, "threadFactory");
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, requireAvailable().handlerFactory());
    }

    /** The keyword for this transport: {@code nio} or {@code epoll}. */
    public String keyword() {
        return keyword;
    }

    @Override
    public String toString() {
        return keyword;
    }

    /** {@link #EPOLL} where its native library loads (Linux x86_64 with the shipped jar), else {@link #NIO}. */
    public static IoTransport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /**
     * {@code auto} ({@link #best()}), {@code nio} or {@code epoll}, case-insensitive. Availability is not
     * checked here: {@link #requireAvailable()} or {@link #newGroup} does that.
     *
     * @throws IllegalArgumentException naming the allowed values when {@code text} is none of them
     */
    public static IoTransport parse(String text) {
        String value = Objects.requireNonNull(text, "text").strip().toLowerCase(Locale.ROOT);
        if (value.equals(AUTO)) {
            return best();
        }
        for (IoTransport transport : values()) {
            if (transport.keyword.equals(value)) {
                return transport;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a transport; expected one of " + AUTO + ", "
                + NIO.keyword + ", " + EPOLL.keyword);
    }

    private static void requireThreads(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (Netty's default) or more, got " + threads);
        }
    }
}
