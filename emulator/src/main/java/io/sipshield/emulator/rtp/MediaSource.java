package io.sipshield.emulator.rtp;

/**
 * Something that produces audio for an RTP stream, one 20 ms frame at a time: 160 samples at
 * 8 kHz, already encoded as the stream's payload.
 */
public interface MediaSource {

    /** Samples in one 20 ms frame at 8 kHz (RFC 3551 §4.5, default packetisation). */
    int SAMPLES_PER_FRAME = 160;

    /** The next frame's payload; a new array the caller may keep. */
    byte[] nextFrame();
}
