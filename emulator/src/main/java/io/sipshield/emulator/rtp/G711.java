package io.sipshield.emulator.rtp;

import java.util.Optional;

/**
 * ITU-T G.711 companding of 16-bit linear samples: µ-law (PCMU, RTP payload type 0) and A-law
 * (PCMA, payload type 8), RFC 3551 §4.5.14. Encoding uses the 14-bit (µ-law) or 13-bit (A-law)
 * magnitude of the sample; decoding returns the centre of the quantisation interval, scaled to
 * 16 bits.
 */
public enum G711 {

    /** µ-law. */
    PCMU(0, 32636, 3.17) {
        @Override
        public byte encode(int sample) {
            int s = clamp(sample);
            int sign = s < 0 ? 0x80 : 0;
            int magnitude = Math.min(Math.abs(s), ULAW_CLIP) + ULAW_BIAS;
            int exponent = 31 - Integer.numberOfLeadingZeros(magnitude >> 7);
            int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
            return (byte) ~(sign | (exponent << 4) | mantissa);
        }

        @Override
        public short decode(byte code) {
            return ULAW_DECODE[code & 0xFF];
        }
    },

    /** A-law. */
    PCMA(8, 32768, 3.14) {
        @Override
        public byte encode(int sample) {
            int pcm = clamp(sample) >> 3;
            int mask = 0xD5;
            if (pcm < 0) {
                mask = 0x55;
                pcm = -pcm - 1;
            }
            int segment = pcm < 32 ? 0 : (32 - Integer.numberOfLeadingZeros(pcm)) - 5;
            int mantissa = (pcm >> (segment < 2 ? 1 : segment)) & 0x0F;
            return (byte) (((segment << 4) | mantissa) ^ mask);
        }

        @Override
        public short decode(byte code) {
            return ALAW_DECODE[code & 0xFF];
        }
    };

    /** RTP clock rate of both laws (RFC 3551 §4.5.14). */
    public static final int CLOCK_RATE = 8000;

    /** {@code hertz} when it is a frequency G.711 can carry (1 to 3999 Hz, below the 4 kHz Nyquist limit), else an error. */
    public static int requireCarriedFrequency(int hertz) {
        if (hertz < 1 || hertz >= CLOCK_RATE / 2) {
            throw new IllegalArgumentException("frequency: expected 1-3999 Hz, got " + hertz);
        }
        return hertz;
    }

    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 32635;
    private static final short[] ULAW_DECODE = new short[256];
    private static final short[] ALAW_DECODE = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_DECODE[i] = ulawToLinear(i);
            ALAW_DECODE[i] = alawToLinear(i);
        }
    }

    private final int payloadType;
    private final int overload;
    private final double maxLoadDbm0;

    G711(int payloadType, int overload, double maxLoadDbm0) {
        this.payloadType = payloadType;
        this.overload = overload;
        this.maxLoadDbm0 = maxLoadDbm0;
    }

    /** The code for one 16-bit linear sample; values outside the 16-bit range are clamped. */
    public abstract byte encode(int sample);

    /** The 16-bit linear value of one code. */
    public abstract short decode(byte code);

    /** Encodes {@code samples[offset..offset+count)} into {@code out[outOffset..]}. */
    public void encode(short[] samples, int offset, int count, byte[] out, int outOffset) {
        for (int i = 0; i < count; i++) {
            out[outOffset + i] = encode(samples[offset + i]);
        }
    }

    /** Static RTP payload type (RFC 3551 table 4). */
    public int payloadType() {
        return payloadType;
    }

    /** The encoding name used in {@code a=rtpmap}. */
    public String encodingName() {
        return name();
    }

    /**
     * The 16-bit peak amplitude of a sine wave at {@code dbm0}: G.711 puts the overload point of
     * a sine wave at +3.17 dBm0 (µ-law) and +3.14 dBm0 (A-law).
     */
    public double peakAmplitude(double dbm0) {
        return overload * Math.pow(10, (dbm0 - maxLoadDbm0) / 20);
    }

    /** The law with this static payload type. */
    public static Optional<G711> forPayloadType(int payloadType) {
        for (G711 law : values()) {
            if (law.payloadType == payloadType) {
                return Optional.of(law);
            }
        }
        return Optional.empty();
    }

    private static int clamp(int sample) {
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample));
    }

    private static short ulawToLinear(int code) {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int magnitude = ((((u & 0x0F) << 3) + ULAW_BIAS) << exponent) - ULAW_BIAS;
        return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    private static short alawToLinear(int code) {
        int a = code ^ 0x55;
        int segment = (a >> 4) & 0x07;
        int value = ((a & 0x0F) << 4) + (segment == 0 ? 8 : 0x108);
        if (segment > 1) {
            value <<= segment - 1;
        }
        return (short) ((a & 0x80) != 0 ? value : -value);
    }
}
