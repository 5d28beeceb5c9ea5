package io.sipshield.emulator.rtp;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Numbers the packets of one outgoing RTP stream (RFC 3550 §5.1): one SSRC and payload type,
 * sequence numbers from a random start adding 1 per packet (mod 2^16), timestamps from a random
 * start adding one frame's samples per packet (mod 2^32). Confined to one thread.
 */
public final class RtpPacketizer {

    private final long ssrc;
    private final int payloadType;
    private final int samplesPerFrame;
    private int sequenceNumber;
    private long timestamp;

    private RtpPacketizer(Builder builder) {
        RandomGenerator random = builder.random != null ? builder.random : new SecureRandom();
        this.ssrc = builder.ssrc != null ? builder.ssrc : random.nextLong() & 0xFFFF_FFFFL;
        this.sequenceNumber = builder.sequenceNumber != null ? builder.sequenceNumber : random.nextInt(1 << 16);
        this.timestamp = builder.timestamp != null ? builder.timestamp : random.nextLong() & 0xFFFF_FFFFL;
        this.payloadType = builder.payloadType;
        this.samplesPerFrame = builder.samplesPerFrame;
    }

    /**
     * A stream with this SSRC and payload type, 160 samples per frame, and a random initial
     * sequence number and timestamp.
     */
    public RtpPacketizer(long ssrc, int payloadType, RandomGenerator random) {
        this(builder().ssrc(ssrc).payloadType(payloadType).random(random));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The next packet, marker clear. */
    public RtpPacket next(byte[] payload) {
        return next(payload, false);
    }

    /** The next packet; set the marker on the first packet of a talkspurt (RFC 3551 §4.1). */
    public RtpPacket next(byte[] payload, boolean marker) {
        RtpPacket packet = new RtpPacket(payloadType, marker, sequenceNumber, timestamp, ssrc, payload);
        sequenceNumber = (sequenceNumber + 1) & 0xFFFF;
        timestamp = (timestamp + samplesPerFrame) & 0xFFFF_FFFFL;
        return packet;
    }

    public long ssrc() {
        return ssrc;
    }

    public int payloadType() {
        return payloadType;
    }

    /** The sequence number the next packet will carry. */
    public int nextSequenceNumber() {
        return sequenceNumber;
    }

    /** The timestamp the next packet will carry. */
    public long nextTimestamp() {
        return timestamp;
    }

    /** Stream settings; anything not set is drawn at random (SecureRandom unless {@link #random} is given). */
    public static final class Builder {
        private Long ssrc;
        private int payloadType = G711.PCMU.payloadType();
        private Integer sequenceNumber;
        private Long timestamp;
        private int samplesPerFrame = MediaSource.SAMPLES_PER_FRAME;
        private RandomGenerator random;

        private Builder() {
        }

        public Builder ssrc(long ssrc) {
            if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("ssrc: expected 0 to 2^32-1, got " + ssrc);
            }
            this.ssrc = ssrc;
            return this;
        }

        /** Payload type 0-127. Default 0 (PCMU). */
        public Builder payloadType(int payloadType) {
            if (payloadType < 0 || payloadType > 127) {
                throw new IllegalArgumentException("payloadType: expected 0-127, got " + payloadType);
            }
            this.payloadType = payloadType;
            return this;
        }

        public Builder initialSequenceNumber(int sequenceNumber) {
            if (sequenceNumber < 0 || sequenceNumber > 0xFFFF) {
                throw new IllegalArgumentException("initialSequenceNumber: expected 0-65535, got " + sequenceNumber);
            }
            this.sequenceNumber = sequenceNumber;
            return this;
        }

        public Builder initialTimestamp(long timestamp) {
            if (timestamp < 0 || timestamp > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("initialTimestamp: expected 0 to 2^32-1, got " + timestamp);
            }
            this.timestamp = timestamp;
            return this;
        }

        /** Timestamp increment per packet. Default 160 (20 ms at 8 kHz). */
        public Builder samplesPerFrame(int samples) {
            if (samples < 1) {
                throw new IllegalArgumentException("samplesPerFrame: expected a positive count, got " + samples);
            }
            this.samplesPerFrame = samples;
            return this;
        }

        /** Source of the random SSRC, sequence number and timestamp; seed one for repeatable tests. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public RtpPacketizer build() {
            return new RtpPacketizer(this);
        }
    }
}
