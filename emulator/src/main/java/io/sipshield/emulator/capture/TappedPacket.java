package io.sipshield.emulator.capture;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What a phone's pipeline saw go over the wire: the raw TLS record bytes of one read or write on
 * its TCP connection (before decryption, after encryption), or one whole UDP datagram (SRTP or SRTCP,
 * still protected). A TCP read is whatever the socket returned, not necessarily whole records.
 *
 * @param timestampNanos when the pipeline saw it, nanoseconds since 1970
 * @param local          the phone's address and port
 * @param remote         the peer's address and port
 * @param direction      which way it went
 * @param transport      TCP (the bytes are a piece of the stream) or UDP (the bytes are one datagram's payload)
 * @param bytes          the bytes, owned by the record (callers must not change the array)
 */
public record TappedPacket(long timestampNanos, InetSocketAddress local, InetSocketAddress remote, Direction direction,
                           Transport transport, byte[] bytes) {

    public TappedPacket {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** The sender's address: the phone's when {@link Direction#SENT}. */
    public InetSocketAddress source() {
        return direction == Direction.SENT ? local : remote;
    }

    /** The receiver's address. */
    public InetSocketAddress destination() {
        return direction == Direction.SENT ? remote : local;
    }

    @Override
    public String toString() {
        return "TappedPacket[" + transport + " " + source() + " -> " + destination() + ", " + bytes.length + " bytes]";
    }
}
