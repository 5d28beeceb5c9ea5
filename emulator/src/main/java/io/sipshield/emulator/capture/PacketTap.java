package io.sipshield.emulator.capture;

import java.net.InetSocketAddress;

/**
 * Receives what a phone's channels send and receive, as the bytes on the wire (see
 * {@link TappedPacket}). Called on the phone's event loops, from several threads at once when a
 * phone has a call: implementations must be thread-safe and quick (copy and return).
 */
public interface PacketTap {

    /** A TCP connection to {@code remote} was established (the phone connects; it is the client). */
    default void opened(long timestampNanos, InetSocketAddress local, InetSocketAddress remote) {
    }

    /** Bytes went over one of the phone's channels. */
    void packet(TappedPacket packet);

    /** The TCP connection from {@code local} to {@code remote} closed. */
    default void closed(long timestampNanos, InetSocketAddress local, InetSocketAddress remote) {
    }
}
