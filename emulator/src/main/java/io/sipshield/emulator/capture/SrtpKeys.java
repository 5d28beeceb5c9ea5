package io.sipshield.emulator.capture;

import io.sipshield.emulator.sdp.CryptoAttribute;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The SDES keys (RFC 4568) of one call's media once the offer/answer settled them: what a capture
 * needs to decrypt the SRTP and SRTCP of both directions.
 *
 * @param local    the phone's RTP address
 * @param remote   where the phone sends RTP
 * @param sent     the key the phone protects what it sends with (its own a=crypto line)
 * @param received the key the peer protects what it sends with (the peer's a=crypto line)
 */
public record SrtpKeys(InetSocketAddress local, InetSocketAddress remote, CryptoAttribute sent,
                       CryptoAttribute received) {

    public SrtpKeys {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(received, "received");
    }

    /** Never prints the keys. */
    @Override
    public String toString() {
        return "SrtpKeys[" + local + " <-> " + remote + ", " + sent.suite().sdpName() + "]";
    }
}
