package io.sipshield.emulator.media;

import io.sipshield.emulator.rtp.RtpPacket;

/**
 * Where received media goes once it has been authenticated and decrypted: a checker, a meter, a
 * recorder. Sinks are called on the media channel's event loop, in arrival order, and must not
 * block; reading their results from another thread is safe.
 */
@FunctionalInterface
public interface MediaSink {

    /**
     * One RTP packet that arrived.
     *
     * @param packet       the packet (its payload must not be changed)
     * @param arrivalNanos {@link System#nanoTime()} at arrival
     */
    void received(RtpPacket packet, long arrivalNanos);
}
